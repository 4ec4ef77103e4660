import TaxaBase

/// One index value a price used: which series, which publication, which year, and the value
/// exactly as recorded. Part of every result's provenance.
@usableFromInline package struct IndexUse: Sendable, Hashable {
    package var series: String
    package var published: CivilDate
    package var year: Int
    /// As recorded ("2.9", "57300").
    package var value: String

    package init(series: String, published: CivilDate, year: Int, value: String) {
        self.series = series
        self.published = published
        self.year = year
        self.value = value
    }

    package init(_ step: RateStep) {
        self.init(
            series: step.series, published: step.publication.published, year: step.valueYear,
            value: step.percent.description)
    }
}

/// The provenance of a price: which rule data produced it, as a digest an auditor can recompute.
///
/// The digest is SHA-256 over this text, one line each, in this order:
/// ```
/// taxa-rules-v1
/// version <file relative to the tariff root> <sha256 of the file's bytes>
/// index <series> <published> <year> <value>
/// ```
/// with one `version` line per tariff version used (oldest first) and one `index` line per
/// index value used (by series, then year). Editing anything that changed the price changes
/// the digest.
///
/// A class, immutable: most results take theirs from the digests derived at load, and one shared
/// reference is handed on for one retain where a struct's copy retained its versions, its index
/// values and its text.
package final class RuleDigest: Sendable, Equatable {
    package let versions: [TariffVersion]
    package let uses: [IndexUse]
    /// The digest when it is already known (derived at load); computed on demand otherwise.
    package let known: String?
    /// `"versions":[…],"tariff_digest":"…"` as a result carries it, encoded once for a digest
    /// derived at load (`known`): a result copies the bytes, where writing each version's name
    /// retains and releases the list, the versions and their names, which every thread shares.
    /// Nil for a digest made for one request.
    private let encoded: [UInt8]?

    package convenience init(versions: [TariffVersion], uses: [IndexUse]) {
        self.init(
            versions: versions.count < 2 ? versions : versions.sorted { ($0.validFrom, $0.decided) < ($1.validFrom, $1.decided) },
            canonicalUses: RuleDigest.canonical(uses), known: nil)
    }

    package convenience init(versions: [TariffVersion], steps: [RateStep]) {
        self.init(versions: versions, uses: steps.map(IndexUse.init))
    }

    /// A digest for these versions (in order) and index values (canonical), already computed
    /// when `known` is given.
    package init(versions: [TariffVersion], canonicalUses: [IndexUse], known: String?) {
        self.versions = versions
        uses = canonicalUses
        self.known = known
        if let known {
            var w = JSONWriter(reservingCapacity: 128)
            RuleDigest.write(versions, value: known, into: &w)
            encoded = w.bytes
        } else {
            encoded = nil
        }
    }

    /// The provenance of a result: the versions used and the digest of the exact rule data
    /// behind it.
    package func write(into w: inout JSONWriter) {
        if let encoded {
            encoded.withUnsafeBytes { w.encodedMember($0) }
        } else {
            RuleDigest.write(versions, value: value, into: &w)
        }
    }

    private static func write(_ versions: [TariffVersion], value: String, into w: inout JSONWriter) {
        w.key("versions")
        w.beginArray()
        for version in versions { w.plainString(version.name) }
        w.endArray()
        w.key("tariff_digest"); w.plainString(value)
    }

    /// The same digest with its value computed now (for the digests derived at load).
    package func computed() -> RuleDigest {
        known != nil ? self : RuleDigest(versions: versions, canonicalUses: uses, known: value)
    }

    package static func == (a: RuleDigest, b: RuleDigest) -> Bool {
        a === b || (a.versions == b.versions && a.uses == b.uses && a.known == b.known)
    }

    /// Whether `uses` is already canonical: strictly ordered by series, then year.
    static func isCanonical(_ uses: [IndexUse]) -> Bool {
        for i in uses.indices.dropFirst() where !((uses[i - 1].series, uses[i - 1].year) < (uses[i].series, uses[i].year)) {
            return false
        }
        return true
    }

    /// Sorted by series and year, each (series, year) once.
    package static func canonical(_ uses: [IndexUse]) -> [IndexUse] {
        if uses.count < 2 { return uses }
        var seen: [IndexUse] = []
        for use in uses.sorted(by: { ($0.series, $0.year) < ($1.series, $1.year) })
        where !seen.contains(where: { $0.series == use.series && $0.year == use.year }) {
            seen.append(use)
        }
        return seen
    }

    /// The canonical text the digest is computed over.
    package var canonicalText: String {
        var text = "taxa-rules-v1\n"
        for version in versions { text += "version \(version.file) \(version.fileDigest)\n" }
        for use in uses { text += "index \(use.series) \(use.published) \(use.year) \(use.value)\n" }
        return text
    }

    package var value: String { known ?? SHA256.tagged(canonicalText) }
}
