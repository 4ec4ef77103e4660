import TaxaBase

/// One fee of a tariff version: its inputs, its quantity rule and its price pipeline.
///
/// Immutable and shared by reference: every item of every request priced by the version refers
/// to it.
@usableFromInline package final class FeeDefinition: Sendable {
    package let key: String
    package let name: String
    package let paragraph: String?
    package let text: String
    package let inputs: [FeeInput]
    /// The inputs' names as bytes, for an item's inputs to be found by their bytes in the
    /// request: comparing with each input's String retains and releases it, per member of
    /// every item.
    let inputNames: ByteKeys
    @usableFromInline package let quantity: QuantityRule?
    package let price: [any PriceBlock]
    /// The pipeline as integer arithmetic, when it is a constant price per unit (see `LinearPrice`).
    @usableFromInline let linear: LinearPrice?
    /// The pipeline as integer arithmetic on an amount derived at load, when it is an indexed
    /// price per unit (see `IndexedLinearPrice`).
    @usableFromInline let indexedLinear: IndexedLinearPrice?
    /// The pipeline as one multiplication, when it is a percentage of an input (see `PercentPrice`).
    @usableFromInline let percentOf: PercentPrice?
    /// The fee's position in the file, which orders result lines.
    package let position: Int
    /// Where the fee lies in its file, for messages: `fees.planerad`.
    package let path: JSONPath
    /// The office's accounting codes, copied onto every line of the fee.
    package let accounting: Accounting?
    /// The fee's own VAT, overriding the version's (rate 0: VAT-free).
    package let vat: VATRule?

    package init(
        key: String, name: String, paragraph: String?, text: String, inputs: [FeeInput],
        quantity: QuantityRule?, price: [any PriceBlock], position: Int, path: JSONPath,
        accounting: Accounting? = nil, vat: VATRule? = nil
    ) {
        self.accounting = accounting
        self.vat = vat
        self.key = key
        self.name = name
        self.paragraph = paragraph
        self.text = text
        self.inputs = inputs
        inputNames = ByteKeys(inputs.map(\.name))
        self.quantity = quantity
        self.price = price
        linear = LinearPrice(price)
        indexedLinear = linear == nil ? IndexedLinearPrice(price) : nil
        percentOf = linear == nil && indexedLinear == nil ? PercentPrice(price) : nil
        self.position = position
        self.path = path
    }

    /// The key items are summed under: the group when the fee names one, else the fee itself.
    package var summingKey: String { quantity?.group ?? key }

    package var scope: SummingScope { quantity?.scope ?? .item }

    /// The index of the input named `name` (inputs are few: a linear search beats hashing).
    package func inputIndex(_ name: String) -> Int? {
        inputs.firstIndex { $0.name == name }
    }
}
