import TaxaBase
import TaxaEngine

/// One group's actual count in one month of a per-capita request.
package struct GroupCount: Sendable, Equatable {
    /// The group's name as the request spells it: held whole in its prefix when short, else
    /// also at `spill` in `PerCapitaRequest.names`.
    package var name: NamePrefix
    package var spill: Range<Int>
    package var count: Int64

    /// A place for a count not yet read.
    static var unset: GroupCount { GroupCount(name: NamePrefix(UnsafeBufferPointer(start: nil, count: 0)), spill: 0..<0, count: 0) }
}

/// A month as a request writes it, `YYYY-MM`: its seven ASCII bytes held in one word, so a
/// month or a settled month is a plain value (no string to retain at every copy).
package struct MonthName: Sendable, Equatable {
    private var bytes: UInt64

    /// The seven bytes of a valid month (`keyBytes.count == 7`).
    init(_ keyBytes: UnsafeBufferPointer<UInt8>) {
        bytes = 0
        for index in 0..<7 { bytes |= UInt64(keyBytes[index]) << (8 * index) }
    }

    /// The bytes, in order, to a writer.
    func append(to out: inout JSONWriter) {
        for index in 0..<7 { out.appendByte(UInt8(truncatingIfNeeded: bytes >> (8 * index))) }
    }

    /// As written; also the month's key in error paths.
    package var string: String { JSONWriter.text(reservingCapacity: 8) { append(to: &$0) } }
}

/// One month of a per-capita request: the actual count per group, as the request lists them.
package struct MonthCounts: Sendable, Equatable {
    package var month: MonthName
    /// The month's first day: the version in force on it settles the whole month.
    package var firstDay: CivilDate
    /// Where the month's counts lie in `PerCapitaRequest.counts`.
    package var counts: Range<Int>
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
    /// Every month's counts, month after month, each in the order the request lists them.
    package var counts: [GroupCount]
    /// The group names too long for their prefix, in UTF-8, end to end (requests rarely have
    /// one): a name is matched against the tariff's as bytes when the month is priced, and made
    /// a string only for an error.
    package var names: [UInt8]

    package static func decode(_ fields: ObjectFields) throws(FieldError) -> PerCapitaRequest {
        try fields.onlyKeys(allowedKeys)
        var counts: [GroupCount] = []
        var names: [UInt8] = []
        let months = try fields.read("months") { v throws(FieldError) -> [MonthCounts] in
            try checkMonths(v)
            // One pass over the members in document order; the first problem stops it.
            var months: [MonthCounts] = []
            months.reserveCapacity(v.count)
            var failure: FieldError?
            v.forEachMember { keyBytes, value in
                do throws(FieldError) {
                    months.append(try decodeMonth(keyBytes, value, counts: &counts, names: &names, months: v.count))
                    return true
                } catch {
                    failure = error.prefixed(.key(String(decoding: keyBytes, as: UTF8.self)))
                    return false
                }
            }
            if let failure { throw failure }
            return months
        }
        return PerCapitaRequest(months: months, counts: counts, names: names)
    }

    /// Fails unless `value` is an object of 1–`maxMonths` months.
    static func checkMonths(_ value: JSONValue) throws(FieldError) {
        guard value.kind == .object, (1...maxMonths).contains(value.count) else {
            throw FieldError(
                "expected an object of 1–\(maxMonths) months keyed by YYYY-MM, each mapping every group to its actual count; got \(value.kind == .object ? "\(value.count) months" : value.kind.name)"
            )
        }
    }

    /// One month, its counts and names appended to the request's (`months`: how many the
    /// request has, for reserving room once). Errors are inside the month.
    static func decodeMonth(
        _ keyBytes: UnsafeBufferPointer<UInt8>, _ value: JSONValue,
        counts: inout [GroupCount], names: inout [UInt8], months: Int
    ) throws(FieldError) -> MonthCounts {
        guard keyBytes.count == 7, let firstDay = firstDay(of: keyBytes) else {
            throw FieldError("expected a month as YYYY-MM, e.g. \"2023-09\"; got \"\(String(decoding: keyBytes, as: UTF8.self))\"")
        }
        guard value.kind == .object, (1...maxGroups).contains(value.count) else {
            throw FieldError(
                "expected an object mapping every group of the tariff to the month's actual count, e.g. {\"1-3 år\": 454, …}; got \(value.kind == .object ? "\(value.count) groups" : value.kind.name)"
            )
        }
        // Months have the same groups in practice: room for all of them, once.
        if counts.isEmpty { counts.reserveCapacity(months * value.count) }
        // The month's counts are written in place, through a buffer: an append checks the
        // array for a shared copy each time.
        let start = counts.count
        counts.append(contentsOf: repeatElement(GroupCount.unset, count: value.count))
        var failure: FieldError?
        counts.withUnsafeMutableBufferPointer { counts in
            var index = start
            value.forEachMember { groupBytes, count in
                do throws(FieldError) {
                    let count = try Read.integer(count, in: 0...maxCount)
                    let name = NamePrefix(groupBytes)
                    let spill = names.count
                    if !name.isWhole { names.append(contentsOf: groupBytes) }
                    counts[index] = GroupCount(name: name, spill: spill..<names.count, count: count)
                    index += 1
                    return true
                } catch {
                    failure = error.prefixed(.key(String(decoding: groupBytes, as: UTF8.self)))
                    return false
                }
            }
        }
        if let failure { throw failure }
        return MonthCounts(month: MonthName(keyBytes), firstDay: firstDay, counts: start..<counts.count)
    }

    /// A count's group name, for an error.
    func name(_ count: Int) -> String {
        let group = counts[count]
        return String(decoding: group.name.isWhole ? group.name.bytes : Array(names[group.spill]), as: UTF8.self)
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
