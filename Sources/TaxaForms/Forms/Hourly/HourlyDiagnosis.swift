import TaxaBase
import TaxaEngine

/// Every error of a refused hourly request: each entry's keys and values, the entry priced on
/// its own, then the adjustment.
extension RequestDiagnosis.Collector {
    static let entryKeys = ByteKeys(HourlyRequest.entryKeys)

    mutating func entries(_ value: JSONValue?, tariff: Tariff, access: IndexAccess?) {
        elements(value, "entries", max: HourlyRequest.maxEntries, what: "time entries", tariff: tariff, checked: access != nil) {
            collector, index, path, element in
            var date: CivilDate?
            var activity: String?
            var minutes: Int64?
            let object = collector.members(element, at: path, what: "a time entry", keys: Self.entryKeys, required: 3) {
                collector, key, member in
                switch key {
                case 0: date = collector.read(member, "date", at: path, Read.date)
                case 1:
                    activity = collector.read(member, "activity", at: path) { v throws(FieldError) in try Read.string(v, length: 1...Limits.activityKey) }
                case 2:
                    minutes = collector.read(member, "minutes", at: path) { v throws(FieldError) in
                        try Read.integer(v, in: 0...HourlyRequest.maxMinutes)
                    }
                case 3: _ = collector.read(member, "officer", at: path) { v throws(FieldError) in try Read.string(v, length: 1...Limits.officer) }
                default: _ = collector.read(member, "note", at: path) { v throws(FieldError) in try Read.string(v, length: 0...Limits.note) }
                }
            }
            guard object, let date, let activity, let minutes, let access else { return nil }
            // The entry priced alone, as `HourlyFee.price` prices entries (without making its lines).
            let item = FeeItem(fee: activity, date: date, inputs: .one(.integer(minutes)))
            do throws(RequestError) {
                // As `HourlyFee.price` prices it (without line texts), with the provenance derived
                // at load (only the errors count).
                _ = try FeeEngine.price(
                    [item], tariff: tariff, access: access, adjustment: nil, explain: false, naming: HourlyFee.naming, digests: access.rates,
                    lineTexts: false)
            } catch {
                collector.relocate(error, "entries", to: index)
            }
            return tariff.version(on: date, asOf: access.asOf)
        }
    }
}
