/// Walks a tariff root and sorts every entry under it into what the loader reads, what it lists
/// as documentation, and what it reports — nothing is skipped silently:
///
///     indices/<series>.json                          index series
///     <municipality>/<tariff>/<valid_from>.json      tariff versions (or <valid_from>+<decided>.json)
///     *.md anywhere                                  documentation: listed by `taxa check`, never read
///
/// Anything else is an error naming it (a version saved as `2027-01-01.JSON` or
/// `2027-01-01.json.txt`, a hidden file, a folder a level too deep); an empty folder is a warning.
enum TariffRootScanner {
    struct Scan {
        /// Set when the root itself cannot be read; then nothing else is.
        var rootFailure: Diagnostic?
        var versionFiles: [(id: String, stem: String, relative: String)] = []
        var indexFiles: [(stem: String, relative: String)] = []
        /// Documentation files, relative to the root.
        var documentation: [String] = []
        var diagnostics: [Diagnostic] = []
    }

    /// Where an entry sits, which decides what may be there.
    private enum Level {
        case root, indices, municipality, tariff

        /// What this folder holds, for messages.
        var holds: String {
            switch self {
            case .root: "the tariff root holds indices/, one folder per municipality and documentation (*.md)"
            case .indices: "indices/ holds one <series>.json file per index series and documentation (*.md)"
            case .municipality: "a municipality's folder holds one folder per tariff and documentation (*.md)"
            case .tariff: "a tariff's folder holds its version files and documentation (*.md)"
            }
        }
    }

    static func scan(root: String) -> Scan {
        var scan = Scan()
        do {
            let (kind, identity) = try FileSystem.kind(of: root)
            guard kind == .directory else {
                scan.rootFailure = Diagnostic(.error, file: root, message: "the tariff root is not a directory")
                return scan
            }
            var visited: Set<[UInt64]> = [identity]
            try walk(root: root, relative: "", level: .root, visited: &visited, into: &scan)
        } catch {
            scan.rootFailure = Diagnostic(.error, file: root, message: "cannot read the tariff root: \(error.message)")
        }
        return scan
    }

    /// A documentation file: `*.md` in any case, but never a name that looks like a JSON file
    /// (`2027-01-01.json.md` is a version saved under the wrong name, not notes).
    static func isDocumentation(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".md") && !lower.contains(".json")
    }

    /// The stem of a tariff version file name (`2024-01-01`, `2024-01-01+2024-02-07`), or nil.
    static func versionStem(_ name: String) -> String? {
        guard name.hasSuffix(".json") else { return nil }
        let stem = String(name.dropLast(5))
        return isVersionStem(stem) ? stem : nil
    }

    private static func isVersionStem(_ stem: String) -> Bool {
        let parts = stem.split(separator: "+", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.allSatisfy { CivilDate.parse(String($0)) != nil }
    }

    /// `2027-01-01` for `2027-01-01.JSON` or `2027-01-01.json.txt`: the version a misnamed file
    /// probably is, so the message can say what to rename it to.
    private static func probableVersionStem(_ name: String) -> String? {
        let revision = String(name.prefix(21))
        if isVersionStem(revision), revision.utf8.count == 21 { return revision }
        let plain = String(name.prefix(10))
        return isVersionStem(plain) && plain.utf8.count == 10 ? plain : nil
    }

    private static func walk(
        root: String, relative: String, level: Level, visited: inout Set<[UInt64]>,
        into scan: inout Scan
    ) throws(FileSystem.Failure) {
        let directory = relative.isEmpty ? root : root + "/" + relative
        var holdsSomething = false
        for name in try FileSystem.list(directory) {
            let child = relative.isEmpty ? name : relative + "/" + name
            func report(_ message: String) {
                scan.diagnostics.append(Diagnostic(.error, file: child, message: "not read: " + message))
            }
            let kind: FileSystem.EntryKind
            let identity: [UInt64]
            do { (kind, identity) = try FileSystem.kind(of: root + "/" + child) } catch {
                scan.diagnostics.append(Diagnostic(.error, file: child, message: "cannot read: \(error.message)"))
                continue
            }
            if name.hasPrefix(".") {
                report("a hidden \(kind == .directory ? "folder" : "file"); taxa reads no hidden files, so remove it or rename it")
                continue
            }
            switch kind {
            case .directory:
                guard visited.insert(identity).inserted else {
                    scan.diagnostics.append(Diagnostic(.error, file: child, message: "a folder that links back to one already read (symbolic link loop)"))
                    continue
                }
                let inner: Level
                switch level {
                case .root: inner = relative.isEmpty && name == "indices" ? .indices : .municipality
                case .municipality: inner = .tariff
                case .indices, .tariff:
                    report("a folder where none belongs; \(level.holds)")
                    continue
                }
                holdsSomething = true
                do {
                    try walk(root: root, relative: child, level: inner, visited: &visited, into: &scan)
                } catch {
                    scan.diagnostics.append(Diagnostic(.error, file: child, message: "cannot read the folder: \(error.message)"))
                }
            case .file where isDocumentation(name):
                scan.documentation.append(child)
            case .file:
                holdsSomething = true
                switch level {
                case .indices where name.hasSuffix(".json"):
                    scan.indexFiles.append((String(name.dropLast(5)), child))
                case .indices:
                    let lower = name.lowercased()
                    let hint = lower.hasSuffix(".json") ? "; rename it \(lower)" : ""
                    report("not an index series file name; expected <series>.json, named after the series in lower case\(hint)")
                case .tariff:
                    if let stem = versionStem(name) {
                        scan.versionFiles.append((relative, stem, child))
                    } else {
                        let hint = probableVersionStem(name).map { "; if it is the version valid from \($0.prefix(10)), rename it \($0).json" } ?? ""
                        report(
                            "not a tariff version file name; expected <valid_from>.json or <valid_from>+<decided>.json, dates as YYYY-MM-DD and .json in lower case\(hint)"
                        )
                    }
                case .root, .municipality:
                    report("a file where none belongs; \(level.holds); tariff versions live in <municipality>/<tariff>/")
                }
            case .other:
                report("neither a file nor a folder")
            }
        }
        if !holdsSomething && level != .root {
            let what = level == .tariff ? "no tariff version" : level == .indices ? "no index series" : "no tariff folder"
            scan.diagnostics.append(Diagnostic(.warning, file: relative, message: "a folder with \(what); \(level.holds)"))
        }
    }
}
