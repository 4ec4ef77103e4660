import TaxaBase

/// One item of a request to a `fees` tariff: which fee, on which day, with which inputs.
@usableFromInline package struct FeeItem: Sendable {
    /// `@unchecked`: `.json` holds a view into the request's document (`JSONValue`, not
    /// `Sendable`), read while the request is answered on its thread and never kept beyond it.
    @usableFromInline package enum Inputs: @unchecked Sendable {
        /// As the request wrote them, checked against the fee of the version in force.
        case json(JSONValue?)
        /// The one input of a fee that declares one, already checked (an hourly entry's minutes):
        /// its line holds it in place (`LineInputs`), without a list.
        case one(InputValue)
    }

    @usableFromInline package var fee: String
    @usableFromInline package var date: CivilDate
    @usableFromInline package var inputs: Inputs

    @inlinable package init(fee: String, date: CivilDate, inputs: Inputs) {
        self.fee = fee
        self.date = date
        self.inputs = inputs
    }
}
