import TaxaBase
import TaxaEngine

/// Every error of a refused `items` request: each item's keys, version, fee and inputs, the item
/// priced on its own, then the adjustment.
extension RequestDiagnosis.Collector {
    static let itemKeys = ByteKeys(FeeRequest.itemKeys)

    mutating func items(_ value: JSONValue?, tariff: Tariff, access: IndexAccess?) {
        elements(value, "items", max: FeeRequest.maxItems, what: "items {\"fee\", \"date\", \"inputs\"?}", tariff: tariff, checked: access != nil) {
            collector, index, path, element in
            var fee: String?
            var date: CivilDate?
            var inputs: JSONValue?
            let object = collector.members(element, at: path, what: "an item", keys: Self.itemKeys, required: 2) {
                collector, key, member in
                switch key {
                case 0: fee = collector.read(member, "fee", at: path) { v throws(FieldError) in try Read.string(v, length: 1...Limits.identifier) }
                case 1: date = collector.read(member, "date", at: path, Read.date)
                default: inputs = member
                }
            }
            guard object, let fee, let date, let access else { return nil }
            return collector.item(index, fee: fee, date: date, inputs: inputs, tariff: tariff, access: access)
        }
    }

    /// An item whose own keys are valid: its version, fee and inputs, then the item priced
    /// on its own. Returns its version when it has one.
    mutating func item(_ index: Int, fee key: String, date: CivilDate, inputs: JSONValue?, tariff: Tariff, access: IndexAccess) -> TariffVersion? {
        guard let version = tariff.version(on: date, asOf: access.asOf) else {
            found.append(FeeEngine.Cold.noVersion(tariff, date, access.asOf, item: index, naming: .items))
            return nil
        }
        guard let rules = version.rules.feeRules, let fee = rules.fee(key) else {
            if let rules = version.rules.feeRules {
                found.append(FeeEngine.Cold.unknownFee(key, tariff, version, rules, item: index, naming: .items))
            }
            return version
        }
        let path = JSONPath([.key("items"), .index(index), .key("inputs")])
        let problems = FeeItemInputs.problems(inputs, for: fee).prefix(limit)
        for problem in problems { add(problem, at: path) }
        if problems.isEmpty {
            let item = FeeItem(fee: key, date: date, inputs: .json(inputs))
            do throws(RequestError) {
                // As `FeesForm` prices it (line texts too: they choose how a line is priced), with
                // the provenance derived at load (only the errors count).
                _ = try FeeEngine.price([item], tariff: tariff, access: access, adjustment: nil, explain: false, digests: access.rates)
            } catch {
                if !Self.isTheLines(error, fee: fee) { relocate(error, "items", to: index) }
            }
        }
        return version
    }

    /// Whether an error of an item priced alone belongs to the line it is summed on, not to
    /// the item: a decision on a summed quantity is made on the line's billed quantity (5 + 1
    /// pages may have a price where 5 alone has none), and a line summed over the request takes
    /// the year of its latest item. Such errors come from pricing the whole request.
    static func isTheLines(_ error: RequestError, fee: FeeDefinition) -> Bool {
        guard let rule = fee.quantity, rule.scope != .item else { return false }
        if rule.scope == .request, error.code == .indexMissing { return true }
        let quantity = JSONPath([.key("items"), .index(0), .key("inputs"), .key(fee.inputs[rule.inputIndex].name)])
        return error.path.components.starts(with: quantity.components)
    }
}
