import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaService

/// `taxa index add`: records one index value, the office's yearly step.
///
/// The file is rewritten in one canonical layout (publications by date, years in order, two
/// spaces of indentation, values spelt as typed), so `git diff` shows exactly the new value; it
/// is validated before it replaces the old file, and replaced atomically under a lock (see
/// `LockedFile`), keeping a symbolic link, the mode and the owner. A recorded value or citation
/// (title, source) is the audit trail: it changes only with `replace`.
package enum IndexEditor {
    package struct Failure: Error, Sendable { package var message: String }

    package enum Outcome: Sendable, Equatable {
        case added, replaced(previous: ScaledDecimal), unchanged
    }

    /// What the clerk asked to record.
    package struct Entry: Sendable {
        package var series: String
        package var year: Int
        /// The value as typed (see `IndexValueText`) and the option it was given with
        /// (`--percent` or `--amount`); nil when neither was given, which fails naming the
        /// option the series needs.
        package var value: (value: ScaledDecimal, unit: IndexUnit)?
        package var published: CivilDate
        package var title: String?
        package var source: String?
        package var replace: Bool
        /// The day the value is judged from (`IndexEntryReview`): `TAXA_TODAY`, else the calendar.
        package var today: CivilDate
        /// Record a value `IndexEntryReview` doubts (the clerk has looked at it again).
        package var confirm: Bool

        package init(
            series: String, year: Int, value: (value: ScaledDecimal, unit: IndexUnit)?, published: CivilDate,
            title: String?, source: String?, replace: Bool, today: CivilDate, confirm: Bool = false
        ) {
            self.series = series
            self.year = year
            self.value = value
            self.published = published
            self.title = title
            self.source = source
            self.replace = replace
            self.today = today
            self.confirm = confirm
        }
    }

    /// The change `add` would make (or made): the file before and after, and what changed.
    package struct Change: Sendable {
        package var outcome: Outcome
        /// The value recorded afterwards, in the series' unit: as typed, or as already recorded
        /// when the same value was recorded before (2.9 stays 2.9 when 2.90 is typed).
        package var value: ScaledDecimal
        package var unit: IndexUnit
        /// "title" and/or "source" when `replace` changed a recorded citation.
        package var replacedCitation: [String]
        /// The file, relative to the tariff root (`indices/pkv.json`), and its full path.
        package var relative: String
        package var path: String
        package var before: String
        package var after: String
        /// What `IndexEntryReview` warns about the recorded value, and the doubts `confirm`
        /// overrode, as `FILE: PATH: warning: message` lines.
        package var warnings: [String] = []
        /// Temporary files of earlier runs that were killed, removed by this one (full paths).
        package var removedTemporaries: [String] = []
        /// The errors of the whole tariff root loaded after the change, before the lock is
        /// released (so another add cannot change it meanwhile): what the change does to the set.
        package var setErrors: [Diagnostic] = []

        package var changesFile: Bool { before != after }

        /// The changed lines with a little context, as a unified diff.
        package var diff: String {
            LineDiff.unified(before: before, after: after, from: relative, to: "\(relative) (after taxa index add)")
        }
    }

    /// Records `entry` under `root`: locks the series file, prepares the change from the file as
    /// it is then, writes it unless nothing changes and loads the whole root again; a second run
    /// at once waits for the lock.
    package static func add(root: String, _ entry: Entry) throws(Failure) -> Change {
        let (_, _, path) = try seriesFile(root: root, entry)
        let locked: LockedFile
        do { locked = try LockedFile.lock(path) } catch {
            throw unreadable(root: root, entry, path: path, error.message)
        }
        let removed = locked.removeStaleTemporaries()
        var change = try prepare(root: root, entry)
        change.removedTemporaries = removed
        if change.changesFile {
            if let problem = locked.writeProblem() { throw Failure(message: "\(path): \(problem)") }
            do { try locked.replace(with: Array(change.after.utf8)) } catch {
                throw Failure(message: "\(path): cannot write: \(error.message)")
            }
        }
        change.setErrors = TariffLoader.load(root: root).errors
        return change
    }

    /// The series file `entry` names, relative to the root and as a path; a year or series id
    /// that cannot be right is refused before any file is opened.
    private static func seriesFile(root: String, _ entry: Entry) throws(Failure) -> (stem: String, relative: String, path: String) {
        guard Limits.years.contains(entry.year) else {
            throw Failure(message: "--year must be a year from \(Limits.years.lowerBound) to \(Limits.years.upperBound), got \(entry.year)")
        }
        // The id names a file under indices/: no path may be smuggled in.
        guard (1...Limits.seriesID).contains(entry.series.unicodeScalars.count),
            entry.series.utf8.allSatisfy({
                $0 < 0x80
                    && ($0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || Character(Unicode.Scalar($0)).isLetter || Character(Unicode.Scalar($0)).isNumber)
            })
        else {
            throw Failure(message: "SERIES must be a series id such as PKV (letters, digits, - and _), got \"\(entry.series)\"")
        }
        let stem = entry.series.lowercased()
        let relative = "indices/\(stem).json"
        return (stem, relative, root + "/" + relative)
    }

    /// The change recording `entry` would make, validated exactly as the loader will read the
    /// new file; nothing is written (`--dry-run` shows it).
    package static func prepare(root: String, _ entry: Entry) throws(Failure) -> Change {
        let (year, published) = (entry.year, entry.published)
        let (stem, relative, path) = try seriesFile(root: root, entry)
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(path) } catch {
            throw unreadable(root: root, entry, path: path, error.message)
        }
        // The service would not read a file outside the root: record nothing it would refuse.
        if let outside = TariffRootScanner.linkLeavingRoot(path, root: root) {
            throw Failure(message: "\(path): \(TariffRootScanner.leavesRootMessage(outside))")
        }
        // Read as the loader reads it: a byte order mark is fine, another encoding is named.
        let log = ProblemLog(file: relative)
        guard let (document, _) = TariffFileText.parse(root: root, relative: relative, log: log) else {
            throw Failure(message: log.diagnostics.map { "\(root)/\($0)" }.joined(separator: "\n"))
        }
        guard var series = document.withValue({ IndexSeriesParser.parse($0, fileStem: stem, log: log) }) else {
            throw Failure(message: log.diagnostics.map { "\(root)/\($0)" }.joined(separator: "\n"))
        }
        guard series.id == entry.series else {
            if series.id.lowercased() == entry.series.lowercased() {
                throw Failure(message: "\(path) records the series \"\(series.id)\"; ids are written exactly: taxa index add \(series.id) …")
            }
            throw Failure(message: "\(path) records the series \"\(series.id)\", not \"\(entry.series)\"")
        }
        let unit = series.unit
        guard let given = entry.value, given.unit == unit else {
            let wrong = entry.value.map { ", not \(option($0.unit))" } ?? ""
            throw Failure(
                message:
                    "\(series.id) is \(unit == .percent ? "a percent series (yearly percentage changes)" : "an amount series (kronor per year)"); give the value with \(option(unit))\(wrong)"
            )
        }
        // The root as it is: who reads the series, and the errors it has already.
        let loaded = TariffLoader.load(root: root)
        // Read with the option already (`IndexValueText`); checked again, as the loader will.
        let value = given.value
        if let problem = unit.rangeProblem(value) { throw Failure(message: "\(option(unit)): \(problem)") }
        let before = series

        var outcome = Outcome.added
        var recordedValue = value
        var replacedCitation: [String] = []
        if let index = series.publications.firstIndex(where: { $0.published == published }) {
            let recorded = series.publications[index]
            var refusals: [String] = []
            if let existing = recorded.values[year] {
                if existing.rescaled(to: unit.maxScale) == value.rescaled(to: unit.maxScale) {
                    outcome = .unchanged
                    recordedValue = existing
                } else {
                    outcome = .replaced(previous: existing)
                    if !entry.replace {
                        refusals.append(
                            "the publication of \(published) already records \(existing.asWritten) \(unit.symbol) for \(year); use --replace to change it to \(value.asWritten) \(unit.symbol)"
                        )
                    }
                }
            }
            for (field, given, kept) in [("title", entry.title, recorded.title), ("source", entry.source, recorded.source)] {
                guard let given, given != kept else { continue }
                replacedCitation.append(field)
                if !entry.replace {
                    refusals.append(
                        "the publication of \(published) is recorded with the \(field) \(quoted(kept)), but --\(field) gives \(quoted(given)); a recorded citation changes only with --replace (leave out --\(field) to keep it)"
                    )
                }
            }
            guard refusals.isEmpty else {
                throw Failure(message: refusals.map { "\(relative): \($0)" }.joined(separator: "\n"))
            }
            if outcome == .unchanged && replacedCitation.isEmpty {
                let text = String(decoding: bytes, as: UTF8.self)
                return Change(
                    outcome: .unchanged, value: recordedValue, unit: unit, replacedCitation: [], relative: relative, path: path,
                    before: text, after: text)
            }
            if outcome != .unchanged { series.publications[index].values[year] = value }
            if let title = entry.title { series.publications[index].title = title }
            if let source = entry.source { series.publications[index].source = source }
        } else {
            series.publications.append(
                IndexPublication(
                    published: published,
                    title: entry.title ?? defaultTitle(series, year: year, published: published),
                    source: entry.source ?? "unspecified",
                    values: [year: value]))
            series.publications.sort { $0.published < $1.published }
        }
        // What was true only while nothing was recorded ("no values yet") is not true any more.
        series.notesUntilFirstValue = []
        var warnings: [String] = []
        if outcome != .unchanged {
            warnings = try review(entry, value: value, before: before, after: series, tariffs: loaded.tariffSet?.tariffs, relative: relative)
            if loaded.tariffSet == nil {
                // Said, never skipped in silence: the root's own errors are printed after the write.
                warnings.append(
                    "warning: the tariff set does not load as it is (\(loaded.errors.count) error(s); run taxa check): the value was not checked against the tariffs that read \(series.id) or their worked examples"
                )
            }
        }

        let text = render(series)
        let check = ProblemLog(file: relative)
        guard case .success(let rendered) = JSONDocument.parse(Array(text.utf8)),
            rendered.withValue({ IndexSeriesParser.parse($0, fileStem: stem, log: check) }) != nil
        else {
            throw Failure(message: "the updated file would not be valid: \(check.diagnostics.map(\.description).joined(separator: "; "))")
        }
        // The whole set with the new file: a tariff's worked example priced differently with the
        // value means the service would refuse the set (and most often that the value is wrong).
        if let set = loaded.tariffSet, let report = set.reading(relative, as: Array(text.utf8)).map(ExampleCheck.checked),
            !report.errors.isEmpty
        {
            throw Failure(
                message:
                    "\(relative): not recorded: with \(value.asWritten) \(unit.symbol) for \(year) the tariff set would not load, so the service would refuse it:\n"
                    + report.errors.map { "  \($0.located(under: root))" }.joined(separator: "\n"))
        }
        return Change(
            outcome: outcome, value: recordedValue, unit: unit, replacedCitation: replacedCitation, relative: relative, path: path,
            before: String(decoding: bytes, as: UTF8.self), after: text, warnings: warnings)
    }

    /// Judges the new value (`IndexEntryReview`) against the series as it was and the tariffs
    /// that read it: refuses what is certainly wrong, and what it doubts unless confirmed; the
    /// rest are warnings, returned as lines.
    private static func review(
        _ entry: Entry, value: ScaledDecimal, before: IndexSeries, after: IndexSeries, tariffs: [String: Tariff]?, relative: String
    ) throws(Failure) -> [String] {
        guard let position = after.publications.firstIndex(where: { $0.published == entry.published }) else { return [] }
        let isNew = !before.publications.contains { $0.published == entry.published }
        let findings = IndexEntryReview.findings(
            series: before, year: entry.year, value: value, published: entry.published, position: position,
            newPublication: isNew, source: after.publications[position].source, today: entry.today,
            tariffs: tariffs)
        let refused = findings.filter { $0.degree == .refusal || ($0.degree == .doubt && !entry.confirm) }
        if !refused.isEmpty {
            throw Failure(
                message: refused.map { finding in
                    let remark = finding.degree == .doubt ? "; not recorded: give --confirm to record it as it is" : ""
                    return "\(relative): \(finding.path): \(finding.message)\(remark)"
                }.joined(separator: "\n"))
        }
        return findings.map { finding in
            let remark = finding.degree == .doubt ? " (recorded with --confirm)" : ""
            return "\(relative): \(finding.path): warning: \(finding.message)\(remark)"
        }
    }

    /// Why the series file cannot be read, in the clerk's terms: no tariff root where it was
    /// looked for, or no such series (naming those there are), or the system's reason.
    private static func unreadable(root: String, _ entry: Entry, path: String, _ reason: String) -> Failure {
        if (try? FileSystem.status(of: path)) == nil {
            guard (try? FileSystem.status(of: root).kind) == .directory else {
                return Failure(message: "\(root): no tariff root there (\(reason)); give --tariffs DIR or set $TAXA_TARIFFS")
            }
            let files = ((try? FileSystem.list(root + "/indices")) ?? []).map(\.text).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
            let known =
                files.isEmpty ? "no index series is recorded there" : "the series recorded there are " + files.map { "indices/\($0)" }.joined(separator: ", ")
            return Failure(message: "\(path): no index series \(entry.series) under \(root): \(known)")
        }
        return Failure(message: "\(path): cannot read the index series \(entry.series): \(reason)")
    }

    /// The option a value of `unit` is given with.
    package static func option(_ unit: IndexUnit) -> String { unit == .percent ? "--percent" : "--amount" }

    /// A Swedish title for a publication the clerk did not name: "PKV oktober 2026" for a
    /// percent series (named by its month of publication), "<series name> 2027" for an amount
    /// series (named by the year its amount applies to, e.g. "Prisbasbelopp 2027").
    static func defaultTitle(_ series: IndexSeries, year: Int, published: CivilDate) -> String {
        switch series.unit {
        case .percent: "\(series.id) \(swedishMonths[published.month - 1]) \(published.year)"
        case .amount: "\(series.name) \(year)"
        }
    }

    private static let swedishMonths = [
        "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
        "september", "oktober", "november", "december",
    ]

    /// The canonical layout of an index file.
    package static func render(_ series: IndexSeries) -> String {
        var out = "{\n"
        out += "  \"series\": \(quoted(series.id)),\n"
        out += "  \"name\": \(quoted(series.name)),\n"
        out += "  \"publisher\": \(quoted(series.publisher)),\n"
        out += "  \"unit\": \(quoted(series.unit.rawValue)),\n"
        for (key, notes) in [("notes", series.notes), ("notes_until_first_value", series.notesUntilFirstValue)] where !notes.isEmpty {
            out += "  \"\(key)\": [\n" + notes.map { "    " + quoted($0) }.joined(separator: ",\n") + "\n  ],\n"
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
                item += publication.values.keys.sorted().map { "\"\($0)\": \"\(publication.values[$0]!.asWritten)\"" }.joined(separator: ", ")
                item += " }\n    }"
                return item
            }.joined(separator: ",\n")
            out += "\n  ]\n"
        }
        return out + "}\n"
    }

    static func quoted(_ text: String) -> String {
        JSONWriter.text(reservingCapacity: text.utf8.count + 2) { $0.string(text) }
    }
}
