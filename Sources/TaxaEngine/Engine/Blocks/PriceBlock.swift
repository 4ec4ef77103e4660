import TaxaBase

/// One step of a fee's price pipeline, read from one JSON object with one key
/// (`{"fixed": "3450.00"}`). Each block is a file beside this one and is listed in
/// `BlockRegistry`; a new block is a new file and a line there. Its keys are declared in its
/// file (`DeclaredBlock`), from which the schema and the docs are generated.
package protocol PriceBlock: Sendable {
    /// The block's key in tariff files.
    static var key: String { get }
    /// Reads the value under the block's key; `context` says what the fee declares and whether
    /// an amount is already set at this point of the pipeline.
    init(parsing value: JSONValue, context: BlockContext) throws(FieldError)
    /// Whether an amount is set after this block (given whether one was set before it).
    func setsAmount(after amountSet: Bool) -> Bool
    /// Whether the block, on every path it can take, sets a new amount before it reads the
    /// amount so far: an amount set just before it is then lost, an authoring mistake that
    /// `taxa check` reports (`[{"fixed": A}, {"fixed": B}]` prices B).
    var discardsAmountSoFar: Bool { get }
    /// Whether the block always ends by setting an amount of its own that nothing inside it
    /// has read yet (`fixed`, `per_unit`, `percent`, `tiers`, `table`).
    var setsAmountItself: Bool { get }
    func apply(_ state: inout PriceState, _ line: PricingLine) throws(BlockFailure)
    /// The amounts the block depends on, by their path inside the block, for `taxa rates`.
    var amountSources: [(path: JSONPath, source: AmountSource)] { get }
    /// What the block does in Swedish, with its amounts as they are for one fee year
    /// ("lägst 3 500,00 kr"), for `taxa rates`.
    func describe(_ context: DescribeContext) -> String
}

/// What a block's description may use: the fee's inputs and unit, and the fee year's amounts.
package struct DescribeContext {
    package var fee: FeeDefinition
    /// An amount as it is in the fee year: its value and derivation, or why it cannot be known.
    package var amount: (AmountSource) -> String

    func input(_ index: Int) -> String { fee.inputs[index].name }

    /// A pipeline's blocks in order.
    package func pipeline(_ blocks: [any PriceBlock]) -> String {
        blocks.map { $0.describe(self) }.joined(separator: ", ")
    }

    package init(fee: FeeDefinition, amount: @escaping (AmountSource) -> String) {
        self.fee = fee
        self.amount = amount
    }
}

extension PriceBlock {
    /// Reads a block of this type as an existential (what the registry stores).
    static func make(parsing value: JSONValue, context: BlockContext) throws(FieldError) -> any PriceBlock {
        try Self(parsing: value, context: context)
    }

    package var amountSources: [(path: JSONPath, source: AmountSource)] { [] }

    package var discardsAmountSoFar: Bool { false }

    package var setsAmountItself: Bool { false }
}

/// Whether a pipeline sets a new amount before it reads the amount so far (its first block does).
package func discardsAmountSoFar(_ blocks: [any PriceBlock]) -> Bool {
    blocks.first?.discardsAmountSoFar ?? false
}

/// What a block may refer to while it is read.
package struct BlockContext: Sendable {
    package var inputs: [FeeInput]
    package var quantity: QuantityRule?
    /// Whether an amount is set before this block.
    package var amountSet: Bool
    /// The file and the block's path in it, which key values derived at load.
    package var file: String
    package var path: JSONPath
    /// The version file's named definitions (`definitions`), which `{"use": NAME}` refers to.
    var definitions: Definitions? = nil
    /// The version's first day (nil where unknown): indexation checks its decisions against it.
    var validFrom: CivilDate? = nil
    /// How deep the pipeline being read lies: 1 for a fee's price, one more inside each band or case.
    package var depth = 1

    /// The input named by the string `value`, which must be of one of `kinds`.
    func input(_ value: JSONValue, numeric: Bool) throws(FieldError) -> (index: Int, input: FeeInput) {
        let name = try Read.string(value, length: 1...Limits.identifier)
        guard let index = inputs.firstIndex(where: { $0.name == name }) else {
            let known = inputs.map(\.name).joined(separator: ", ")
            throw FieldError("names the input \"\(name)\", which the fee does not declare (declared: \(known.isEmpty ? "none" : known))")
        }
        if numeric, case .choice = inputs[index].kind {
            throw FieldError("names the input \"\(name)\", which is a choice; expected an integer or decimal input")
        }
        return (index, inputs[index])
    }

    /// The values input `index` can take where a block reads it, for refusing rows no request
    /// can reach.
    /// On the fee's quantity input that is the billed quantity (`PricingLine.number`).
    func domain(of index: Int) -> ValueDomain? {
        if let quantity, quantity.inputIndex == index { return ValueDomain.billed(quantity, inputs[index]) }
        return ValueDomain.input(inputs[index])
    }

    /// Whether input `index` is a quantity summed over several items (its values not bounded
    /// by one item's range).
    func isSummedQuantity(_ index: Int) -> Bool { quantity.map { $0.inputIndex == index && $0.scope != .item } ?? false }

    /// Fails unless an amount is set before the block, which adjusts one.
    func requireAmount(_ key: String) throws(FieldError) {
        guard amountSet else {
            throw FieldError(
                "\"\(key)\" adjusts an amount, but none is set before it; start the price with a block that sets one (\(BlockRegistry.setterNames))")
        }
    }
}

