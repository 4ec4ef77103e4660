import TaxaBase
import TaxaEngine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One line of handling time in an hourly request, in full: kept for explanations only
/// (pricing reads `HourlyRequest.items`).
package struct TimeEntry: Sendable, Equatable {
    package var date: CivilDate
    package var activity: String
    package var minutes: Int64
    /// The officer and their note, shown in explanations (kept only when the request asks for
    /// them; checked always).
    package var officer: String?
    package var note: String? = nil
}

/// The body of a request to an hourly tariff: time entries and an optional adjustment.
package struct HourlyRequest: Sendable {
    package static let keys = ["entries", "adjustment"]
    /// Every key a request of this kind may have (computed once, not per request).
    static let allowedKeys = ByteKeys(RequestEnvelope.keys + keys)
    /// Computed from `Limits`: a stored copy of another module's constant is a lazily
    /// initialised global, checked at every read (per entry, item or group).
    package static var maxEntries: Int { Limits.entries }
    package static var maxMinutes: Int64 { Limits.entryMinutes }

    /// The entries as the engine prices them (activity, date, minutes), made as they are read:
    /// a list of entries copied into a list of items was two lists, and a count on each
    /// activity, per request.
    package var items: [FeeItem]
    /// The entries in full, for their explanations: kept only when the request asks for them
    /// (empty otherwise).
    package var entries: [TimeEntry]
    package var adjustment: RequestedAdjustment?
    /// Whether the request was read for explanations (`entries` kept): what decides whether its
    /// invoice is explained, so that an invoice is never explained from entries not kept.
    package var explain: Bool

    /// `explain`: whether the entries are kept in full (with officer and note, which only
    /// explanations show).
    package static func decode(_ fields: ObjectFields, explain: Bool = false) throws(FieldError) -> HourlyRequest {
        try fields.onlyKeys(allowedKeys)
        let list = try fields.required("entries")
        guard list.kind == .array, (1...maxEntries).contains(list.count) else {
            throw FieldError(
                list.kind == .array
                    ? "expected an array of 1–\(maxEntries) time entries, got \(list.count)"
                    : "expected an array of 1–\(maxEntries) time entries, got \(list.kind.name)", at: JSONPath([.key("entries")]))
        }
        var items: [FeeItem] = []
        items.reserveCapacity(list.count)
        var entries: [TimeEntry] = []
        if explain { entries.reserveCapacity(list.count) }
        for index in 0..<list.count {
            // Appended here, not through the reader: a list passed `inout` through closures is
            // checked for a unique reference at every append.
            items.append(
                try inside("entries") { () throws(FieldError) in
                    try inside(index: index) { () throws(FieldError) in
                        try decodeEntry(list.element(index)!, explain: explain, entries: &entries)
                    }
                })
        }
        return HourlyRequest(
            items: items, entries: entries, adjustment: try fields.readIfPresent("adjustment", AdjustmentDecoder.decode), explain: explain)
    }

    static let entryKeys = ["date", "activity", "minutes", "officer", "note"]

    /// The entry `value` as the engine's item; when `explain`, also appended to `entries` in full.
    private static func decodeEntry(
        _ value: JSONValue, explain: Bool, entries: inout [TimeEntry]
    ) throws(FieldError) -> FeeItem {
        guard value.kind == .object else {
            throw FieldError("expected a time entry as a JSON object, got \(value.kind.name)")
        }
        // One pass over the entry's members, keys compared in place: entries are most of a request.
        var date: JSONValue?
        var activity: JSONValue?
        var minutes: JSONValue?
        var officer: JSONValue?
        var note: JSONValue?
        var unknown: String?
        value.forEachMember { key, member in
            if key.isKey("date") {
                date = member
            } else if key.isKey("activity") {
                activity = member
            } else if key.isKey("minutes") {
                minutes = member
            } else if key.isKey("officer") {
                officer = member
            } else if key.isKey("note") {
                note = member
            } else {
                unknown = String(decoding: key, as: UTF8.self)
                return false
            }
            return true
        }
        if let unknown { throw ObjectFields.unknownKey(unknown, expected: entryKeys) }
        let entryDate = try ObjectFields.read(date, "date", Read.date)
        let entryActivity = try ObjectFields.read(activity, "activity") { v throws(FieldError) in try Read.string(v, length: 1...Limits.activityKey) }
        let entryMinutes = try ObjectFields.read(minutes, "minutes") { v throws(FieldError) in try Read.integer(v, in: 0...maxMinutes) }
        // The officer and the note are checked always, copied only for explanations (which show
        // them): a copy is a string to make and count for every entry of every request.
        if explain {
            let entryOfficer = try ObjectFields.readIfPresent(officer, "officer") { v throws(FieldError) in try Read.string(v, length: 1...Limits.officer) }
            let entryNote = try ObjectFields.readIfPresent(note, "note") { v throws(FieldError) in try Read.string(v, length: 0...Limits.note) }
            entries.append(TimeEntry(date: entryDate, activity: entryActivity, minutes: entryMinutes, officer: entryOfficer, note: entryNote))
        } else {
            try check(officer, "officer", length: 1...Limits.officer)
            try check(note, "note", length: 0...Limits.note)
        }
        // Made once, as it is returned: an item filled in afterwards was copied on the way out.
        return FeeItem(fee: entryActivity, date: entryDate, inputs: .one(.integer(entryMinutes)))
    }

    /// Checks that `member` (at `key`), if present, is a string of `length` characters, without
    /// copying it.
    private static func check(_ member: JSONValue?, _ key: String, length: ClosedRange<Int>) throws(FieldError) {
        guard let member else { return }
        _ = try inside(key) { () throws(FieldError) in try Read.checkedString(member, length: length) { _ in true } }
    }
}
