import TaxaBase
import TaxaEngine

/// Every error of a refused request, in the order of the request's text: the `errors` list of
/// an error record, so that a clerk can fix them all in one round trip.
///
/// Pricing stops at its first problem, which keeps the common path short; only a refused
/// request is read again here, member by member, with the same readers and messages:
/// the envelope, each item's (entry's, month's) own keys and values, its version, fee and
/// inputs, and the item priced on its own (an index value missing for its year, an input above
/// the highest band). The error pricing stopped at is always among them. Problems that only a
/// whole request has (sums too large to compute) come from pricing alone.
package enum RequestDiagnosis {
    /// At most this many errors are listed.
    static let limit = Limits.errorsListed

    /// The errors of `root`, which pricing refused with `first`: in line order, at most `limit`,
    /// never empty.
    static func errors(_ root: JSONValue, tariffs: TariffSet, first: RequestError) -> [RequestError] {
        var collector = Collector(root: root, tariffs: tariffs)
        var found = collector.collect()
        if !found.contains(first) { found.append(first) }
        return Array(inLineOrder(found, root).prefix(limit))
    }

    /// Sorted by where each error's path lies in the request's text; an error about a missing
    /// member stands at the end of the object it is missing from; ties keep their order.
    static func inLineOrder(_ errors: [RequestError], _ root: JSONValue) -> [RequestError] {
        guard errors.count > 1 else { return errors }
        let keys = errors.map { position($0.path, in: root) }
        let order = errors.indices.sorted { a, b in
            keys[a].lexicographicallyPrecedes(keys[b]) || (keys[a] == keys[b] && a < b)
        }
        return order.map { errors[$0] }
    }

    /// Where `path` lies in `root`: the member's place in each object (its count, past the
    /// end, for a member that is not there), each element's index. Members are compared by
    /// their bytes up to the one named: an object may have many.
    static func position(_ path: JSONPath, in root: JSONValue) -> [Int] {
        var key: [Int] = []
        var current: JSONValue? = root
        for component in path.components {
            switch component {
            case .key(let name):
                guard let object = current, object.kind == .object else {
                    key.append(Int.max)
                    current = nil
                    continue
                }
                var index = 0
                var found: JSONValue?
                let wanted = Array(name.utf8)
                object.forEachMember { bytes, value in
                    if bytes.elementsEqual(wanted) {
                        found = value
                        return false
                    }
                    index += 1
                    return true
                }
                key.append(index)
                current = found
            case .index(let index):
                key.append(index)
                current = current.flatMap { $0.kind == .array ? $0.element(index) : nil }
            }
        }
        return key
    }

    /// One pass over a request, collecting instead of stopping.
    private struct Collector {
        let root: JSONValue
        let tariffs: TariffSet
        var found: [RequestError] = []

        init(root: JSONValue, tariffs: TariffSet) {
            self.root = root
            self.tariffs = tariffs
        }

        mutating func add(_ error: FieldError, at prefix: JSONPath) {
            found.append(RequestError(.invalidRequest, error.message, at: prefix.appending(error.path)))
        }

        /// Reads `member` of the object at `prefix` with `read`, noting a missing or invalid one.
        mutating func read<T>(_ member: JSONValue?, _ key: String, at prefix: JSONPath, _ read: (JSONValue) throws(FieldError) -> T) -> T? {
            do throws(FieldError) { return try ObjectFields.read(member, key, read) } catch {
                add(error, at: prefix)
                return nil
            }
        }

        mutating func collect() -> [RequestError] {
            guard root.kind == .object else { return [] }  // pricing's one error says so
            _ = read(root.member("id"), "id", at: .root) { v throws(FieldError) in try Read.string(v, length: 1...Limits.requestID) }
            var tariff: Tariff?
            if let id = read(root.member("tariff"), "tariff", at: .root, { v throws(FieldError) in try Read.string(v, length: 1...Limits.tariffID) }) {
                tariff = tariffs.tariffs[id]
                if tariff == nil { found.append(RequestEnvelope.unknownTariff(id, tariffs)) }
            }
            var asOf: CivilDate?
            var asOfValid = true
            if let value = root.member("as_of") {
                asOf = read(value, "as_of", at: .root, Read.date)
                asOfValid = asOf != nil
            }
            if let value = root.member("explain") { _ = read(value, "explain", at: .root, Read.bool) }
            guard let tariff, let kind = tariff.versions.last?.rules.kind else { return found }

            let kindKeys: [String]
            switch kind {
            case .hourly: kindKeys = HourlyRequest.keys
            case .perCapita: kindKeys = PerCapitaRequest.keys
            case .percentage: kindKeys = PercentageRequest.keys
            case .fees: kindKeys = FeeRequest.keys
            }
            let allowed = RequestEnvelope.keys + kindKeys
            let known = ByteKeys(allowed)
            // Listed in order: beyond the first `limit` of them, none can be among the first `limit` errors.
            var unknown = 0
            root.forEachKey { key in
                guard known.index(of: key) == nil else { return true }
                add(ObjectFields.unknownKey(String(decoding: key, as: UTF8.self), expected: allowed), at: .root)
                unknown += 1
                return unknown < limit
            }
            // Without a valid `as_of` the versions that count are unknown: only shapes are checked.
            let access: IndexAccess? = asOfValid ? IndexAccess(indices: tariffs.indices, asOf: asOf, rates: tariffs.rateCache) : nil
            switch kind {
            case .fees: items(root.member("items"), tariff: tariff, access: access)
            case .hourly: entries(root.member("entries"), tariff: tariff, access: access)
            case .perCapita: months(root.member("months"), tariff: tariff, access: access)
            case .percentage:
                _ = read(root.member("date"), "date", at: .root, Read.date)
                _ = read(root.member("salary_cost"), "salary_cost", at: .root, PercentageRequest.salaryCost)
            }
            return found
        }

        /// A list of 1–`max` objects under `key`, or nil after noting why not.
        mutating func list(_ value: JSONValue?, _ key: String, max: Int, what: String) -> JSONValue? {
            guard let value else {
                add(FieldError("missing required key \"\(key)\"", at: JSONPath([.key(key)])), at: .root)
                return nil
            }
            guard value.kind == .array, (1...max).contains(value.count) else {
                add(
                    FieldError("expected an array of 1–\(max) \(what), got \(value.kind == .array ? String(value.count) : value.kind.name)"),
                    at: JSONPath([.key(key)]))
                return nil
            }
            return value
        }

        static let itemKeys = ByteKeys(FeeRequest.itemKeys)
        static let entryKeys = ByteKeys(HourlyRequest.entryKeys)

        /// The members of an object in a list, each known one read by `member` (given its index
        /// in `keys`); the first `required` of `keys` noted when missing. Keys are compared by
        /// their bytes: only an unknown one becomes a String.
        mutating func members(
            _ value: JSONValue, at path: JSONPath, what: String, keys: ByteKeys, required: Int,
            _ member: (inout Collector, Int, JSONValue) -> Void
        ) -> Bool {
            guard value.kind == .object else {
                add(FieldError("expected \(what) as a JSON object, got \(value.kind.name)"), at: path)
                return false
            }
            var seen: UInt64 = 0
            var unknown = 0
            value.forEachMember { key, element in
                if let index = keys.index(of: key) {
                    seen |= 1 << UInt64(index)
                    member(&self, index, element)
                } else if unknown < limit {
                    unknown += 1
                    add(ObjectFields.unknownKey(String(decoding: key, as: UTF8.self), expected: keys.names), at: path)
                }
                return true
            }
            for index in 0..<required where seen & (1 << UInt64(index)) == 0 {
                add(FieldError("missing required key \"\(keys.names[index])\"", at: JSONPath([.key(keys.names[index])])), at: path)
            }
            return true
        }

        mutating func items(_ value: JSONValue?, tariff: Tariff, access: IndexAccess?) {
            var versions: [TariffVersion] = []
            if let list = list(value, "items", max: FeeRequest.maxItems, what: "items {\"fee\", \"date\", \"inputs\"?}") {
                let before = found.count
                // Items are read in order, and an item's errors all come before the next item's:
                // once `limit` are found, no later item's can be among the first `limit`.
                for index in 0..<list.count where found.count - before < limit {
                    let path = JSONPath([.key("items"), .index(index)])
                    var fee: String?
                    var date: CivilDate?
                    var inputs: JSONValue?
                    let object = members(list.element(index)!, at: path, what: "an item", keys: Self.itemKeys, required: 2) {
                        collector, key, member in
                        switch key {
                        case 0: fee = collector.read(member, "fee", at: path) { v throws(FieldError) in try Read.string(v, length: 1...Limits.identifier) }
                        case 1: date = collector.read(member, "date", at: path, Read.date)
                        default: inputs = member
                        }
                    }
                    guard object, let fee, let date, let access else { continue }
                    if let version = item(index, fee: fee, date: date, inputs: inputs, tariff: tariff, access: access) {
                        versions.append(version)
                    }
                }
            }
            adjustment(tariff: tariff, versions: versions, checked: access != nil)
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
                    _ = try FeeEngine.price([item], tariff: tariff, access: access, adjustment: nil, explain: false)
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

        /// An error of a one-item request as the error of item `index`; errors of the request
        /// as a whole (a sum too large) are pricing's to report.
        mutating func relocate(_ error: RequestError, _ key: String, to index: Int) {
            var components = error.path.components
            guard components.count >= 2, components[0] == .key(key), components[1] == .index(0) else { return }
            components[1] = .index(index)
            found.append(RequestError(error.code, error.message, at: JSONPath(components)))
        }

        /// A reduction or waiver: its shape, and whether the version of the latest item allows one.
        mutating func adjustment(tariff: Tariff, versions: [TariffVersion], checked: Bool) {
            guard let value = root.member("adjustment") else { return }
            guard read(value, "adjustment", at: .root, HourlyRequest.decodeAdjustment) != nil, checked else { return }
            let latest = versions.max { ($0.validFrom, $0.decided) < ($1.validFrom, $1.decided) }
            if let latest, latest.adjustments == nil { found.append(FeeEngine.Cold.noAdjustments(tariff)) }
        }

        mutating func entries(_ value: JSONValue?, tariff: Tariff, access: IndexAccess?) {
            var versions: [TariffVersion] = []
            if let list = list(value, "entries", max: HourlyRequest.maxEntries, what: "time entries") {
                let before = found.count
                for index in 0..<list.count where found.count - before < limit {
                    let path = JSONPath([.key("entries"), .index(index)])
                    var date: CivilDate?
                    var activity: String?
                    var minutes: Int64?
                    let object = members(list.element(index)!, at: path, what: "a time entry", keys: Self.entryKeys, required: 3) {
                        collector, key, member in
                        switch key {
                        case 0: date = collector.read(member, "date", at: path, Read.date)
                        case 1: activity = collector.read(member, "activity", at: path) { v throws(FieldError) in try Read.string(v, length: 1...Limits.activityKey) }
                        case 2:
                            minutes = collector.read(member, "minutes", at: path) { v throws(FieldError) in
                                try Read.integer(v, in: 0...HourlyRequest.maxMinutes)
                            }
                        case 3: _ = collector.read(member, "officer", at: path) { v throws(FieldError) in try Read.string(v, length: 1...200) }
                        default: _ = collector.read(member, "note", at: path) { v throws(FieldError) in try Read.string(v, length: 0...2000) }
                        }
                    }
                    guard object, let date, let activity, let minutes, let access else { continue }
                    if let version = tariff.version(on: date, asOf: access.asOf) { versions.append(version) }
                    // The entry priced alone, as `HourlyFee.price` prices entries (without making its lines).
                    let item = FeeItem(fee: activity, date: date, inputs: .one(.integer(minutes)))
                    do throws(RequestError) {
                        _ = try FeeEngine.price([item], tariff: tariff, access: access, adjustment: nil, explain: false, naming: HourlyFee.naming)
                    } catch {
                        relocate(error, "entries", to: index)
                    }
                }
            }
            adjustment(tariff: tariff, versions: versions, checked: access != nil)
        }

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
            let before = found.count
            value.forEachMember { keyBytes, member in
                let key = String(decoding: keyBytes, as: UTF8.self)
                do throws(FieldError) {
                    months.append(try inside(key) { () throws(FieldError) in try PerCapitaRequest.decodeMonth(key, keyBytes, member) })
                } catch {
                    add(error, at: JSONPath([.key("months")]))
                }
                return found.count - before < limit
            }
            guard let access else { return }
            for month in months {
                do throws(RequestError) {
                    _ = try PerCapitaSettlement.price(PerCapitaRequest(months: [month]), tariff: tariff, asOf: access.asOf, explain: false, cache: access.rates)
                } catch {
                    found.append(error)
                }
            }
        }
    }
}