/// The running state of one line's pipeline.
@usableFromInline package struct PriceState: Sendable {
    @usableFromInline package var amount: Exact?
    @usableFromInline package var uses: [IndexUse] = []
    /// Explanation sentences, collected only when the request asked for `explain`.
    @usableFromInline package var trace: [String]?
    /// The price per `per` units of a `per_unit` block, for the result line.
    @usableFromInline package var unitPrice: Money?
    @usableFromInline package var per: Int64?
    /// The derivation of an indexed unit price.
    package var rate: RateDerivation?
    /// The amount before the last `round` block, for results that show it unrounded.
    @usableFromInline package var beforeRounding: Exact?

    @inlinable package init(explain: Bool) { trace = explain ? [] : nil }

    /// The state of a linear price or a percentage without explanation (see `LinearPrice`, `PercentPrice`).
    @inlinable init(amount: Exact, unitPrice: Money?, per: Int64?, beforeRounding: Exact?) {
        self.amount = amount
        self.unitPrice = unitPrice
        self.per = per
        self.beforeRounding = beforeRounding
    }

    /// The state of an indexed price per unit (see `IndexedLinearPrice`).
    init(amount: Exact, unitPrice: Money?, per: Int64, beforeRounding: Exact?, uses: [IndexUse], rate: RateDerivation?) {
        self.amount = amount
        self.unitPrice = unitPrice
        self.per = per
        self.beforeRounding = beforeRounding
        self.uses = uses
        self.rate = rate
    }

    /// Whether explanation sentences are collected: blocks build them only then.
    var explaining: Bool { trace != nil }

    mutating func explain(_ text: String) {
        trace?.append(text)
    }

    mutating func record(_ value: AmountValue) {
        // Most lines use one amount: share its (cached) index values rather than copy them.
        if uses.isEmpty { uses = value.uses } else if !value.uses.isEmpty { uses += value.uses }
        if trace != nil { trace! += value.derivation }
    }

    /// The amount set by an earlier block (guaranteed by the checks at load).
    @usableFromInline package var current: Exact { amount ?? .zero }
}

/// What one line is priced with.
package struct PricingLine: Sendable {
    package var fee: FeeDefinition
    package var version: TariffVersion
    package var feeYear: Int
    /// The inputs of the line's (first) item, by the fee's input order.
    package var inputs: LineInputs
    /// The billed quantity after summing, `less` and increments.
    package var quantity: Exact?
    package var access: IndexAccess
    /// Where the blocks record what the line's text shows; nil where no such text is written
    /// (the cells of forms with texts of their own).
    var steps: LineSteps? = nil

    /// The number a decision on the input `index` is made on (a band, a lookup case, a
    /// percentage's base). For the fee's quantity input that is the billed quantity: summed
    /// over the fee's scope, less `less`, in whole increments, what the line charges for. One
    /// item's own value would decide a summed line by whichever item came first (10 + 15 pages
    /// priced as 10). Any other input has one value on the whole line: items are summed only
    /// when their other inputs are equal, and the fees of a group declare the same inputs.
    /// (A choice is no number: zero, refused at load wherever a number is needed.)
    func number(_ index: Int) -> Exact {
        if index == fee.quantity?.inputIndex, let quantity { return quantity }
        return inputs[index].number ?? .zero
    }

    /// Whether decisions on the input `index` are made on the billed quantity.
    func isBilledQuantity(_ index: Int) -> Bool { index == fee.quantity?.inputIndex && quantity != nil }

    /// The value decisions on the input `index` are made on, as messages show it: "25", "150.5".
    func valueText(_ index: Int) -> String {
        isBilledQuantity(index) ? SwedishText.plain(number(index)) : inputs[index].text
    }

    /// The same in Swedish texts: "1 000 000", "150,5".
    func valueSwedish(_ index: Int) -> String {
        isBilledQuantity(index) ? SwedishText.number(number(index)) : inputs[index].swedish
    }

    func amount(_ source: AmountSource, explain: Bool) throws(BlockFailure) -> AmountValue {
        do { return try source.evaluate(version: version, year: feeYear, access: access, explain: explain) } catch {
            throw .amount(error)
        }
    }
}

/// Why a line could not be priced: an input out of the tariff's range (`invalid_request` at the
/// input's path), a combination of inputs the tariff does not offer (an empty cell of a table, a
/// case a lookup leaves out: `not_offered`, the message naming the inputs and their values), an
/// amount that cannot be derived for the item's date (`index_missing`, an indexed amount too
/// large), or arithmetic beyond what can be held exactly.
@usableFromInline package enum BlockFailure: Error, Sendable {
    case input(index: Int, message: String)
    /// `input`: the one input a lookup decided on (the error is then at that input's path).
    case notOffered(message: String, input: Int? = nil)
    case amount(RequestError)
    case request(RequestError)

    @usableFromInline static func overflow(_ error: ArithmeticOverflow) -> BlockFailure { .request(RequestError(error)) }
}
