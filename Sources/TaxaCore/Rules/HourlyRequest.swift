/// One line of handling time in an hourly request.
public struct TimeEntry: Sendable, Equatable {
    public var date: CivilDate
    public var activity: String
    public var minutes: Int64
    public var officer: String?
    public var note: String?
}

/// An individual reduction or waiver by decision (LÅFF 8 §).
public enum RequestedAdjustment: Sendable, Equatable {
    case reduction(percent: ScaledDecimal, reference: String, reason: String?)
    case waiver(reference: String, reason: String?)
}

/// The body of a request to an hourly tariff: time entries and an optional adjustment.
public struct HourlyRequest: Sendable, Equatable {
    public static let keys = ["entries", "adjustment"]
    /// Every key a request of this kind may have (computed once, not per request).
    static let allowedKeys = RequestEnvelope.keys + keys
    public static let maxEntries = 10_000
    public static let maxMinutes: Int64 = 1_000_000

    public var entries: [TimeEntry]
    public var adjustment: RequestedAdjustment?

    public static func decode(_ fields: ObjectFields) throws(FieldError) -> HourlyRequest {
        try fields.onlyKeys(allowedKeys)
        let list = try fields.required("entries")
        guard list.kind == .array, (1...maxEntries).contains(list.count) else {
            throw FieldError(list.kind == .array
                ? "expected an array of 1–\(maxEntries) time entries, got \(list.count)"
                : "expected an array of 1–\(maxEntries) time entries, got \(list.kind.name)", at: JSONPath([.key("entries")]))
        }
        var entries: [TimeEntry] = []
        entries.reserveCapacity(list.count)
        for index in 0..<list.count {
            entries.append(try inside("entries") { () throws(FieldError) in
                try inside(index: index) { () throws(FieldError) in try decodeEntry(list.element(index)!) }
            })
        }
        return HourlyRequest(entries: entries, adjustment: try fields.readIfPresent("adjustment", decodeAdjustment))
    }

    static let entryKeys = ["date", "activity", "minutes", "officer", "note"]

    private static func decodeEntry(_ value: JSONValue) throws(FieldError) -> TimeEntry {
        // One pass over the entry's members: entries are most of a request.
        let fields = try ObjectFields(value, what: "a time entry").members(entryKeys)
        func field<T>(_ index: Int, _ read: (JSONValue) throws(FieldError) -> T) throws(FieldError) -> T? {
            guard let member = fields[index] else { return nil }
            return try inside(entryKeys[index]) { () throws(FieldError) -> T in try read(member) }
        }
        func required<T>(_ index: Int, _ read: (JSONValue) throws(FieldError) -> T) throws(FieldError) -> T {
            guard let value = try field(index, read) else {
                throw FieldError("missing required key \"\(entryKeys[index])\"", at: JSONPath([.key(entryKeys[index])]))
            }
            return value
        }
        return TimeEntry(
            date: try required(0, Read.date),
            activity: try required(1) { v throws(FieldError) in try Read.string(v, length: 1...100) },
            minutes: try required(2) { v throws(FieldError) in try Read.integer(v, in: 0...maxMinutes) },
            officer: try field(3) { v throws(FieldError) in try Read.string(v, length: 1...200) },
            note: try field(4) { v throws(FieldError) in try Read.string(v, length: 0...2000) })
    }

    static func decodeAdjustment(_ value: JSONValue) throws(FieldError) -> RequestedAdjustment {
        let object = try ObjectFields(value, what: "an adjustment")
        let kind = try object.read("kind") { v throws(FieldError) in try Read.string(v, length: 1...40) }
        let reference = { () throws(FieldError) in
            try object.read("reference") { v throws(FieldError) in try Read.string(v, length: 1...500) }
        }
        let reason = { () throws(FieldError) in
            try object.readIfPresent("reason") { v throws(FieldError) in try Read.string(v, length: 1...2000) }
        }
        switch kind {
        case "reduction":
            try object.onlyKeys(["kind", "percent", "reference", "reason"])
            let percent = try object.read("percent") { v throws(FieldError) -> ScaledDecimal in
                let percent = try Read.decimal(v, maxScale: 4, what: "a percentage")
                guard percent.units > 0, let scaled = percent.rescaled(to: 4), scaled <= 100_0000 else {
                    throw FieldError("expected a percentage above 0 and at most 100, got \"\(percent)\"")
                }
                return percent
            }
            return .reduction(percent: percent, reference: try reference(), reason: try reason())
        case "waiver":
            try object.onlyKeys(["kind", "reference", "reason"])
            return .waiver(reference: try reference(), reason: try reason())
        default:
            throw FieldError("expected \"reduction\" or \"waiver\", got \"\(kind)\"", at: JSONPath([.key("kind")]))
        }
    }
}
