/// Reads an item's `inputs` against what its fee declares: every input known, of its type and
/// in its range, defaults filled in. Errors carry the path inside `inputs` (`omsattning`).
enum FeeItemInputs {
    static func decode(_ value: JSONValue?, for fee: FeeDefinition) throws(FieldError) -> [InputValue] {
        // Appended, not `Array(repeating:count:)`, which looks the element type's metadata up
        // at run time on every call.
        var values: [InputValue?] = []
        values.reserveCapacity(fee.inputs.count)
        for _ in fee.inputs { values.append(nil) }
        if let value {
            guard value.kind == .object else {
                throw FieldError("expected the inputs as a JSON object such as {\"minutes\": 30}, got \(value.kind.name)")
            }
            var unknown: String?
            var failure: FieldError?
            value.forEachMember { key, member in
                guard let index = fee.inputs.firstIndex(where: { $0.name.utf8.elementsEqual(key) }) else {
                    unknown = String(decoding: key, as: UTF8.self)
                    return false
                }
                do throws(FieldError) { values[index] = try read(member, as: fee.inputs[index]) } catch {
                    failure = error.prefixed(.key(fee.inputs[index].name))
                    return false
                }
                return true
            }
            if let unknown {
                let known = fee.inputs.map(\.name).joined(separator: ", ")
                throw FieldError("unknown input \"\(unknown)\"; the fee \(fee.key) takes \(known.isEmpty ? "no inputs" : "only: " + known)",
                                 at: JSONPath([.key(unknown)]))
            }
            if let failure { throw failure }
        }
        var result: [InputValue] = []
        result.reserveCapacity(values.count)
        for (index, input) in fee.inputs.enumerated() {
            guard let value = values[index] ?? input.defaultValue else {
                throw FieldError("missing required input \"\(input.name)\" of the fee \(fee.key)\(describe(input))",
                                 at: JSONPath([.key(input.name)]))
            }
            result.append(value)
        }
        return result
    }

    /// One input value, checked against its declaration.
    static func read(_ value: JSONValue, as input: FeeInput) throws(FieldError) -> InputValue {
        switch input.kind {
        case .integer(let range):
            return .integer(try Read.integer(value, in: range))
        case .decimal(let scale, let min, let max):
            // The message is made only for a value that fails.
            func expectation() -> String {
                let example = scale == 0 ? "150" : "150." + String("2500".prefix(scale))
                return "expected a decimal string from \(min) to \(max) with at most \(scale) decimals, e.g. \"\(example)\""
            }
            guard value.kind == .string else { throw FieldError("\(expectation()); got \(value.kind.name)") }
            let text = try Read.string(value, length: 1...40)
            guard let number = ScaledDecimal.parse(text, maxScale: scale, allowNegative: true) else {
                throw FieldError("\(expectation()); got \"\(text)\"")
            }
            guard !(Exact.plain(number) < Exact.plain(min)), !(Exact.plain(max) < Exact.plain(number)) else {
                throw FieldError("expected a decimal from \(min) to \(max), got \"\(text)\"")
            }
            return .decimal(number.normalized)
        case .choice(let values):
            let text = try Read.string(value, length: 1...60)
            guard values.contains(text) else {
                throw FieldError("expected one of: \(values.joined(separator: ", ")); got \"\(text)\"")
            }
            return .choice(text)
        }
    }

    private static func describe(_ input: FeeInput) -> String {
        switch input.kind {
        case .integer(let range): " (an integer from \(range.lowerBound) to \(range.upperBound))"
        case .decimal(_, let min, let max): " (a decimal string from \(min) to \(max))"
        case .choice(let values): " (one of: \(values.joined(separator: ", ")))"
        }
    }
}
