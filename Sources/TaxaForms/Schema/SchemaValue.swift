import TaxaBase
import TaxaEngine

/// A JSON value built in code, for documents taxa writes whole (a request schema): members in
/// the order they are added, printed with two-space indentation.
package indirect enum SchemaValue: Sendable, Equatable {
    case object([(String, SchemaValue)])
    case array([SchemaValue])
    case string(String)
    case integer(Int64)
    case bool(Bool)

    package static func == (a: SchemaValue, b: SchemaValue) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.array(let x), .array(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.integer(let x), .integer(let y)): x == y
        case (.bool(let x), .bool(let y)): x == y
        default: false
        }
    }

    /// The value printed as indented JSON text, ending in a newline.
    var pretty: String {
        var out = ""
        write(into: &out, indent: "")
        return out + "\n"
    }

    private func write(into out: inout String, indent: String) {
        let inner = indent + "  "
        switch self {
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (index, (key, value)) in members.enumerated() {
                out += inner + SchemaValue.quoted(key) + ": "
                value.write(into: &out, indent: inner)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        case .array(let elements):
            guard !elements.isEmpty else { out += "[]"; return }
            // Short lists of scalars (enums, required keys) stay on one line.
            if elements.count <= 12, elements.allSatisfy({ if case .object = $0 { false } else if case .array = $0 { false } else { true } }) {
                out += "["
                for (index, element) in elements.enumerated() {
                    if index > 0 { out += ", " }
                    element.write(into: &out, indent: inner)
                }
                out += "]"
                return
            }
            out += "[\n"
            for (index, element) in elements.enumerated() {
                out += inner
                element.write(into: &out, indent: inner)
                out += index == elements.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .string(let text): out += SchemaValue.quoted(text)
        case .integer(let value): out += String(value)
        case .bool(let value): out += value ? "true" : "false"
        }
    }

    static func quoted(_ text: String) -> String {
        JSONWriter.text { $0.string(text) }
    }

    /// An object's member `key`, for tests and tools that read a schema back.
    subscript(_ key: String) -> SchemaValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }
}
