import TaxaBase

/// The names a tariff version prices by — what a request may name and a later version must
/// keep, or requests that name them start failing. `taxa check` compares consecutive versions
/// with it. A new kind with named fees adds its case here (the switch makes sure it does).
package struct PricedKeys: Sendable, Equatable {
    /// What one key is, in messages ("activity", "group").
    package var noun: String
    /// Where the keys are in the version file (`activities`, `per_capita.groups`).
    package var path: JSONPath
    /// In file order.
    package var keys: [String]
}

extension TariffVersion {
    /// The keys this version prices by; nil for a kind that names none (a percentage).
    package var pricedKeys: PricedKeys? {
        switch rules.kind {
        case .hourly:
            PricedKeys(noun: "activity", path: JSONPath([.key("activities")]), keys: rules.fees.fees.map(\.key))
        case .perCapita:
            PricedKeys(noun: "group", path: JSONPath([.key("per_capita"), .key("groups")]), keys: rules.fees.fees.map(\.key))
        case .fees:
            PricedKeys(noun: "fee", path: JSONPath([.key("fees")]), keys: rules.fees.fees.map(\.key))
        case .percentage:
            nil
        }
    }
}
