import TaxaBase

/// One item of a request to a `fees` tariff: which fee, on which day, with which inputs.
@usableFromInline package struct FeeItem: Sendable {
    @usableFromInline package enum Inputs: Sendable {
        /// As the request wrote them, checked against the fee of the version in force.
        case json(JSONValue?)
        /// Already checked, in the fee's input order (requests of the older kinds).
        case decoded([InputValue])
        /// The one input of a fee that declares one, already checked (an hourly entry's minutes):
        /// a list is made only for an item that starts a line.
        case one(InputValue)
    }

    @usableFromInline package var fee: String
    @usableFromInline package var date: CivilDate
    @usableFromInline package var inputs: Inputs
    /// The fee, when the caller already knows it (the older kinds' adapters): used when it is
    /// a fee of the version in force, else `fee` is looked up.
    @usableFromInline var definition: FeeDefinition? = nil

    @inlinable package init(fee: String, date: CivilDate, inputs: Inputs, definition: FeeDefinition? = nil) {
        self.fee = fee
        self.date = date
        self.inputs = inputs
        self.definition = definition
    }
}
