import TaxaBase

/// The block reference of docs/rule-vocabulary.md (the table of blocks and a section per block),
/// written from the blocks' declarations between two marker comments; the prose around them is
/// kept by hand.
enum VocabularyDocs {
    static let begin =
        "<!-- BEGIN block reference: generated from the blocks' declarations (Sources/TaxaEngine/Engine/Blocks) by `swift run generate-vocabulary`; edit those, not this -->"
    static let end = "<!-- END block reference -->"

    /// The reference, from `begin` to `end`.
    static func reference() -> String {
        var out = begin + "\n\n| block | what it does |\n| --- | --- |\n"
        for block in BlockRegistry.blocks { out += "| `\(block.key)` | \(block.declaration.summary) |\n" }
        for block in BlockRegistry.blocks {
            let declaration = block.declaration
            out += "\n### `\(block.key)`\n\n```json\n" + declaration.examples.joined(separator: "\n") + "\n```\n\n"
            out += declaration.doc.trimmingTrailingNewlines + "\n"
            switch declaration.value {
            case .object(let object):
                out += "\n" + table(object, prefix: "")
            case .either(let forms):
                let alone = forms.filter { if case .object = $0 { false } else { true } }.map(phrase)
                out += "\nThe value: \(alone.joined(separator: " or ")), or an object:\n"
                for case .object(let object) in forms { out += "\n" + table(object, prefix: "") }
            case .amount, .ratio, .rounding, .definition, .integer, .decimal, .string, .oneOf:
                out += "\nThe value: \(phrase(declaration.value)).\n"
            case .table:
                out += "\n" + table(GridParser.table, prefix: "")
            case .factor:
                out += "\nThe value: \(phrase(.factorValue)), or an object:\n\n" + table(FactorParser.named, prefix: "")
            case .factorValue:
                out += "\nThe value: \(phrase(declaration.value)).\n"
            case .pipeline, .input, .array, .cases, .nullable, .cells:
                break
            }
            if !declaration.notes.isEmpty { out += "\n" + declaration.notes.trimmingTrailingNewlines + "\n" }
        }
        return out + "\n" + end
    }

    /// A table of an object's keys, nested objects' keys after their own (`bands[].up_to`).
    static func table(_ object: ObjectShape, prefix: String) -> String {
        var rows = prefix.isEmpty ? "| key | |\n| --- | --- |\n" : ""
        for key in object.keys {
            let presence: String
            switch key.presence {
            case .required: presence = "required, \(phrase(key.shape))"
            case .optional: presence = "optional, \(phrase(key.shape))"
            case .defaulted(let value): presence = "optional, \(phrase(key.shape)), default \(value)"
            }
            rows += "| `\(prefix)\(key.name)` | \(presence): \(key.doc) |\n"
            if case .array(.object(let inner), _, _, _) = key.shape { rows += table(inner, prefix: "\(prefix)\(key.name)[].") }
            if case .object(let inner) = key.shape { rows += table(inner, prefix: "\(prefix)\(key.name).") }
        }
        if !object.atLeastOne.isEmpty { rows += "| | at least one of \(alternatives(object.atLeastOne.map { "`\(prefix)\($0)`" })) |\n" }
        if !object.exactlyOne.isEmpty { rows += "| | exactly one of \(alternatives(object.exactlyOne.map { "`\(prefix)\($0)`" })) |\n" }
        return rows
    }

