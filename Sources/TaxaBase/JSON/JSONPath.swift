/// A location inside a JSON document, printed the way the contract prints it:
/// `entries[2].minutes`, `months["2023-09"]["1-3 år"]`; the whole document is the empty path.
@usableFromInline package struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    @usableFromInline package enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    package var components: [Component]

    @usableFromInline package init(_ components: [Component] = []) { self.components = components }

    @usableFromInline package static let root = JSONPath()

    package func appending(_ component: Component) -> JSONPath {
        JSONPath(components + [component])
    }

    package func appending(_ key: String) -> JSONPath { appending(.key(key)) }

    /// Prepends `component`: paths are assembled from the inside out while an error unwinds,
    /// so the happy path never builds one.
    package mutating func prepend(_ component: Component) {
        components.insert(component, at: 0)
    }

    @usableFromInline package var description: String {
        var text = ""
        for component in components {
            switch component {
            case .index(let index):
                text += "[\(index)]"
            case .key(let key) where JSONPath.isIdentifier(key):
                text += text.isEmpty ? key : "." + key
            case .key(let key):
                text += "[\"" + key.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\"]"
            }
        }
        return text
    }

    private static func isIdentifier(_ key: String) -> Bool {
        guard let first = key.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        return key.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
    }
}

extension String {
    /// Plain substring replacement without Foundation.
    package func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
