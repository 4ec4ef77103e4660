/// Every tariff and index series under one tariff root, fully validated. The service holds
/// exactly one, loaded before the first request is read; it is never half-loaded.
///
/// A class: every request and worker refers to the one loaded set, which never changes.
public final class TariffSet: Sendable {
    public let root: String
    public let tariffs: [String: Tariff]
    public let indices: [String: IndexSeries]
    /// Rates and digests derived once from these files (see `RateCache`).
    public let rateCache: RateCache
    /// The `sha256:` digest of every file the set was read from, by its path under the root
    /// (empty for a set not read from files): two sets with equal digests were read from the
    /// same bytes, so they price every request alike.
    public let fileDigests: [String: String]

    public init(root: String, tariffs: [String: Tariff], indices: [String: IndexSeries], fileDigests: [String: String] = [:]) {
        self.root = root
        self.tariffs = tariffs
        self.indices = indices
        self.fileDigests = fileDigests
        rateCache = RateCache(tariffs: tariffs, indices: indices)
    }

    /// Another set read from the same files, for a worker of its own (`taxa --jobs`): workers
    /// that share one set's objects slow each other down by updating their reference counts
    /// from two cores. Nil when the set was not read from files, or when a file changed
    /// between the two readings (then the workers share this set).
    func copy() -> TariffSet? {
        guard !fileDigests.isEmpty, let copy = TariffLoader.load(root: root).tariffSet, copy.fileDigests == fileDigests else {
            return nil
        }
        return copy
    }
}

/// The outcome of loading a tariff root: the set when there were no errors, and every
/// diagnostic (errors and warnings) either way.
public struct LoadReport: Sendable {
    public var tariffSet: TariffSet?
    public var diagnostics: [Diagnostic]
    /// Documentation files (`*.md`) under the root, listed by `taxa check` and never read.
    public var documentation: [String] = []

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}

