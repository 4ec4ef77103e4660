import TaxaBase

/// Reads one index file (`Tariffs/indices/<series>.json`): every publication the office has
/// recorded, each with its date, title, source and the value per year it lists, in the series'
/// unit (a percentage change or an amount in kronor).
package enum IndexSeriesParser {
    static let keys = ["series", "name", "publisher", "unit", "notes", "notes_until_first_value", "publications"]

    package static func parse(_ root: JSONValue, fileStem: String, log: ProblemLog) -> IndexSeries? {
        guard let fields = log.attempt({ () throws(FieldError) in try ObjectFields(root, what: "an index series") }) else {
            return nil
        }
        log.rejectUnknownKeys(fields, allowed: keys)
        let id = log.attempt { () throws(FieldError) -> String in
            try fields.read("series") { v throws(FieldError) -> String in
                let id = try Read.string(v, length: 1...Limits.seriesID)
                guard id.lowercased() == fileStem else {
                    throw FieldError("is \"\(id)\" but the file is named \(fileStem).json; name the file after the series in lower case")
                }
                return id
            }
        }
        let name = log.attempt { () throws(FieldError) in try fields.read("name") { v throws(FieldError) in try Read.string(v, length: 1...500) } }
        let publisher = log.attempt { () throws(FieldError) in try fields.read("publisher") { v throws(FieldError) in try Read.string(v, length: 1...500) } }
        let unit = log.attempt { () throws(FieldError) in
            try fields.read("unit") { v throws(FieldError) -> IndexUnit in
                let text = try Read.string(v, length: 1...40)
                guard let unit = IndexUnit(rawValue: text) else {
                    throw FieldError(
                        "expected \"percent\" (values are yearly percentage changes) or \"amount\" (values are amounts in kronor per year), got \"\(text)\"")
                }
                return unit
            }
        }
        let notes = log.attempt { () throws(FieldError) in try fields.readIfPresent("notes", readNotes) } ?? nil
        let notesUntilFirstValue =
            log.attempt { () throws(FieldError) in
                try fields.readIfPresent("notes_until_first_value", readNotes)
            } ?? nil
        var publications: [IndexPublication] = []
        if let list = log.attempt({ () throws(FieldError) in
            try fields.read("publications") { v throws(FieldError) in try Read.array(v, count: 0...10_000, of: "publications") }
        }) {
            for (index, element) in list.enumerated() {
                let path = JSONPath([.key("publications"), .index(index)])
                let publication = log.attempt { () throws(FieldError) in
                    try inside("publications") { () throws(FieldError) in
                        try inside(index: index) { () throws(FieldError) in try parsePublication(element, unit: unit) }
                    }
                }
                guard let publication else { continue }
                if publications.contains(where: { $0.published == publication.published }) {
                    log.error(
                        "a second publication dated \(publication.published); record each publication once and add its values to it",
                        at: path.appending("published"))
                }
                publications.append(publication)
            }
            if !list.isEmpty, notesUntilFirstValue != nil {
                log.error(
                    "holds notes that are true only while no values are recorded, but \(list.count) publication(s) are; remove it (taxa index add drops it with the first value)",
                    at: JSONPath([.key("notes_until_first_value")]))
            }
        }
        guard !log.hasErrors, let id, let name, let publisher, let unit else { return nil }
        return IndexSeries(
            id: id, name: name, publisher: publisher, unit: unit,
            notes: notes ?? [], notesUntilFirstValue: notesUntilFirstValue ?? [],
            publications: publications.sorted { $0.published < $1.published }, file: log.file)
    }

    private static func readNotes(_ value: JSONValue) throws(FieldError) -> [String] {
        try Read.array(value, count: 0...Limits.notes, of: "strings").enumerated().map { i, note throws(FieldError) in
            try inside(index: i) { () throws(FieldError) in try Read.string(note, length: 1...5000) }
        }
    }

    /// An amount in kronor: like `Read.decimal`, with an example an office would type.
    private static func readAmount(_ value: JSONValue) throws(FieldError) -> ScaledDecimal {
        let expectation = "expected a positive amount in kronor as a string with at most 2 decimals, e.g. \"57300\""
        guard value.kind == .string else { throw FieldError("\(expectation), got \(value.kind.name)") }
        let text = try Read.string(value, length: 1...Limits.decimalLength)
        guard let amount = ScaledDecimal.parse(text, maxScale: 2) else { throw FieldError("\(expectation), got \"\(text)\"") }
        return amount
    }

    /// `unit` is nil when the file's unit is itself wrong: values are then only checked to be
    /// decimals, since their range depends on the unit.
    private static func parsePublication(_ value: JSONValue, unit: IndexUnit?) throws(FieldError) -> IndexPublication {
        let object = try ObjectFields(value, what: "a publication")
        try object.onlyKeys(["published", "title", "source", "values"])
        let values = try object.read("values") { v throws(FieldError) -> [Int: ScaledDecimal] in
            guard v.kind == .object, v.count > 0 else {
                let example = unit == .amount ? "{\"2024\": \"57300\"}" : "{\"2025\": \"2.9\"}"
                throw FieldError("expected an object of yearly values such as \(example), got \(v.kind == .object ? "an empty object" : v.kind.name)")
            }
            var values: [Int: ScaledDecimal] = [:]
            for (key, member) in v.members {
                try inside(key) { () throws(FieldError) in
                    guard key.utf8.count == 4, let year = Int(key), Limits.years.contains(year) else {
                        throw FieldError("expected a four-digit year as key, got \"\(key)\"")
                    }
                    guard let unit else {
                        values[year] = try Read.decimal(member, maxScale: 4, allowNegative: true, what: "a decimal number")
                        return
                    }
                    let number =
                        unit == .percent
                        ? try Read.decimal(member, maxScale: 4, allowNegative: true, what: "a percentage")
                        : try readAmount(member)
                    if let problem = unit.rangeProblem(number) { throw FieldError(problem) }
                    values[year] = number
                }
            }
            return values
        }
        return IndexPublication(
            published: try object.read("published", Read.date),
            title: try object.read("title") { v throws(FieldError) in try Read.string(v, length: 1...500) },
            source: try object.read("source") { v throws(FieldError) in try Read.string(v, length: 1...2000) },
            values: values)
    }
}

/// The values each unit admits; the parser and `taxa index add` check them alike.
extension IndexUnit {
    package var maxScale: Int { self == .percent ? 4 : 2 }

    /// What follows a value in messages: "2.9 %", "57300 kr".
    package var symbol: String { self == .percent ? "%" : "kr" }

    /// Nil when `value` is in range, else the expectation. A yearly change beyond ±50 % is a
    /// typing error; an amount is positive and at most 100 million kronor, which keeps every
    /// product with it exact.
    package func rangeProblem(_ value: ScaledDecimal) -> String? {
        switch self {
        case .percent:
            guard let scaled = value.rescaled(to: 4), (-50_0000...50_0000).contains(scaled) else {
                return "expected a yearly percentage between -50 and 50, got \(value.asWritten)"
            }
        case .amount:
            guard let ore = value.rescaled(to: 2), (1...100_000_000_00).contains(ore) else {
                return "expected an amount in kronor greater than 0 and at most 100000000, got \(value.asWritten)"
            }
        }
        return nil
    }
}
