import TaxaBase

extension JSONTree {
    /// A block's example as parsed, numbers other than integers refused (the vocabulary writes
    /// decimals as strings).
    static func example(_ value: JSONValue) throws(VocabularyError) -> JSONTree {
        switch value.kind {
        case .object: .object(try value.members.map { (key, value) throws(VocabularyError) in (key, try example(value)) })
        case .array: .array(try value.elements.map { (element) throws(VocabularyError) in try example(element) })
        case .string: .string(value.string ?? "")
        case .integer: .integer(value.integer ?? 0)
        case .bool: .bool(value.bool ?? false)
        case .null: .null
        case .real: throw VocabularyError("an example holds a real number; the vocabulary writes decimals as strings")
        }
    }
}

/// Why the vocabulary could not be generated (a committed file without its anchor, an example
/// that is not JSON).
struct VocabularyError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
