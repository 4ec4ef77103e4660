import TaxaBase

/// A JSON value written as the committed schemas are (Python's `json.dumps(indent=2,
/// ensure_ascii=False)`), so a generated part splices into a hand-kept file without changing
/// a byte around it.
indirect enum GeneratedJSON: Sendable, Equatable {
    case object([Member])
    case array([GeneratedJSON])
    case string(String)
    case integer(Int64)
    case bool(Bool)
    case null

    struct Member: Sendable, Equatable {
        var key: String
        var value: GeneratedJSON
    }

    static func fields(_ members: KeyValuePairs<String, GeneratedJSON>) -> GeneratedJSON {
        .object(members.map { Member(key: $0.key, value: $0.value) })
    }

    /// A parsed value (an example), numbers other than integers refused.
    init(_ value: JSONValue) throws(VocabularyError) {
        switch value.kind {
        case .object: self = .object(try value.members.map { (key, value) throws(VocabularyError) in Member(key: key, value: try GeneratedJSON(value)) })
        case .array: self = .array(try value.elements.map { (element) throws(VocabularyError) in try GeneratedJSON(element) })
        case .string: self = .string(value.string ?? "")
        case .integer: self = .integer(value.integer ?? 0)
        case .bool: self = .bool(value.bool ?? false)
        case .null: self = .null
        case .real: throw VocabularyError("an example holds a real number; the vocabulary writes decimals as strings")
        }
    }

    /// The text, its first line unindented and later lines indented by `indent` more spaces.
    func text(indent: Int = 0) -> String {
        var out = ""
        write(into: &out, indent: String(repeating: " ", count: indent))
        return out
    }

    private func write(into out: inout String, indent: String) {
        let inner = indent + "  "
        switch self {
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (index, member) in members.enumerated() {
                out += inner + Self.quoted(member.key) + ": "
                member.value.write(into: &out, indent: inner)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        case .array(let elements):
            guard !elements.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (index, element) in elements.enumerated() {
                out += inner
                element.write(into: &out, indent: inner)
                out += index == elements.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .string(let text): out += Self.quoted(text)
        case .integer(let value): out += String(value)
        case .bool(let value): out += value ? "true" : "false"
        case .null: out += "null"
        }
    }

    /// A string as Python's `json.dumps(…, ensure_ascii=False)` writes it.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// Why the vocabulary could not be generated (a committed file without its anchor, an example
/// that is not JSON).
struct VocabularyError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
