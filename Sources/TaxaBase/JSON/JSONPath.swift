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
        JSONWriter.text(reservingCapacity: 32) { appendText(to: &$0) }
    }

    /// The path as `description` prints it, written into `out` as it is (a JSON string around
    /// it escapes it): error records write a path without building a String from its parts.
    package func appendText(to out: inout JSONWriter) {
        var written = false
        for component in components {
            switch component {
            case .index(let index):
                out.appendByte(UInt8(ascii: "["))
                out.appendNumber(Int64(index))
                out.appendByte(UInt8(ascii: "]"))
            case .key(let key) where JSONPath.isIdentifier(key):
                if written { out.appendByte(UInt8(ascii: ".")) }
                out.appendText(key)
            case .key(let key):
                out.appendText("[\"")
                for byte in key.utf8 {
                    if byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\"") { out.appendByte(UInt8(ascii: "\\")) }
                    out.appendByte(byte)
                }
                out.appendText("\"]")
            }
            written = true
        }
    }

    private static func isIdentifier(_ key: String) -> Bool {
        guard let first = key.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        return key.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
    }
}
