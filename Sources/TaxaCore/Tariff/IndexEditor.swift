/// `taxa index add`: records one index value, the office's yearly step.
///
/// The file is rewritten in one canonical layout (publications by date, years in order, two
/// spaces of indentation), so `git diff` shows exactly the new value; it is validated before
/// it replaces the old file, and replaced atomically.
public enum IndexEditor {
    public struct Failure: Error, Sendable { public var message: String }

    public enum Outcome: Sendable, Equatable {
        case added, replaced(previous: ScaledDecimal), unchanged
    }

    public static func add(root: String, series id: String, year: Int, percent text: String, published: CivilDate,
                           title: String?, source: String?, replace: Bool) throws(Failure) -> Outcome {
        guard (1900...2200).contains(year) else { throw Failure(message: "--year must be a year from 1900 to 2200, got \(year)") }
        guard let percent = ScaledDecimal.parse(text, maxScale: 4, allowNegative: true),
              let scaled = percent.rescaled(to: 4), (-50_0000...50_0000).contains(scaled) else {
            throw Failure(message: "--percent must be a percentage such as 2.9 (at most 4 decimals, between -50 and 50), got \"\(text)\"")
        }
        let relative = "indices/\(id.lowercased()).json"
        let path = root + "/" + relative
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(path) } catch {
            throw Failure(message: "\(path): cannot read the index series \(id): \(error.message)")
        }
        guard case .success(let document) = JSONDocument.parse(bytes) else {
            throw Failure(message: "\(path): not valid JSON; run taxa check")
        }
        let log = ProblemLog(file: relative)
        guard var series = IndexSeriesParser.parse(document.value, fileStem: id.lowercased(), log: log) else {
            throw Failure(message: log.diagnostics.map { "\(root)/\($0)" }.joined(separator: "\n"))
        }
        guard series.id == id else {
            throw Failure(message: "\(path) records the series \"\(series.id)\", not \"\(id)\"")
        }
        let notes = document.value.member("notes")?.elements.compactMap(\.string) ?? []

        let outcome: Outcome
        if let index = series.publications.firstIndex(where: { $0.published == published }) {
            if let existing = series.publications[index].values[year] {
                if existing.rescaled(to: 4) == percent.rescaled(to: 4) { return .unchanged }
                guard replace else {
                    throw Failure(message: "\(relative): the publication of \(published) already records \(existing) % for \(year); use --replace to change it to \(percent) %")
                }
                outcome = .replaced(previous: existing)
            } else {
                outcome = .added
            }
            series.publications[index].values[year] = percent
            if let title { series.publications[index].title = title }
            if let source { series.publications[index].source = source }
        } else {
            let monthName = RateIndexation.monthName(published.month)
            series.publications.append(IndexPublication(
                published: published,
                title: title ?? "\(series.id) \(monthName) \(published.year)",
                source: source ?? "unspecified",
                values: [year: percent]))
            series.publications.sort { $0.published < $1.published }
            outcome = .added
        }

        let text = render(series, notes: notes)
        // Validate the new text exactly as the loader will read it, before it replaces the file.
        let check = ProblemLog(file: relative)
        guard case .success(let rendered) = JSONDocument.parse(Array(text.utf8)),
              IndexSeriesParser.parse(rendered.value, fileStem: id.lowercased(), log: check) != nil else {
            throw Failure(message: "the updated file would not be valid: \(check.diagnostics.map(\.description).joined(separator: "; "))")
        }
        do { try FileSystem.writeAtomically(Array(text.utf8), to: path) } catch {
            throw Failure(message: "\(path): cannot write: \(error.message)")
        }
        return outcome
    }

    /// The canonical layout of an index file.
    public static func render(_ series: IndexSeries, notes: [String]) -> String {
        var out = "{\n"
        out += "  \"series\": \(quoted(series.id)),\n"
        out += "  \"name\": \(quoted(series.name)),\n"
        out += "  \"publisher\": \(quoted(series.publisher)),\n"
        out += "  \"unit\": \"percent\",\n"
        if !notes.isEmpty {
            out += "  \"notes\": [\n" + notes.map { "    " + quoted($0) }.joined(separator: ",\n") + "\n  ],\n"
        }
        if series.publications.isEmpty {
            out += "  \"publications\": []\n"
        } else {
            out += "  \"publications\": [\n"
            out += series.publications.map { publication in
                var item = "    {\n"
                item += "      \"published\": \"\(publication.published)\",\n"
                item += "      \"title\": \(quoted(publication.title)),\n"
                item += "      \"source\": \(quoted(publication.source)),\n"
                item += "      \"values\": { "
                item += publication.values.keys.sorted().map { "\"\($0)\": \"\(publication.values[$0]!)\"" }.joined(separator: ", ")
                item += " }\n    }"
                return item
            }.joined(separator: ",\n")
            out += "\n  ]\n"
        }
        return out + "}\n"
    }

    static func quoted(_ text: String) -> String {
        var writer = JSONWriter(reservingCapacity: text.utf8.count + 2)
        writer.string(text)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
