/// A JSON value built in code, for the documents taxa writes whole: members in the order they
/// are added. Two printers, because two kinds of reader take these documents: `schemaText` for
/// `taxa schema` (short lists of scalars on one line, strings escaped as results escape them)
/// and `pythonText` for the parts the vocabulary generator splices into files kept by hand and
/// written by Python's `json.dumps(indent=2, ensure_ascii=False)` (not a byte around them may
/// change).
package indirect enum JSONTree: Sendable, Equatable {
    case object([(String, JSONTree)])
    case array([JSONTree])
    case string(String)
    case integer(Int64)
    case bool(Bool)
    case null

    /// An object from literal members, in their order.
    package static func fields(_ members: KeyValuePairs<String, JSONTree>) -> JSONTree {
        .object(members.map { ($0.key, $0.value) })
    }

    package static func == (a: JSONTree, b: JSONTree) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.array(let x), .array(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.integer(let x), .integer(let y)): x == y
        case (.bool(let x), .bool(let y)): x == y
        case (.null, .null): true
        default: false
        }
    }

    /// An object's member `key`, for tests and tools that read a document back.
    package subscript(_ key: String) -> JSONTree? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    // MARK: - `taxa schema`'s text

    /// Indented by two spaces, short lists of scalars (enums, required keys) on one line, ending
    /// in a newline.
    package var schemaText: String {
        var out = ""
        write(into: &out, indent: "", python: false)
        return out + "\n"
    }

    // MARK: - Python's `json.dumps(indent=2, ensure_ascii=False)`

    /// The text, its first line unindented and later lines indented by `indent` more spaces.
    package func pythonText(indent: Int = 0) -> String {
        var out = ""
        write(into: &out, indent: String(repeating: " ", count: indent), python: true)
        return out
    }

    /// A string as Python's `json.dumps(…, ensure_ascii=False)` writes it (`\b` and `\f` by
    /// name, DEL and every other scalar above 0x1F as itself).
    package static func pythonQuoted(_ text: String) -> String {
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

    /// A string as the result writer escapes it.
    static func schemaQuoted(_ text: String) -> String {
        JSONWriter.text { $0.string(text) }
    }

    private func write(into out: inout String, indent: String, python: Bool) {
        let inner = indent + "  "
        let quoted = python ? Self.pythonQuoted : Self.schemaQuoted
        switch self {
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (index, (key, value)) in members.enumerated() {
                out += inner + quoted(key) + ": "
                value.write(into: &out, indent: inner, python: python)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        case .array(let elements):
            guard !elements.isEmpty else { out += "[]"; return }
            if !python, elements.count <= 12, elements.allSatisfy(\.isScalar) {
                out += "["
                for (index, element) in elements.enumerated() {
                    if index > 0 { out += ", " }
                    element.write(into: &out, indent: inner, python: python)
                }
                out += "]"
                return
            }
            out += "[\n"
            for (index, element) in elements.enumerated() {
                out += inner
                element.write(into: &out, indent: inner, python: python)
                out += index == elements.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .string(let text): out += quoted(text)
        case .integer(let value): out += String(value)
        case .bool(let value): out += value ? "true" : "false"
        case .null: out += "null"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .object, .array: false
        default: true
        }
    }
}
