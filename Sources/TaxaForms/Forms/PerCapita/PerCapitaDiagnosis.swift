import TaxaBase
import TaxaEngine

/// Every error of a refused per-capita request.
extension RequestDiagnosis.Collector {
    /// Each month as the form reads it, then settled on its own (its groups, its version).
    mutating func months(_ value: JSONValue?, tariff: Tariff, access: IndexAccess?) {
        guard let value else {
            add(FieldError("missing required key \"months\"", at: JSONPath([.key("months")])), at: .root)
            return
        }
        do throws(FieldError) { try PerCapitaRequest.checkMonths(value) } catch {
            add(error, at: JSONPath([.key("months")]))
            return
        }
        var months: [MonthCounts] = []
        var counts: [GroupCount] = []
        var names: [UInt8] = []
        let before = found.count
        value.forEachMember { keyBytes, member in
            do throws(FieldError) {
                months.append(try PerCapitaRequest.decodeMonth(keyBytes, member, counts: &counts, names: &names, months: value.count))
            } catch {
                add(error.prefixed(.key(String(decoding: keyBytes, as: UTF8.self))), at: JSONPath([.key("months")]))
            }
            return found.count - before < limit
        }
        guard let access else { return }
        for month in months {
            do throws(RequestError) {
                _ = try PerCapitaSettlement.price(
                    PerCapitaRequest(months: [month], counts: counts, names: names), tariff: tariff, asOf: access.asOf, explain: false, cache: access.rates)
            } catch {
                found.append(error)
            }
        }
    }
}
