/// Reads one index file (`Tariffs/indices/<series>.json`): every publication the office has
/// recorded, each with its date, title, source and the percentage per year it lists.
enum IndexSeriesParser {
    static func parse(_ root: JSONValue, fileStem: String, log: ProblemLog) -> IndexSeries? {
        guard let fields = log.attempt({ () throws(FieldError) in try ObjectFields(root, what: "an index series") }) else {
            return nil
        }
        log.rejectUnknownKeys(fields, allowed: ["series", "name", "publisher", "unit", "notes", "publications"])
        let id = log.attempt { () throws(FieldError) -> String in
            try fields.read("series") { v throws(FieldError) -> String in
                let id = try Read.string(v, length: 1...40)
                guard id.lowercased() == fileStem else {
                    throw FieldError("is \"\(id)\" but the file is named \(fileStem).json; name the file after the series in lower case")
                }
                return id
            }
        }
        let name = log.attempt { () throws(FieldError) in try fields.read("name") { v throws(FieldError) in try Read.string(v, length: 1...500) } }
        let publisher = log.attempt { () throws(FieldError) in try fields.read("publisher") { v throws(FieldError) in try Read.string(v, length: 1...500) } }
        _ = log.attempt { () throws(FieldError) in
            try fields.read("unit") { v throws(FieldError) -> String in
                let unit = try Read.string(v, length: 1...40)
                guard unit == "percent" else { throw FieldError("expected \"percent\" (values are yearly percentage changes), got \"\(unit)\"") }
                return unit
            }
        }
        _ = log.attempt { () throws(FieldError) in
            try fields.readIfPresent("notes") { v throws(FieldError) in
                try Read.array(v, count: 0...100, of: "strings").enumerated().map { i, note throws(FieldError) in
                    try inside(index: i) { () throws(FieldError) in try Read.string(note, length: 1...5000) }
                }
            }
        }
        var publications: [IndexPublication] = []
        if let list = log.attempt({ () throws(FieldError) in
            try fields.read("publications") { v throws(FieldError) in try Read.array(v, count: 0...10_000, of: "publications") }
        }) {
            for (index, element) in list.enumerated() {
                let path = JSONPath([.key("publications"), .index(index)])
                let publication = log.attempt { () throws(FieldError) in
                    try inside("publications") { () throws(FieldError) in
                        try inside(index: index) { () throws(FieldError) in try parsePublication(element) }
                    }
                }
                guard let publication else { continue }
                if publications.contains(where: { $0.published == publication.published }) {
                    log.error("a second publication dated \(publication.published); record each publication once and add its values to it",
                              at: path.appending("published"))
                }
                publications.append(publication)
            }
        }
        guard !log.hasErrors, let id, let name, let publisher else { return nil }
        return IndexSeries(id: id, name: name, publisher: publisher,
                           publications: publications.sorted { $0.published < $1.published }, file: log.file)
    }

    private static func parsePublication(_ value: JSONValue) throws(FieldError) -> IndexPublication {
        let object = try ObjectFields(value, what: "a publication")
        try object.onlyKeys(["published", "title", "source", "values"])
        let values = try object.read("values") { v throws(FieldError) -> [Int: ScaledDecimal] in
            guard v.kind == .object, v.count > 0 else {
                throw FieldError("expected an object of yearly values such as {\"2025\": \"2.9\"}, got \(v.kind == .object ? "an empty object" : v.kind.name)")
            }
            var values: [Int: ScaledDecimal] = [:]
            for (key, member) in v.members {
                try inside(key) { () throws(FieldError) in
                    guard key.utf8.count == 4, let year = Int(key), (1900...2200).contains(year) else {
                        throw FieldError("expected a four-digit year as key, got \"\(key)\"")
                    }
                    let percent = try Read.decimal(member, maxScale: 4, allowNegative: true, what: "a percentage")
                    guard let hundredths = percent.rescaled(to: 4), (-50_0000...50_0000).contains(hundredths) else {
                        throw FieldError("expected a yearly percentage between -50 and 50, got \(percent)")
                    }
                    values[year] = percent
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
