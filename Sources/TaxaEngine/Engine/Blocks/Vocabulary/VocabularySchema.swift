import TaxaBase

/// The `$defs.block` definition of schemas/tariff-version.schema.json, written from the blocks'
/// declarations; the rest of the schema (amounts, factors, tables, the version file) is kept
/// by hand.
enum VocabularySchema {
    /// The definition of one block: an object with exactly one key, the block's name.
    static func blockDefinition() throws(VocabularyError) -> JSONTree {
        var properties: [(String, JSONTree)] = []
        for block in BlockRegistry.blocks {
            let declaration = block.declaration
            var schema: [(String, JSONTree)] = [("description", .string(declaration.summary))]
            if case .object(let members) = shape(declaration.value) { schema += members }
            var examples: [JSONTree] = []
            for example in declaration.examples {
                examples.append(try VocabularyExamples.read(example, of: block.key) { (parsed) throws(VocabularyError) in try JSONTree.example(parsed) })
            }
            schema.append(("examples", .array(examples)))
            properties.append((block.key, .object(schema)))
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
    static func shape(_ shape: KeyShape) -> JSONTree {
        func ref(_ name: String) -> JSONTree { .fields(["$ref": .string("#/$defs/\(name)")]) }
        switch shape {
        case .amount: return ref("amount")
        case .factor: return ref("factor")
        case .factorValue: return ref("factor_value")
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
            return .fields(["enum": .array(values.map(JSONTree.string))])
        case .object(let object):
            var members: [(String, JSONTree)] = [
                ("type", .string("object")), ("additionalProperties", .bool(false)),
            ]
            let required = object.keys.filter { $0.presence == .required }.map(\.name)
            if !required.isEmpty { members.append(("required", .array(required.map(JSONTree.string)))) }
            let properties = object.keys.map { key -> (String, JSONTree) in
                var schema: [(String, JSONTree)] = [("description", .string(key.doc))]
                if case .object(let members) = Self.shape(key.shape) { schema += members }
                if case .defaulted(let text) = key.presence, case .integer = key.shape, let value = Int64(text) {
                    schema.append(("default", .integer(value)))
                }
                return (key.name, .object(schema))
            }
            members.append(("properties", .object(properties)))
            if !object.atLeastOne.isEmpty {
                members.append(("anyOf", .array(object.atLeastOne.map { .fields(["required": .array([.string($0)])]) })))
            }
            if !object.exactlyOne.isEmpty {
                members.append(("oneOf", .array(object.exactlyOne.map { .fields(["required": .array([.string($0)])]) })))
            }
            return .object(members)
        case .array(let element, let count, _, let distinct):
            var members: [(String, JSONTree)] = [
                ("type", .string("array")), ("minItems", .integer(Int64(count.lowerBound))),
                ("maxItems", .integer(Int64(count.upperBound))),
            ]
            if distinct { members.append(("uniqueItems", .bool(true))) }
            members.append(("items", Self.shape(element)))
            return .object(members)
        case .nullable(let shape):
            return .fields(["oneOf": .array([Self.shape(shape), .fields(["type": .string("null")])])])
        case .cells:
            return .fields(["type": .string("array"), "minItems": .integer(1)])
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

    /// The table of `table` and of a `multiply` factor.
    static func tableDefinition() -> JSONTree {
        guard case .object(let members) = shape(.object(GridParser.table)) else { return .null }
        let description: (String, JSONTree) = (
            "description",
            .string(
                "a grid keyed by 1–\(GridParser.maxKeys) inputs as the tariff prints it: cells nested one array per key, in the keys' order; null is an empty cell (not offered) (generated from GridParser's declaration)"
            )
        )
        return .object([description] + members)
    }

    /// A factor: a constant, or an object naming where it is read from.
    static func factorDefinition() -> JSONTree {
        .fields([
            "description": .string(
                "a number as a string, or an object with exactly one of \(FactorParser.kinds.joined(separator: ", ")) (and name, in multiply) (generated from FactorParser's declaration)"
            ),
            "oneOf": .array([shape(.factorValue), shape(.object(FactorParser.named))]),
        ])
    }

    /// `text` (the committed schema) with its generated definitions (`$defs.block`,
    /// `$defs.table`, `$defs.factor`) replaced.
    static func splice(into text: String) throws(VocabularyError) -> String {
        var text = try replacing("block", with: try blockDefinition(), in: text)
        text = try replacing("table", with: tableDefinition(), in: text)
        return try replacing("factor", with: factorDefinition(), in: text)
    }

    /// `text` with the definition `name` under `$defs` replaced by `value`. The definition is
    /// found by its lines: the schema is written with two spaces per level, so it starts at
    /// `    "NAME": {` and ends at the first line `    }` or `    },` after it.
    static func replacing(_ name: String, with value: JSONTree, in text: String) throws(VocabularyError) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let opening = "    " + JSONTree.pythonQuoted(name) + ": {"
        guard let start = lines.firstIndex(of: opening), let end = lines[start...].firstIndex(where: { $0 == "    }" || $0 == "    }," }) else {
            throw VocabularyError("schemas/tariff-version.schema.json: no line \(opening) (the definition $defs.\(name))")
        }
        let comma = lines[end].hasSuffix(",") ? "," : ""
        lines.replaceSubrange(start...end, with: ["    " + JSONTree.pythonQuoted(name) + ": " + value.pythonText(indent: 4) + comma])
        return lines.joined(separator: "\n")
    }
}
