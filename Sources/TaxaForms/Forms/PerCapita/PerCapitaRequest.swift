import TaxaBase
import TaxaEngine

/// One group's actual count in one month of a per-capita request.
package struct GroupCount: Sendable, Equatable {
    package var group: String
    package var count: Int64
}

/// One month of a per-capita request: the actual count per group, as the request lists them.
package struct MonthCounts: Sendable, Equatable {
    /// As written, `YYYY-MM`; also the month's key in error paths.
    package var month: String
    /// The month's first day: the version in force on it settles the whole month.
    package var firstDay: CivilDate
    package var counts: [GroupCount]
}

/// The body of a request to a per-capita tariff: actual counts per month and group,
/// `{"months": {"2023-09": {"1-3 år": 454, …}, …}}`. Which groups are required depends on the
/// version in force each month, so group names are checked when the month is priced.
package struct PerCapitaRequest: Sendable, Equatable {
    package static let keys = ["months"]
    /// Every key a request of this kind may have (computed once, not per request).
    static let allowedKeys = ByteKeys(RequestEnvelope.keys + keys)
    /// Computed from `Limits`: a stored copy of another module's constant is a lazily
    /// initialised global, checked at every read (per entry, item or group).
    package static var maxMonths: Int { Limits.months }
    package static var maxGroups: Int { Limits.groups }
    package static var maxCount: Int64 { Limits.groupCount }

    /// In the order the request lists them.
    package var months: [MonthCounts]

    package static func decode(_ fields: ObjectFields) throws(FieldError) -> PerCapitaRequest {
        try fields.onlyKeys(allowedKeys)
        let months = try fields.read("months") { v throws(FieldError) -> [MonthCounts] in
            try checkMonths(v)
            // One pass over the members in document order; the first problem stops it.
            var months: [MonthCounts] = []
            months.reserveCapacity(v.count)
            var failure: FieldError?
            v.forEachMember { keyBytes, value in
                let key = String(decoding: keyBytes, as: UTF8.self)
                do throws(FieldError) {
                    months.append(try inside(key) { () throws(FieldError) in try decodeMonth(key, keyBytes, value) })
                    return true
                } catch {
                    failure = error
                    return false
                }
            }
            if let failure { throw failure }
            return months
        }
        return PerCapitaRequest(months: months)
    }

    /// Fails unless `value` is an object of 1–`maxMonths` months.
    static func checkMonths(_ value: JSONValue) throws(FieldError) {
        guard value.kind == .object, (1...maxMonths).contains(value.count) else {
            throw FieldError(
                "expected an object of 1–\(maxMonths) months keyed by YYYY-MM, each mapping every group to its actual count; got \(value.kind == .object ? "\(value.count) months" : value.kind.name)"
            )
        }
    }

    static func decodeMonth(
        _ key: String, _ keyBytes: UnsafeBufferPointer<UInt8>,
        _ value: JSONValue
    ) throws(FieldError) -> MonthCounts {
        guard keyBytes.count == 7, let firstDay = firstDay(of: keyBytes) else {
            throw FieldError("expected a month as YYYY-MM, e.g. \"2023-09\"; got \"\(key)\"")
        }
        guard value.kind == .object, (1...maxGroups).contains(value.count) else {
            throw FieldError(
                "expected an object mapping every group of the tariff to the month's actual count, e.g. {\"1-3 år\": 454, …}; got \(value.kind == .object ? "\(value.count) groups" : value.kind.name)"
            )
        }
        var counts: [GroupCount] = []
        counts.reserveCapacity(value.count)
        var failure: FieldError?
        value.forEachMember { groupBytes, count in
            let group = String(decoding: groupBytes, as: UTF8.self)
            do throws(FieldError) {
                counts.append(
                    GroupCount(
                        group: group,
                        count: try inside(group) { () throws(FieldError) in
                            try Read.integer(count, in: 0...maxCount)
                        }))
                return true
            } catch {
                failure = error
                return false
            }
        }
        if let failure { throw failure }
        return MonthCounts(month: key, firstDay: firstDay, counts: counts)
    }

    /// The first day of the month `YYYY-MM` (as `CivilDate.parse` reads `YYYY-MM-01`).
    private static func firstDay(of month: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        var bytes: (UInt64, UInt16) = (0, 0)
        return withUnsafeMutableBytes(of: &bytes) { raw in
            let text = raw.bindMemory(to: UInt8.self)
            for index in 0..<7 { text[index] = month[index] }
            text[7] = UInt8(ascii: "-")
            text[8] = UInt8(ascii: "0")
            text[9] = UInt8(ascii: "1")
            return CivilDate.parse(UnsafeBufferPointer(text))
        }
    }
}