/// Validates the files under a tariff root that `TariffRootScanner` found: index series in
/// `indices/`, tariff versions in `<municipality>/<tariff>/`. Anything else under the root is
/// reported by the scanner, never skipped silently.
public enum TariffLoader {
    public static func load(root: String) -> LoadReport {
        let scan = TariffRootScanner.scan(root: root)
        if let failure = scan.rootFailure { return LoadReport(diagnostics: [failure]) }
        var diagnostics = scan.diagnostics
        let versionFiles = scan.versionFiles
        let indexFiles = scan.indexFiles

        var indices: [String: IndexSeries] = [:]
        var fileDigests: [String: String] = [:]
        for file in indexFiles {
            let log = ProblemLog(file: file.relative)
            if let (document, digest) = parseDocument(root: root, relative: file.relative, log: log) {
                fileDigests[file.relative] = digest
                if let series = IndexSeriesParser.parse(document.value, fileStem: file.stem, log: log) {
                    // Ids are matched as text: one spelled in two Unicode forms is one series twice.
                    if let other = indices[series.id], !other.id.sameBytes(series.id) {
                        log.error(SameText.repeated("the series", series.id, as: other.id) + " (also \(other.file))", at: JSONPath([.key("series")]))
                    } else {
                        indices[series.id] = series
                    }
                }
            }
            diagnostics += log.diagnostics
        }

        var tariffs: [String: Tariff] = [:]
        for file in versionFiles {
            let log = ProblemLog(file: file.relative)
            if let (document, digest) = parseDocument(root: root, relative: file.relative, log: log),
                let version = TariffVersionParser.parse(
                    document.value, tariffID: file.id, fileStem: file.stem,
                    fileDigest: digest, log: log)
            {
                var referencesKnown = true
                for reference in version.indexReferences {
                    guard let series = indices[reference.series] else {
                        referencesKnown = false
                        // An index file that exists but is invalid has its own errors; don't repeat them here.
                        if !indexFiles.contains(where: { $0.stem == reference.series.lowercased() }) {
                            log.error(
                                "names the index series \"\(reference.series)\", which is not recorded under indices/ (known: \(indices.keys.sorted().joined(separator: ", ")))",
                                at: reference.path)
                        }
                        continue
                    }
                    if series.unit != reference.unit {
                        referencesKnown = false
                        log.error(
                            reference.unit == .percent
                                ? "names the index series \"\(series.id)\", whose values are amounts in kronor; indexation chains a rate by yearly percentage changes and needs a percent series"
                                : "names the index series \"\(series.id)\", whose values are yearly percentage changes; a share of an index needs an amount series such as the prisbasbelopp",
                            at: reference.path)
                    }
                }
                if let other = tariffs[file.id], !other.id.sameBytes(file.id) {
                    // Tariff ids are matched as text: two folders spelling one id in two Unicode
                    // forms would be merged into one tariff.
                    log.error(
                        SameText.repeated("the tariff", file.id, as: other.id) + " (\(other.versions.first?.file ?? other.id)); rename one folder",
                        at: JSONPath([.key("tariff")]))
                } else if referencesKnown {
                    tariffs[file.id, default: Tariff(id: file.id, versions: [])].versions.append(version)
                }
            }
            diagnostics += log.diagnostics
        }
        for id in tariffs.keys {
            // A later decision for the same valid_from supersedes the earlier one (for requests
            // with an as_of on or after its day); it lives in `<valid_from>+<decided>.json`.
            tariffs[id]!.versions.sort {
                ($0.validFrom, $0.decided, $0.isRevision ? 1 : 0) < ($1.validFrom, $1.decided, $1.isRevision ? 1 : 0)
            }
            let versions = tariffs[id]!.versions
            for (index, version) in versions.enumerated() {
                let earlier = versions[..<index].last { $0.validFrom == version.validFrom }
                let day = version.validFrom
                if let earlier, earlier.decided == version.decided {
                    diagnostics.append(
                        Diagnostic(
                            .error, file: version.file, path: JSONPath([.key("decided")]),
                            message: "\(id) has two versions valid from \(day) decided on \(version.decided) (also \(earlier.file)); keep one"))
                } else if let earlier, !version.isRevision {
                    diagnostics.append(
                        Diagnostic(
                            .error, file: version.file, path: JSONPath([.key("valid_from")]),
                            message:
                                "\(id) has two versions valid from \(day) (also \(earlier.file)); a later decision for the same day belongs in \(day)+\(version.decided).json"
                        ))
                } else if earlier == nil, version.isRevision {
                    diagnostics.append(
                        Diagnostic(
                            .error, file: version.file, path: JSONPath([.key("decided")]),
                            message: "the file is named as a later decision for \(day), but \(id) has no earlier decision for that day; name it \(day).json"))
                }
            }
            if let kinds = Optional(Set(versions.map(\.rules.kindName))), kinds.count > 1 {
                diagnostics.append(
                    Diagnostic(
                        .error, file: versions.last!.file, path: JSONPath([.key("kind")]),
                        message: "\(id) mixes tariff kinds across versions (\(kinds.sorted().joined(separator: ", "))); a new kind is a new tariff"))
            }
        }
        if versionFiles.isEmpty && !diagnostics.contains(where: { $0.severity == .error }) {
            diagnostics.append(Diagnostic(.error, file: root, message: "no tariff version files found (expected <municipality>/<tariff>/<valid_from>.json)"))
        }
        let failed = diagnostics.contains { $0.severity == .error }
        guard !failed else { return LoadReport(tariffSet: nil, diagnostics: diagnostics, documentation: scan.documentation) }
        for tariff in tariffs.values {
            for version in tariff.versions { fileDigests[version.file] = version.fileDigest }
        }
        let set = TariffSet(root: root, tariffs: tariffs, indices: indices, fileDigests: fileDigests)
        // The published examples are priced by the loaded set itself: a mismatch stops it too.
        let examples = ExampleCheck.run(set)
        return LoadReport(
            tariffSet: examples.isEmpty ? set : nil, diagnostics: diagnostics + examples,
            documentation: scan.documentation)
    }

    private static func parseDocument(root: String, relative: String, log: ProblemLog) -> (JSONDocument, String)? {
        TariffFileText.parse(root: root, relative: relative, log: log)
    }
}
