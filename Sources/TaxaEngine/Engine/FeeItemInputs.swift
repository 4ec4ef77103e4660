import TaxaBase

/// Reads an item's `inputs` against what its fee declares: every input known, of its type and
/// in its range, defaults filled in. Errors carry the path inside `inputs` (`omsattning`).
package enum FeeItemInputs {
    static func decode(_ value: JSONValue?, for fee: FeeDefinition) throws(FieldError) -> LineInputs {
        // A fee of one input (the common case: minutes, m³, a turnover) has it held in place:
        // a list of one would be an allocation per item.
        switch fee.inputs.count {
        case 0:
            try decode(value, for: fee) { _, _ in }
            return LineInputs([])
        case 1:
            var one = InputValue.integer(0)
            try decode(value, for: fee) { _, read in one = read }
            return LineInputs(one: one)
        default:
            // The list holds the values as they are read (placeholders until then; which inputs
            // were given is kept apart): one list per item, no list of optionals.
            // (Appended, not `Array(repeating:count:)`: that asks the runtime for the list's
            // type metadata on every call.)
            var result: [InputValue] = []
            result.reserveCapacity(fee.inputs.count)
            for _ in fee.inputs { result.append(.integer(0)) }
            try decode(value, for: fee) { index, read in result[index] = read }
            return LineInputs(result)
        }
    }

    /// Reads `value` against the fee's inputs and hands `store` each input's value by its index,
    /// given or by default.
    private static func decode(
        _ value: JSONValue?, for fee: FeeDefinition, store: (Int, InputValue) -> Void
    ) throws(FieldError) {
        let inputs = fee.inputs
        var given = Given(count: inputs.count)
        if let value {
            guard value.kind == .object else {
                throw FieldError("expected the inputs as a JSON object such as {\"minutes\": 30}, got \(value.kind.name)")
            }
            var unknown: String?
            var failure: FieldError?
            value.forEachMember { key, member in
                guard let index = fee.inputNames.index(of: key) else {
                    unknown = String(decoding: key, as: UTF8.self)
                    return false
                }
                do throws(FieldError) { store(index, try read(member, as: inputs, index)) } catch {
                    failure = error.prefixed(.key(inputs[index].name))
                    return false
                }
                given.insert(index)
                return true
            }
            if let unknown { throw unknownInput(unknown, of: fee) }
            if let failure { throw failure }
        }
        for index in inputs.indices where !given.contains(index) {
            guard let value = inputs[index].defaultValue else { throw missingInput(inputs[index], of: fee) }
            store(index, value)
        }
    }

    /// The error for an input the fee does not declare.
    static func unknownInput(_ name: String, of fee: FeeDefinition) -> FieldError {
        let known = fee.inputs.map(\.name).joined(separator: ", ")
        return FieldError(
            "unknown input \"\(name)\"; the fee \(fee.key) takes \(known.isEmpty ? "no inputs" : "only: " + known)",
            at: JSONPath([.key(name)]))
    }

    /// The error for a required input (one without a default) that an item leaves out.
    static func missingInput(_ input: FeeInput, of fee: FeeDefinition) -> FieldError {
        FieldError("missing required input \"\(input.name)\" of the fee \(fee.key)\(describe(input))", at: JSONPath([.key(input.name)]))
    }

    /// Every problem of an item's `inputs`, in the order of its members and then the missing
    /// ones: what `decode` stops at first, all of them (for an error record's `errors`).
    package static func problems(_ value: JSONValue?, for fee: FeeDefinition) -> [FieldError] {
        var problems: [FieldError] = []
        var given = Set<String>()
        if let value {
            guard value.kind == .object else {
                return [FieldError("expected the inputs as a JSON object such as {\"minutes\": 30}, got \(value.kind.name)")]
            }
            for (name, member) in value.members where problems.count < Limits.errorsListed {
                guard let index = fee.inputIndex(name) else {
                    problems.append(unknownInput(name, of: fee))
                    continue
                }
                given.insert(name)
                do throws(FieldError) { _ = try read(member, as: fee.inputs, index) } catch { problems.append(error.prefixed(.key(name))) }
            }
        }
        for input in fee.inputs where !given.contains(input.name) && input.defaultValue == nil {
            problems.append(missingInput(input, of: fee))
        }
        return problems
    }

    /// Which of a fee's inputs an item gave, one bit each: a fee declares at most
    /// `Limits.inputs` (20) inputs, which the loader checks.
    private struct Given {
        var bits: UInt64 = 0

        init(count: Int) { assert(count <= 64, "a fee declares at most Limits.inputs inputs") }

        mutating func insert(_ index: Int) { bits |= 1 << UInt64(index) }

        func contains(_ index: Int) -> Bool { bits & (1 << UInt64(index)) != 0 }
    }

    /// One input value, checked against its declaration.
    static func read(_ value: JSONValue, as input: FeeInput) throws(FieldError) -> InputValue {
        try read(value, as: [input], 0)
    }

    static func read(_ value: JSONValue, as inputs: [FeeInput], _ index: Int) throws(FieldError) -> InputValue {
        switch inputs[index].kind {
        case .integer(let range):
            return .integer(try Read.integer(value, in: range))
        case .decimal(let scale, let min, let max):
            // The message is made only for a value that fails.
            func expectation() -> String {
                let example = scale == 0 ? "150" : "150." + String("2500".prefix(scale))
                return "expected a decimal string from \(min) to \(max) with at most \(scale) decimals, e.g. \"\(example)\""
            }
            guard value.kind == .string else { throw FieldError("\(expectation()); got \(value.kind.name)") }
            let text = try Read.string(value, length: 1...Limits.decimalLength)
            guard let number = ScaledDecimal.parse(text, maxScale: scale, allowNegative: true) else {
                throw FieldError("\(expectation()); got \"\(text)\"")
            }
            guard !number.isLess(than: min), !max.isLess(than: number) else {
                throw FieldError("expected a decimal from \(min) to \(max), got \"\(text)\"")
            }
            return .decimal(number.normalized)
        case .choice(let values):
            let text = try Read.string(value, length: 1...Limits.choiceValue)
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

extension ScaledDecimal {
    /// `self < other` exactly: both at the larger scale in 128 bits (an input's range is checked
    /// per item; an `Exact` for each side would reduce by a gcd first).
    func isLess(than other: ScaledDecimal) -> Bool {
        let difference = abs(scale - other.scale)
        guard difference <= 18 else { return Exact.plain(self) < Exact.plain(other) }
        let factor = powerOfTen(difference)
        let a = scale < other.scale ? Int128(units) * factor : Int128(units)
        let b = other.scale < scale ? Int128(other.units) * factor : Int128(other.units)
        return a < b
    }
}