    /// What a value of `shape` is, in the docs' words.
    static func phrase(_ shape: KeyShape) -> String {
        switch shape {
        case .amount: return "any amount (see *Amounts*)"
        case .factor: return "a factor (as `multiply`'s)"
        case .factorValue:
            return "a decimal string from 0 to \(number(Limits.multiplyFactor)) with at most \(Limits.factorScale) decimals"
        case .table: return "a table"
        case .pipeline: return "\(range(1...Int64(Limits.blocks))) blocks"
        case .input(let numeric): return numeric ? "the name of an integer or decimal input of the fee" : "the name of an input of the fee"
        case .definition: return "the name of a definition under `definitions`"
        case .integer(let bounds): return "an integer \(range(bounds))"
        case .decimal(let scale, let signed, let positive):
            return "a decimal string with at most \(scale) decimals" + (signed ? ", may be negative" : "") + (positive ? ", above 0" : "")
        case .ratio: return "a decimal string from 0 to \(number(Limits.factor)) with at most \(Limits.factorScale) decimals"
        case .string(let length): return "a string of \(range(Int64(length.lowerBound)...Int64(length.upperBound))) characters"
        case .oneOf(let values): return alternatives(values.map { "`\($0)`" })
        case .rounding:
            let modes = RoundingMode.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
            return "a rounding rule `{\"step\", \"mode\"}`: `step` an amount above 0 with at most 2 decimals, `mode` one of \(modes)"
        case .object: return "an object"
        case .array(let element, let count, let noun, let distinct):
            let array = "an array of \(range(Int64(count.lowerBound)...Int64(count.upperBound))) \(distinct ? "distinct " : "")\(noun)"
            if case .object = element { return array }
            return array + ", each \(phrase(element))"
        case .nullable(let shape): return "\(phrase(shape)) or `null`"
        case .cells: return "arrays nested one level per key, in the keys' order"
        case .cases(let element, let count):
            return "an object of \(range(Int64(count.lowerBound)...Int64(count.upperBound))) cases keyed by a value the input can take, each \(phrase(element))"
        case .either(let forms): return forms.map(phrase).joined(separator: " or ")
        }
    }

    /// "`a`, `b` or `c`".
    static func alternatives(_ names: [String]) -> String {
        names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names.last!
    }

    /// "1–1 000 000".
    static func range(_ bounds: ClosedRange<Int64>) -> String {
        bounds.lowerBound == bounds.upperBound ? number(bounds.lowerBound) : "\(number(bounds.lowerBound))–\(number(bounds.upperBound))"
    }

    /// An integer with its thousands apart, as the docs write it ("10 000").
    static func number(_ value: Int64) -> String {
        var digits = String(value.magnitude)
        var groups: [Substring] = []
        while digits.count > 3 {
            groups.insert(Substring(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(Substring(digits), at: 0)
        return (value < 0 ? "-" : "") + groups.joined(separator: " ")
    }

    /// `text` (the committed page) with the part between the markers replaced by `reference()`.
    static func splice(into text: String) throws(VocabularyError) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: begin), let stop = lines[start...].firstIndex(of: end) else {
            throw VocabularyError("docs/rule-vocabulary.md: no block reference between the lines \"\(begin)\" and \"\(end)\"")
        }
        lines.replaceSubrange(start...stop, with: [reference()])
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate var trimmingTrailingNewlines: String {
        var text = self
        while text.last == "\n" { text.removeLast() }
        return text
    }
}

/// The blocks' examples, read as JSON.
enum VocabularyExamples {
    /// `body` applied to the value under `key` of `example`, which must be an object with that
    /// one key. The value is a view into the parsed example, valid only inside `body`.
    static func read<T>(_ example: String, of key: String, _ body: (JSONValue) throws(VocabularyError) -> T) throws(VocabularyError) -> T {
        let document: JSONDocument
        switch JSONDocument.parse(Array(example.utf8)) {
        case .success(let parsed): document = parsed
        case .failure(let error): throw VocabularyError("the example \(example) of \"\(key)\" is not JSON: \(error.message)")
        }
        return try document.withValue { (root) throws(VocabularyError) -> T in
            let members = root.members
            guard members.count == 1, members[0].key == key else {
                throw VocabularyError("the example \(example) of \"\(key)\" is not an object with the one key \"\(key)\"")
            }
            return try body(members[0].value)
        }
    }
}

/// The generated parts of the committed files, from the blocks' declarations: what
/// `generate-vocabulary` writes and what the tests compare the committed files with.
package enum BlockVocabulary {
    package static let schemaPath = "schemas/tariff-version.schema.json"
    package static let docsPath = "docs/rule-vocabulary.md"

    /// The schema text `committed` with its block definition as generated.
    package static func schema(_ committed: String) throws -> String { try VocabularySchema.splice(into: committed) }

    /// The page text `committed` with its block reference as generated.
    package static func docs(_ committed: String) throws -> String { try VocabularyDocs.splice(into: committed) }
}
