import TaxaBase

/// Walks a tariff root and sorts every entry under it into what the loader reads, what it lists
/// as documentation, and what it reports — nothing is skipped silently:
///
///     indices/<series>.json                          index series
///     <municipality>/<tariff>/<valid_from>.json      tariff versions (or <valid_from>+<decided>.json)
///     *.md anywhere                                  documentation: listed by `taxa check`, never read
///
/// Anything else is an error naming it (a version saved as `2027-01-01.JSON` or
/// `2027-01-01.json.txt`, a hidden file, a folder a level too deep, a name with a control
/// character, a symbolic link leaving the root); an empty folder is a warning. Only two kinds
/// of file are left unread: editors' backup and swap files (a warning naming each) and
/// `taxa index add`'s temporary files (see `FileNames`; a warning once their process has ended).
///
/// The root is resolved once (symbolic links followed) and everything is read under that path,
/// so a root that is a symbolic link switched to another folder is read wholly from one of them.
package enum TariffRootScanner {
    struct Scan {
        /// Set when the root itself cannot be read; then nothing else is.
        var rootFailure: Diagnostic?
        /// The root with every symbolic link followed: where every file is read.
        var resolvedRoot = ""
        /// The stamp of every folder and file read, by its path under the root ("" for the
        /// root): a second scan with other stamps, or other paths, means something changed
        /// while reading.
        var stamps: [String: FileSystem.Stamp] = [:]
        /// The warnings about files left unread (editors' backups, stale temporary files),
        /// which the service prints at every load; also in `diagnostics`.
        var ignored: [Diagnostic] = []
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
            scan.resolvedRoot = try FileSystem.resolved(root)
            let status = try FileSystem.status(of: scan.resolvedRoot)
            guard status.kind == .directory else {
                scan.rootFailure = Diagnostic(.error, file: root, message: "the tariff root is not a directory")
                return scan
            }
            scan.stamps[""] = status.stamp.identityOnly
            var visited: Set<[UInt64]> = [status.identity]
            try walk(root: scan.resolvedRoot, relative: "", level: .root, visited: &visited, into: &scan)
        } catch {
            scan.rootFailure = Diagnostic(.error, file: root, message: "cannot read the tariff root: \(error.message)")
        }
        return scan
    }

    /// The file `path` (under the tariff root `root`) really is when a symbolic link on the way
    /// leads outside the root, or nil when it stays inside.
    package static func linkLeavingRoot(_ path: String, root: String) -> String? {
        guard let target = try? FileSystem.resolved(path), let inside = try? FileSystem.resolved(root) else { return nil }
        return isInside(target, root: inside) ? nil : target
    }

    package static func leavesRootMessage(_ target: String) -> String {
        let shown = FileNames.escapedIfUnprintable(Array(target.utf8)) ?? target
        return "a symbolic link to \(shown), outside the tariff root; taxa reads only files and folders inside the root (a link to one inside it is fine)"
    }

    private static func isInside(_ path: String, root: String) -> Bool {
        root == "/" || path == root || path.hasPrefix(root + "/")
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
        for entry in try FileSystem.list(directory) {
            let name = entry.text
            let child = relative.isEmpty ? name : relative + "/" + name
            func report(_ message: String) {
                scan.diagnostics.append(Diagnostic(.error, file: child, message: "not read: " + message))
            }
            if let escaped = FileNames.escapedIfUnprintable(entry.bytes) {
                // Printed as it is, the name could forge lines of the report.
                scan.diagnostics.append(
                    Diagnostic(
                        .error, file: relative.isEmpty ? escaped : relative + "/" + escaped,
                        message: "not read: the name has a control character or a byte that is not UTF-8 (shown escaped); rename it"))
                continue
            }
            let path = root + "/" + child
            func ignore(_ message: String) {
                let diagnostic = Diagnostic(.warning, file: child, message: "not read: " + message)
                scan.diagnostics.append(diagnostic)
                scan.ignored.append(diagnostic)
            }
            if let owner = FileNames.temporaryOwner(name), !FileSystem.isDirectory(path) {
                // An add in progress is no news; one whose process ended left it behind.
                if !FileSystem.isRunning(owner.pid) {
                    ignore(
                        "a temporary file of a taxa index add that did not finish (process \(owner.pid) has ended); the next taxa index add into \(owner.name) removes it (or remove it)"
                    )
                }
                continue
            }
            if FileNames.isEditorBackup(name), !FileSystem.isDirectory(path) {
                ignore("an editor's backup or swap file (taxa ignores \(FileNames.editorBackupPatterns))")
                continue
            }
            let kind: FileSystem.EntryKind
            let identity: [UInt64]
            do {
                let status = try FileSystem.status(of: path)
                (kind, identity) = (status.kind, status.identity)
                // A folder by its identity only: its times change with every temporary file
                // created in it, and the files it holds are compared one by one anyway.
                scan.stamps[child] = status.kind == .directory ? status.stamp.identityOnly : status.stamp
            } catch {
                scan.diagnostics.append(Diagnostic(.error, file: child, message: "cannot read: \(error.message)"))
                continue
            }
            if FileSystem.isSymbolicLink(path), let target = try? FileSystem.resolved(path), !isInside(target, root: root) {
                report(leavesRootMessage(target))
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
                    // Before the lock (issue 16), index add wrote `<series>.json.tmp-<pid>` beside the file.
                    let hint =
                        lower.hasSuffix(".json")
                        ? "; rename it \(lower)"
                        : FileNames.isEarlierTemporary(name)
                            ? "; it is a temporary file left by an interrupted taxa index add of an earlier taxa: remove it" : ""
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
