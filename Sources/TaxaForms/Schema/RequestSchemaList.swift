import TaxaBase
import TaxaEngine

/// `taxa schema --list`: every tariff with what a request to it names — the fees of the
/// version in force on a day (the activities of an hourly tariff, the groups of a per-capita
/// one), or of the latest version when none is in force then.
package enum RequestSchemaList {
    /// What a request to a version names, as its form says.
    struct Listing {
        /// What one of `names` is called ("fee", "activity", "group").
        var noun: String
        /// Key, name, paragraph.
        var names: [(String, String, String?)]
        /// A line said instead of (or after) the names.
        var note: String? = nil
    }

    struct Entry {
        var tariff: Tariff
        var version: TariffVersion
        var inForce: Bool
        var listing: Listing
    }

    static func entries(_ set: TariffSet, on date: CivilDate) -> [Entry] {
        set.tariffs.values.sorted { $0.id < $1.id }.compactMap { tariff in
            let inForce = tariff.version(on: date)
            guard let version = inForce ?? tariff.versions.last else { return nil }
            return Entry(tariff: tariff, version: version, inForce: inForce != nil, listing: FormRegistry.form(version.rules.kind).listing(version))
        }
    }

    package static func text(_ set: TariffSet, on date: CivilDate) -> String {
        var out = ""
        for entry in entries(set, on: date) {
            let state = entry.inForce ? "in force on \(date)" : "not in force on \(date); the latest"
            out += "\(entry.tariff.id) (\(entry.version.rules.kindName)): \(entry.version.title) — version \(entry.version.name), \(state)\n"
            for (key, name, paragraph) in entry.listing.names {
                out += "  \(entry.listing.noun) \(key)" + (name == key ? "" : ": \(name)") + (paragraph.map { " (\($0))" } ?? "") + "\n"
            }
            if let note = entry.listing.note { out += "  (\(note))\n" }
        }
        return out
    }

    package static func json(_ set: TariffSet, on date: CivilDate) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("date"); w.string { $0.appendDate(date) }
        w.key("tariffs")
        w.beginArray()
        for entry in entries(set, on: date) {
            w.beginObject()
            w.key("tariff"); w.string(entry.tariff.id)
            w.key("kind"); w.string(entry.version.rules.kindName)
            w.key("title"); w.string(entry.version.title)
            w.key("version"); w.plainString(entry.version.name)
            w.key("in_force"); w.bool(entry.inForce)
            w.key("fees")
            w.beginArray()
            for (key, name, paragraph) in entry.listing.names {
                w.beginObject()
                w.key("fee"); w.string(key)
                w.key("name"); w.string(name)
                if let paragraph { w.key("paragraph"); w.string(paragraph) }
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return String(decoding: w.finishLine(), as: UTF8.self)
    }
}
