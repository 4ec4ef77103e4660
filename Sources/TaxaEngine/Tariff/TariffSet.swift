import TaxaBase

/// Every tariff and index series under one tariff root, fully validated. The service holds
/// exactly one, loaded before the first request is read; it is never half-loaded.
///
/// A class: every request and worker refers to the one loaded set, which never changes.
package final class TariffSet: Sendable {
    package let root: String
    package let tariffs: [String: Tariff]
    package let indices: [String: IndexSeries]
    /// Rates and digests derived once from these files (see `RateCache`).
    package let rateCache: RateCache
    /// The `sha256:` digest of every file the set was read from, by its path under the root
    /// (empty for a set not read from files): two sets with equal digests were read from the
    /// same bytes, so they price every request alike.
    package let fileDigests: [String: String]
    /// What the set was read from: the scan of the root and the bytes of every file read, so a
    /// worker's copy is built from them and never reads the disk again (nil for a set not read
    /// from files).
    let sources: LoadSources?

    package convenience init(root: String, tariffs: [String: Tariff], indices: [String: IndexSeries], fileDigests: [String: String] = [:]) {
        self.init(root: root, tariffs: tariffs, indices: indices, fileDigests: fileDigests, sources: nil)
    }

    init(root: String, tariffs: [String: Tariff], indices: [String: IndexSeries], fileDigests: [String: String], sources: LoadSources?) {
        self.root = root
        self.tariffs = tariffs
        self.indices = indices
        self.fileDigests = fileDigests
        self.sources = sources
        rateCache = RateCache(tariffs: tariffs, indices: indices)
    }

    /// Another set built from the same bytes, for a worker of its own (`taxa --jobs`): workers
    /// that share one set's objects slow each other down by updating their reference counts
    /// from two cores. The bytes read once are parsed again, so the copy is the set as loaded
    /// even when the files changed since; its examples were checked with the set. Nil when the
    /// set was not read from files (then the workers share this set).
    package func copy() -> TariffSet? {
        guard let sources else { return nil }
        return TariffLoader.read(root: root, scan: sources.scan, saved: sources.bytes).tariffSet
    }
}

/// The scan of a tariff root and the bytes of every file the loader read under it.
struct LoadSources: Sendable {
    var scan: TariffRootScanner.Scan
    var bytes: [String: [UInt8]]
}

/// The outcome of loading a tariff root: the set when there were no errors, and every
/// diagnostic (errors and warnings) either way.
package struct LoadReport: Sendable {
    package var tariffSet: TariffSet?
    package var diagnostics: [Diagnostic]
    /// Documentation files (`*.md`) under the root, listed by `taxa check` and never read.
    package var documentation: [String] = []
    /// The warnings about files left unread — editors' backup and swap files, temporary files
    /// of a `taxa index add` that did not finish — which the service prints at every load
    /// (they are in `diagnostics` too).
    package var ignored: [Diagnostic] = []

    package var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    package var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }

    /// The lines the service writes on stderr about files it left unread under `root`.
    package func ignoredNotices(under root: String) -> [String] {
        ignored.map { "taxa: \($0.located(under: root))" }
    }
}

