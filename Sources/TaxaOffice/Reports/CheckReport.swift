import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaService

/// `taxa check`: the tariff root loaded the way the service loads it, plus what can be foreseen
/// from `today`, rendered as text for the office or as JSON for programs (the same findings).
package struct CheckReport {
    package let root: String
    package let today: CivilDate
    package let load: LoadReport
    /// Foresight warnings; only a valid set is judged.
    package let foreseen: [Diagnostic]

    package init(root: String, today: CivilDate) {
        self.root = root
        self.today = today
        load = TariffLoader.load(root: root)
        foreseen = load.tariffSet.map { Foresight.warnings($0, today: today) } ?? []
    }

    /// Every finding in order: loading problems first, then foreseen ones.
    package var findings: [Diagnostic] { load.diagnostics + foreseen }
    package var errorCount: Int { load.errors.count }
    package var warningCount: Int { load.warnings.count + foreseen.count }

    package var text: String {
        var out = ""
        for finding in findings { out += finding.located(under: root) + "\n" }
        if let set = load.tariffSet {
            for tariff in set.tariffs.values.sorted(by: { $0.id < $1.id }) {
                out += "ok: \(tariff.id): \(tariff.versions.count) version(s): \(tariff.versions.map(\.file).joined(separator: ", "))\n"
            }
            for series in set.indices.values.sorted(by: { $0.id < $1.id }) {
                out += "ok: index \(series.id): \(series.publications.count) publication(s)\n"
            }
        }
        if !load.documentation.isEmpty {
            out += "documentation (not read): \(load.documentation.joined(separator: ", "))\n"
        }
        out += "\(errorCount == 0 ? "0 errors" : "\(errorCount) error(s)"), \(warningCount) warning(s)\n"
        return out
    }

    /// One JSON object; the shape is documented in docs/commands.md ("taxa check").
    package var json: String {
        var w = JSONWriter()
        w.beginObject()
        w.key("root"); w.string(root)
        w.key("today"); w.plainString(today.description)
        w.key("valid"); w.bool(load.tariffSet != nil)
        w.key("errors"); w.integer(errorCount)
        w.key("warnings"); w.integer(warningCount)
        w.key("findings")
        w.beginArray()
        for finding in findings {
            w.beginObject()
            w.key("severity"); w.plainString(finding.severity.rawValue)
            w.key("file"); w.string(finding.file == root ? "." : finding.file)
            w.key("path"); w.string(finding.path.description)
            w.key("message"); w.string(finding.message)
            w.endObject()
        }
        w.endArray()
        w.key("tariffs")
        w.beginArray()
        for tariff in (load.tariffSet?.tariffs.values.sorted(by: { $0.id < $1.id }) ?? []) {
            w.beginObject()
            w.key("tariff"); w.string(tariff.id)
            w.key("versions")
            w.beginArray()
            for version in tariff.versions { w.string(version.file) }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.key("indices")
        w.beginArray()
        for series in (load.tariffSet?.indices.values.sorted(by: { $0.id < $1.id }) ?? []) {
            w.beginObject()
            w.key("series"); w.string(series.id)
            w.key("file"); w.string(series.file)
            w.key("publications"); w.integer(series.publications.count)
            w.endObject()
        }
        w.endArray()
        w.key("documentation")
        w.beginArray()
        for file in load.documentation { w.string(file) }
        w.endArray()
        w.endObject()
        return String(decoding: w.finishLine(), as: UTF8.self)
    }
}
