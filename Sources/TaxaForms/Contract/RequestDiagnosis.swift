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
                object.forEachMember { bytes, value in
                    if bytes.elementsEqual(name.utf8) {
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

    /// Every key a request of `kind` may have (the envelope's, then the form's): the list its
    /// decoder checks against, made once.
    static func allowedKeys(_ kind: TariffRules.Kind) -> ByteKeys {
        switch kind {
        case .hourly: HourlyRequest.allowedKeys
        case .perCapita: PerCapitaRequest.allowedKeys
        case .percentage: PercentageRequest.allowedKeys
        case .fees: FeeRequest.allowedKeys
        }
    }

    /// One pass over a request, collecting instead of stopping.
    struct Collector {
        let root: JSONValue
        let tariffs: TariffSet
        var found: [RequestError] = []
        /// At most this many errors are listed (see `RequestDiagnosis.limit`).
        var limit: Int { RequestDiagnosis.limit }

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

            let form = FormRegistry.form(kind)
            let known = RequestDiagnosis.allowedKeys(kind)
            // Listed in order: beyond the first `limit` of them, none can be among the first `limit` errors.
            var unknown = 0
            root.forEachKey { key in
                guard known.index(of: key) == nil else { return true }
                add(ObjectFields.unknownKey(String(decoding: key, as: UTF8.self), expected: known.names), at: .root)
                unknown += 1
                return unknown < limit
            }
            // Without a valid `as_of` the versions that count are unknown: only shapes are checked.
            let access: IndexAccess? = asOfValid ? IndexAccess(indices: tariffs.indices, asOf: asOf, rates: tariffs.rateCache) : nil
            form.diagnose(root, tariff, access, &self)
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

        /// Each element of the list under `key` (1–`max` of them) read by `element`, given its
        /// index and path, which returns the version the element is priced by, if any; then the
        /// request's adjustment, checked against the latest of those versions. Elements are read
        /// in order and an element's errors all come before the next one's: once `limit` are
        /// found, no later element's can be among the first `limit`.
        mutating func elements(
            _ value: JSONValue?, _ key: String, max: Int, what: String, tariff: Tariff, checked: Bool,
            _ element: (inout Collector, Int, JSONPath, JSONValue) -> TariffVersion?
        ) {
            var versions: [TariffVersion] = []
            if let list = list(value, key, max: max, what: what) {
                let before = found.count
                for index in 0..<list.count where found.count - before < limit {
                    if let version = element(&self, index, JSONPath([.key(key), .index(index)]), list.element(index)!) {
                        versions.append(version)
                    }
                }
            }
            adjustment(tariff: tariff, versions: versions, checked: checked)
        }

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
            guard read(value, "adjustment", at: .root, AdjustmentDecoder.decode) != nil, checked else { return }
            let latest = versions.max { ($0.validFrom, $0.decided) < ($1.validFrom, $1.decided) }
            if let latest, latest.adjustments == nil { found.append(FeeEngine.Cold.noAdjustments(tariff)) }
        }

    }
}
