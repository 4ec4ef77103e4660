/// The `$defs.block` definition of schemas/tariff-version.schema.json, written from the blocks'
/// declarations; the rest of the schema (amounts, factors, tables, the version file) is kept
/// by hand.
enum VocabularySchema {
    /// The definition of one block: an object with exactly one key, the block's name.
    static func blockDefinition() throws(VocabularyError) -> GeneratedJSON {
        var properties: [GeneratedJSON.Member] = []
        for block in BlockRegistry.blocks {
            let declaration = block.declaration
            var schema = [GeneratedJSON.Member(key: "description", value: .string(declaration.summary))]
            if case .object(let members) = shape(declaration.value) { schema += members }
            var examples: [GeneratedJSON] = []
            for example in declaration.examples {
                let parsed = try VocabularyExamples.value(example, of: block.key)
                examples.append(try GeneratedJSON(parsed))
            }
            schema.append(.init(key: "examples", value: .array(examples)))
            properties.append(.init(key: block.key, value: .object(schema)))
        }
        return .fields([
            "description": .string("exactly one key: the block's name (generated from the blocks' declarations: swift run generate-vocabulary)"),
            "type": .string("object"),
            "minProperties": .integer(1),
            "maxProperties": .integer(1),
            "additionalProperties": .bool(false),
            "properties": .object(properties),
        ])
    }

    /// The schema of a value of `shape`.
    static func shape(_ shape: KeyShape) -> GeneratedJSON {
        func ref(_ name: String) -> GeneratedJSON { .fields(["$ref": .string("#/$defs/\(name)")]) }
        switch shape {
        case .amount: return ref("amount")
        case .factor: return ref("factor")
        case .table: return ref("table")
        case .pipeline: return ref("blocks")
        case .input, .definition: return ref("key")
        case .rounding: return ref("block_rounding")
        case .integer(let range):
            return .fields(["type": .string("integer"), "minimum": .integer(range.lowerBound), "maximum": .integer(range.upperBound)])
        case .decimal(let scale, let signed, _):
            return .fields(["type": .string("string"), "pattern": .string("^\(signed ? "-?" : "")(0|[1-9][0-9]{0,17})(\\.[0-9]{1,\(scale)})?$")])
        case .ratio:
            let digits = String(Limits.factor).count - 1
            return .fields(["type": .string("string"), "pattern": .string("^(0|[1-9][0-9]{0,\(digits)})(\\.[0-9]{1,\(Limits.factorScale)})?$")])
        case .string(let length):
            return .fields(["type": .string("string"), "minLength": .integer(Int64(length.lowerBound)), "maxLength": .integer(Int64(length.upperBound))])
        case .oneOf(let values):
            return .fields(["enum": .array(values.map(GeneratedJSON.string))])
        case .object(let object):
            var members: [GeneratedJSON.Member] = [
                .init(key: "type", value: .string("object")), .init(key: "additionalProperties", value: .bool(false)),
            ]
            let required = object.keys.filter { $0.presence == .required }.map(\.name)
            if !required.isEmpty { members.append(.init(key: "required", value: .array(required.map(GeneratedJSON.string)))) }
            let properties = object.keys.map { key -> GeneratedJSON.Member in
                var schema = [GeneratedJSON.Member(key: "description", value: .string(key.doc))]
                if case .object(let members) = Self.shape(key.shape) { schema += members }
                if case .defaulted(let text) = key.presence, case .integer = key.shape, let value = Int64(text) {
                    schema.append(.init(key: "default", value: .integer(value)))
                }
                return .init(key: key.name, value: .object(schema))
            }
            members.append(.init(key: "properties", value: .object(properties)))
            if !object.atLeastOne.isEmpty {
                members.append(.init(key: "anyOf", value: .array(object.atLeastOne.map { .fields(["required": .array([.string($0)])]) })))
            }
            return .object(members)
        case .array(let element, let count, _):
            return .fields([
                "type": .string("array"), "minItems": .integer(Int64(count.lowerBound)), "maxItems": .integer(Int64(count.upperBound)),
                "items": Self.shape(element),
            ])
        case .cases(let element, let count):
            return .fields([
                "type": .string("object"), "minProperties": .integer(Int64(count.lowerBound)), "maxProperties": .integer(Int64(count.upperBound)),
                "propertyNames": .fields(["minLength": .integer(1), "maxLength": .integer(Int64(Limits.choiceValue))]),
                "additionalProperties": Self.shape(element),
            ])
        case .either(let forms):
            return .fields(["oneOf": .array(forms.map(Self.shape))])
        }
    }

    /// `text` (the committed schema) with its `"block"` definition replaced by the generated one.
    /// The definition is found by its lines: the schema is written with two spaces per level,
    /// so it starts at `    "block": {` and ends at the first line `    }` or `    },` after it.
    static func splice(into text: String) throws(VocabularyError) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: "    \"block\": {"),
            let end = lines[start...].firstIndex(where: { $0 == "    }" || $0 == "    }," })
        else {
            throw VocabularyError("schemas/tariff-version.schema.json: no \"block\" definition under $defs (a line \"    \\\"block\\\": {\")")
        }
        let comma = lines[end].hasSuffix(",") ? "," : ""
        let generated = "    \"block\": " + (try blockDefinition()).text(indent: 4) + comma
        lines.replaceSubrange(start...end, with: [generated])
        return lines.joined(separator: "\n")
    }
}
