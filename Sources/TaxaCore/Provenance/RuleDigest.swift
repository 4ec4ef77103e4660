/// The provenance of a price: which rule data produced it, as a digest an auditor can recompute.
///
/// The digest is SHA-256 over this text, one line each, in this order:
/// ```
/// taxa-rules-v1
/// version <file relative to the tariff root> <sha256 of the file's bytes>
/// index <series> <published> <year> <percent>
/// ```
/// with one `version` line per tariff version used (oldest first) and one `index` line per
/// index value used (by year). Editing anything that changed the price changes the digest.
public struct RuleDigest: Sendable, Equatable {
    public var versions: [TariffVersion]
    public var steps: [RateStep]
    /// The digest when it is already known (from `RateCache`); computed on demand otherwise.
    public var known: String? = nil

    public init(versions: [TariffVersion], steps: [RateStep]) {
        self.versions = versions.count < 2 ? versions : versions.sorted { ($0.validFrom, $0.decided) < ($1.validFrom, $1.decided) }
        var seen: [RateStep] = []
        for step in steps.sorted(by: { ($0.series, $0.year) < ($1.series, $1.year) })
        where !seen.contains(where: { $0.series == step.series && $0.year == step.year }) {
            seen.append(step)
        }
        self.steps = seen
    }

    /// A digest already computed for this single version (see `RateCache`): the steps are not needed.
    public init(version: TariffVersion, known: String) {
        versions = [version]
        steps = []
        self.known = known
    }

    /// The canonical text the digest is computed over.
    public var canonicalText: String {
        var text = "taxa-rules-v1\n"
        for version in versions { text += "version \(version.file) \(version.fileDigest)\n" }
        for step in steps { text += "index \(step.series) \(step.publication.published) \(step.year) \(step.percent)\n" }
        return text
    }

    public var value: String { known ?? SHA256.tagged(canonicalText) }
}
