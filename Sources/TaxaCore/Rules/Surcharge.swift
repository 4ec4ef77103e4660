/// A priced percentage request: the surcharge on the salary cost at the rate in force.
public struct Surcharge: Sendable, Equatable {
    public var date: CivilDate
    public var version: TariffVersion
    public var percent: ScaledDecimal
    public var salaryCost: Money
    /// salary cost × percent ÷ 100 in kronor, exact (e.g. "5824.687106"), before rounding.
    public var unrounded: String
    public var amount: Money
    public var text: String
    /// The derivation in Swedish, present when the request asked for `explain`.
    public var explanation: [String]?
    public var provenance: RuleDigest
}