/// Validates the files under a tariff root that `TariffRootScanner` found: index series in
/// `indices/`, tariff versions in `<municipality>/<tariff>/`. Anything else under the root is
/// reported by the scanner, never skipped silently.
package enum TariffLoader {
    /// Loads the root as it is now. Files are read one by one, so the whole root is scanned
    /// again afterwards: when anything changed while it was read (an office edit of several
    /// files, a root switched to another folder), it is read again, up to `attempts` times.
    /// The published examples are checked above, by `TariffLoader.load` (TaxaForms).
    package static func read(root: String) -> LoadReport {
        read(root: root, attempts: 4)
    }

    /// `afterReading` runs once per attempt after every file was read (tests edit files there).
    package static func read(root: String, attempts: Int, afterReading: ((Int) -> Void)? = nil) -> LoadReport {
        for attempt in 1...attempts {
            let started = FileSystem.now()
            let scan = TariffRootScanner.scan(root: root)
            let report = read(root: root, scan: scan)
            afterReading?(attempt)
            if unchanged(scan, report, root: root, since: started) { return report }
        }
        return LoadReport(diagnostics: [
            Diagnostic(
                .error, file: root,
                message: "the files changed while they were read, \(attempts) times in a row; nothing was loaded (load again when the edits are done)")
        ])
    }

    /// True when a new scan finds every folder and file as `scan` found it. A file rewritten in
    /// place within the file system's timestamp granularity keeps its stamp, so a file changed
    /// in the last two seconds before the load began is read again and its digest compared.
    private static func unchanged(_ scan: TariffRootScanner.Scan, _ report: LoadReport, root: String, since started: FileSystem.Instant) -> Bool {
        let again = TariffRootScanner.scan(root: root)
        guard again.resolvedRoot == scan.resolvedRoot, again.stamps == scan.stamps else { return false }
        let racy = FileSystem.Instant(seconds: started.seconds - 2, nanoseconds: started.nanoseconds)
        for (relative, digest) in report.tariffSet?.fileDigests ?? [:] {
            guard let stamp = scan.stamps[relative], stamp.changed >= racy || stamp.modified >= racy else { continue }
            guard let bytes = try? FileSystem.read(scan.resolvedRoot + "/" + relative), SHA256.tagged(bytes: bytes) == digest else { return false }
        }
        return true
    }

    /// Reads the files `scan` found: under the resolved root, or taken from `saved` (the bytes
    /// an earlier reading read, for a worker's copy).
    static func read(root: String, scan: TariffRootScanner.Scan, saved: [String: [UInt8]]? = nil) -> LoadReport {
        if let failure = scan.rootFailure { return LoadReport(diagnostics: [failure]) }
        // Every file is read under the root as resolved once, never through `root` again.
        let resolved = scan.resolvedRoot
        var bytesRead: [String: [UInt8]] = [:]
        func parseDocument(_ relative: String, log: ProblemLog) -> (JSONDocument, String)? {
            let bytes: [UInt8]
            if let saved {
                guard let kept = saved[relative] else {
                    log.error("cannot read the file: it was not read when the tariff set was loaded")
                    return nil
                }
                bytes = kept
            } else {
                guard let read = TariffFileText.read(root: resolved, relative: relative, log: log) else { return nil }
                bytes = read
            }
            bytesRead[relative] = bytes
            return TariffFileText.parse(bytes: bytes, log: log)
        }
        var diagnostics = scan.diagnostics
        let versionFiles = scan.versionFiles
        let indexFiles = scan.indexFiles

        var indices: [String: IndexSeries] = [:]
        var fileDigests: [String: String] = [:]
        for file in indexFiles {
            let log = ProblemLog(file: file.relative)
            if let (document, digest) = parseDocument(file.relative, log: log) {
                fileDigests[file.relative] = digest
                if let series = document.withValue({ IndexSeriesParser.parse($0, fileStem: file.stem, log: log) }) {
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

        // Each tariff's id as first spelled and its versions, collected before the tariff is made.
        var collected: [String: (id: String, versions: [TariffVersion])] = [:]
        for file in versionFiles {
            let log = ProblemLog(file: file.relative)
            if let (document, digest) = parseDocument(file.relative, log: log),
                let version = document.withValue({
                    TariffVersionParser.parse($0, tariffID: file.id, fileStem: file.stem, fileDigest: digest, log: log)
                })
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
                if let other = collected[file.id], !other.id.sameBytes(file.id) {
                    // Tariff ids are matched as text: two folders spelling one id in two Unicode
                    // forms would be merged into one tariff.
                    log.error(
                        SameText.repeated("the tariff", file.id, as: other.id) + " (\(other.versions.first?.file ?? other.id)); rename one folder",
                        at: JSONPath([.key("tariff")]))
                } else if referencesKnown {
                    collected[file.id, default: (file.id, [])].versions.append(version)
                }
            }
            diagnostics += log.diagnostics
        }
        for id in collected.keys {
            // A later decision for the same valid_from supersedes the earlier one (for requests
            // with an as_of on or after its day); it lives in `<valid_from>+<decided>.json`.
            collected[id]!.versions.sort {
                ($0.validFrom, $0.decided, $0.isRevision ? 1 : 0) < ($1.validFrom, $1.decided, $1.isRevision ? 1 : 0)
            }
            let versions = collected[id]!.versions
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
        guard !failed else {
            return LoadReport(tariffSet: nil, diagnostics: diagnostics, documentation: scan.documentation, ignored: scan.ignored)
        }
        let tariffs = collected.mapValues { Tariff(id: $0.id, versions: $0.versions) }
        for tariff in tariffs.values {
            for version in tariff.versions { fileDigests[version.file] = version.fileDigest }
        }
        let set = TariffSet(
            root: root, tariffs: tariffs, indices: indices, fileDigests: fileDigests, sources: LoadSources(scan: scan, bytes: bytesRead))
        return LoadReport(tariffSet: set, diagnostics: diagnostics, documentation: scan.documentation, ignored: scan.ignored)
    }
}
