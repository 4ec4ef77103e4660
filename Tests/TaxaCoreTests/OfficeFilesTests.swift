import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

#if canImport(Glibc)
    import Glibc
#endif

/// The office's files under concurrency, crashes and careless saving: `taxa index add` under a
/// lock (nothing lost, link, mode and owner kept, read-only refused), its temporary files,
/// editors' backups, names with control characters, links leaving the root, a load that races
/// with an edit, a root swapped whole, and gaps between versions.
@Suite struct OfficeFilesTests {
    /// A fresh copy of the shipped `Tariffs/`, removed when the test ends.
    final class Root {
        let url: URL
        var path: String { url.path }
        init() throws { url = try TestSupport.copyOfTariffs() }
        deinit { try? FileManager.default.removeItem(at: url) }

        var pkv: String { path + "/indices/pkv.json" }

        func add(_ year: Int, _ percent: String) throws -> TestSupport.Run {
            try TestSupport.runTaxa(Self.addArguments(year, percent) + ["--tariffs", path])
        }

        static func addArguments(_ year: Int, _ percent: String) -> [String] {
            ["index", "add", "PKV", "--year", String(year), "--percent", percent, "--published", "2026-10-14", "--source", "SKR PKV oktober 2026 (test)"]
        }

        func check(json: Bool = false) throws -> TestSupport.Run {
            try TestSupport.runTaxa(["check", "--tariffs", path] + (json ? ["--json"] : []), environment: ["TAXA_TODAY": "2024-03-01"])
        }
    }

    static let laffRequest = #"{"id":"1","tariff":"oxelosund/laff","entries":[{"date":"2024-03-05","activity":"tillsyn","minutes":60}]}"#

    static func mode(_ path: String) -> (mode: mode_t, uid: uid_t, gid: gid_t, link: Bool) {
        var info = stat()
        lstat(path, &info)
        let link = info.st_mode & S_IFMT == S_IFLNK
        stat(path, &info)
        return (info.st_mode & 0o7777, info.st_uid, info.st_gid, link)
    }

    /// The process id of a process that has ended.
    static func endedProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    // MARK: - index add under concurrency

    /// Eleven adds at once, each for another year, three times over: every value is recorded.
    /// (Without the lock two at once lost one in about two trials of three.)
    @Test func concurrentAddsLoseNothing() throws {
        for _ in 1...3 {
            let root = try Root()
            // Years within 5 of the publication (2026): others are refused.
            let years = Array(2021...2031)
            let processes = try years.map { year -> Process in
                let process = Process()
                process.executableURL = URL(fileURLWithPath: TestSupport.taxaBinary)
                process.arguments = Root.addArguments(year, "2.\(year - 2019)") + ["--tariffs", root.path]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                return process
            }
            for process in processes {
                process.waitUntilExit()
                #expect(process.terminationStatus == 0)
            }
            let series = try #require(TariffLoader.load(root: root.path).tariffSet?.indices["PKV"])
            #expect(series.publications.count == 1)
            let recorded = series.publications.first?.values.mapValues(\.asWritten) ?? [:]
            #expect(recorded == Dictionary(uniqueKeysWithValues: years.map { ($0, "2.\($0 - 2019)") }))
            // Nothing left beside it.
            #expect(try FileManager.default.contentsOfDirectory(atPath: root.path + "/indices").sorted() == ["pbb.json", "pkv.json"])
        }
    }

    /// A second add waits while another holds the lock, then records its value on top.
    @Test func aSecondAddWaitsForTheLock() throws {
        let root = try Root()
        let fd = open(root.pkv, O_RDONLY)
        #expect(flock(fd, LOCK_EX) == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestSupport.taxaBinary)
        process.arguments = Root.addArguments(2027, "2.8") + ["--tariffs", root.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        usleep(300_000)
        #expect(process.isRunning)
        #expect(!(try String(contentsOfFile: root.pkv, encoding: .utf8)).contains(#""2027""#))
        close(fd)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try String(contentsOfFile: root.pkv, encoding: .utf8).contains(#""values": { "2027": "2.8" }"#))
    }

    // MARK: - temporary files

    /// A temporary file left by a killed add: check and the service leave it unread with a
    /// warning; the next add removes it, saying so. One of a running add is not mentioned.
    @Test func staleTemporaryFileIsIgnoredAndRemoved() throws {
        let root = try Root()
        let ended = try Self.endedProcessID()
        let stale = root.path + "/indices/.pkv.json.taxa-tmp-\(ended)"
        let running = root.path + "/indices/.pkv.json.taxa-tmp-\(getpid())"
        try Data("{\"half".utf8).write(to: URL(fileURLWithPath: stale))
        try Data("{\"half".utf8).write(to: URL(fileURLWithPath: running))
        let warning =
            "\(root.path)/indices/.pkv.json.taxa-tmp-\(ended): warning: not read: a temporary file of a taxa index add that did not finish (process \(ended) has ended); the next taxa index add into pkv.json removes it (or remove it)"

        let check = try root.check()
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.hasPrefix(warning + "\n"), "\(check.stdout)")
        #expect(!check.stdout.contains("taxa-tmp-\(getpid())"))

        let service = try TestSupport.runTaxa(["--tariffs", root.path], input: Data((Self.laffRequest + "\n").utf8))
        #expect(service.status == 0)
        #expect(service.stdout.contains(#""total":"1201.00""#))
        #expect(service.stderr == "taxa: \(warning)\n")

        let add = try root.add(2027, "2.8")
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stderr == "taxa index add: removed \(stale), left by a taxa index add that did not finish\n")
        #expect(add.stdout == "recorded PKV 2.8 % for 2027, published 2026-10-14\n")
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: running))  // its process still runs
        // The four warnings of the shipped files on that day and the new publication's date.
        let after = try root.check()
        #expect(after.stdout.hasSuffix("0 errors, 5 warning(s)\n"), "\(after.stdout)")
        #expect(!after.stdout.contains("taxa-tmp"))
    }

    /// One left by an earlier taxa is still an error (its run may go on), saying what it is.
    @Test func anEarlierTemporaryFileIsNamedAsSuch() throws {
        let root = try Root()
        let earlier = root.pkv + ".tmp-\(try Self.endedProcessID())"
        try Data("{".utf8).write(to: URL(fileURLWithPath: earlier))
        let check = try root.check()
        #expect(check.status == 1)
        #expect(
            check.stdout.hasPrefix(
                "\(earlier): not read: not an index series file name; expected <series>.json, named after the series in lower case; it is a temporary file left by an interrupted taxa index add of an earlier taxa: remove it\n"
            ), "\(check.stdout)")
    }

    @Test(arguments: [
        (".pkv.json.taxa-tmp-1", "pkv.json", Int32(1)),
        (".2024-02-01.json.taxa-tmp-4194304", "2024-02-01.json", Int32(4_194_304)),
    ])
    func temporaryFileNamesAreRecognised(_ name: String, _ target: String, _ pid: Int32) {
        #expect(FileNames.temporary(for: target, pid: pid) == name)
        #expect(FileNames.temporaryOwner(name)?.name == target)
        #expect(FileNames.temporaryOwner(name)?.pid == pid)
    }

    @Test(arguments: [
        "pkv.json.taxa-tmp-1", ".pkv.json.taxa-tmp-", ".taxa-tmp-12", ".pkv.json.taxa-tmp-12x", "pkv.json.tmp-12", ".pkv.json.taxa-tmp-12345678901",
    ])
    func otherNamesAreNoTemporaryFiles(_ name: String) {
        #expect(FileNames.temporaryOwner(name) == nil)
    }

    // MARK: - links, mode and owner

    /// A symbolic link to the series file stays a link; its target gets the value.
    @Test func aSymlinkedSeriesFileIsWrittenThrough() throws {
        let root = try Root()
        let shared = root.path + "/oxelosund/shared-pkv.json"
        try FileManager.default.moveItem(atPath: root.pkv, toPath: shared)
        try FileManager.default.createSymbolicLink(atPath: root.pkv, withDestinationPath: "../oxelosund/shared-pkv.json")
        let add = try root.add(2027, "2.8")
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout == "recorded PKV 2.8 % for 2027, published 2026-10-14\n")
        #expect(Self.mode(root.pkv).link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: root.pkv) == "../oxelosund/shared-pkv.json")
        #expect(try String(contentsOfFile: shared, encoding: .utf8).contains(#""values": { "2027": "2.8" }"#))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path + "/oxelosund").sorted() == ["bep", "laff", "po", "shared-pkv.json"])
    }

    /// A series file that links out of the root is not written: the service would not read it.
    @Test func aSeriesFileLinkingOutOfTheRootIsRefused() throws {
        let root = try Root()
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("taxa-outside-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try FileManager.default.moveItem(atPath: root.pkv, toPath: outside)
        try FileManager.default.createSymbolicLink(atPath: root.pkv, withDestinationPath: outside)
        let before = try Data(contentsOf: URL(fileURLWithPath: outside))
        let add = try root.add(2027, "2.8")
        #expect(add.status == 1)
        let real = try FileSystem.resolved(outside)
        #expect(
            add.stderr
                == "taxa index add: \(root.pkv): a symbolic link to \(real), outside the tariff root; taxa reads only files and folders inside the root (a link to one inside it is fine)\n"
        )
        #expect(try Data(contentsOf: URL(fileURLWithPath: outside)) == before)
    }

    @Test func aReadOnlySeriesFileIsRefused() throws {
        let root = try Root()
        #expect(chmod(root.pkv, 0o444) == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: root.pkv))
        let add = try root.add(2027, "2.8")
        #expect(add.status == 1)
        #expect(
            add.stderr
                == "taxa index add: \(root.pkv): the file is read-only (mode 0444); taxa index add does not replace a file protected against writing: make it writable (chmod u+w) if the value is to be recorded\n"
        )
        #expect(add.stdout.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: root.pkv)) == before)
        #expect(Self.mode(root.pkv).mode == 0o444)
        // Recording what is already there writes nothing, so it is not refused.
        #expect(chmod(root.pkv, 0o644) == 0)
        #expect(try root.add(2027, "2.8").status == 0)
        #expect(chmod(root.pkv, 0o444) == 0)
        let again = try root.add(2027, "2.8")
        #expect(again.status == 0)
        #expect(again.stdout == "already recorded: PKV 2.8 % for 2027, published 2026-10-14\n")
    }

    /// The replaced file keeps its mode, and its owner and group (changed here when the tests
    /// run as root, the only user who may give a file away).
    @Test func modeAndOwnerAreKept() throws {
        let root = try Root()
        #expect(chmod(root.pkv, 0o640) == 0)
        let owner: (uid_t, gid_t) = geteuid() == 0 ? (65534, 65534) : (geteuid(), getegid())
        #expect(chown(root.pkv, owner.0, owner.1) == 0)
        let add = try root.add(2027, "2.8")
        #expect(add.status == 0, "\(add.stderr)")
        let after = Self.mode(root.pkv)
        #expect(after.mode == 0o640)
        #expect(after.uid == owner.0 && after.gid == owner.1)
        #expect(try String(contentsOfFile: root.pkv, encoding: .utf8).contains(#""2027": "2.8""#))
    }

    // MARK: - editors' backups

    /// One backup or swap file no longer stops billing: check warns, the service prices and
    /// names it on stderr. A misnamed version is still an error.
    @Test(arguments: [
        "oxelosund/laff/2024-02-01.json~", "oxelosund/laff/.2024-02-01.json.swp", "oxelosund/laff/.2024-02-01.json.swo", "oxelosund/laff/#2024-02-01.json#",
        "indices/.#pkv.json", "README.md~",
    ])
    func anEditorBackupIsLeftUnread(_ backup: String) throws {
        let root = try Root()
        try Data("{ half a file".utf8).write(to: root.url.appendingPathComponent(backup))
        let warning = "\(root.path)/\(backup): warning: not read: an editor's backup or swap file (taxa ignores *~, .*.swp, .*.swo, #*# and .#*)"
        let check = try root.check()
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.hasPrefix(warning + "\n"), "\(check.stdout)")
        #expect(check.stdout.hasSuffix("0 errors, 5 warning(s)\n"))
        let json = TestSupport.json(try root.check(json: true).stdout)
        let finding = (json["findings"] as? [[String: Any]])?.first
        #expect(finding?["severity"] as? String == "warning")
        #expect(finding?["file"] as? String == backup)
        #expect(finding?["message"] as? String == "not read: an editor's backup or swap file (taxa ignores *~, .*.swp, .*.swo, #*# and .#*)")
        #expect(json["valid"] as? Bool == true)

        let service = try TestSupport.runTaxa(["--tariffs", root.path], input: Data((Self.laffRequest + "\n").utf8))
        #expect(service.status == 0)
        #expect(service.stdout.contains(#""total":"1201.00""#))
        #expect(service.stderr == "taxa: \(warning)\n")
    }

    /// Emacs' lock file is a symbolic link to nowhere: still only a backup.
    @Test func anEmacsLockLinkIsLeftUnread() throws {
        let root = try Root()
        try FileManager.default.createSymbolicLink(atPath: root.path + "/oxelosund/laff/.#2024-02-01.json", withDestinationPath: "clerk@office.4711:1700000000")
        let check = try root.check()
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.hasPrefix("\(root.path)/oxelosund/laff/.#2024-02-01.json: warning: not read: an editor's backup or swap file"))
    }

    @Test func aMisnamedVersionStaysAnError() throws {
        let root = try Root()
        try Data("{}".utf8).write(to: root.url.appendingPathComponent("oxelosund/laff/2027-01-01.JSON"))
        try Data("{}".utf8).write(to: root.url.appendingPathComponent("oxelosund/laff/2027-01-01.JSON~"))
        let check = try root.check()
        #expect(check.status == 1)
        #expect(check.stdout.contains("\(root.path)/oxelosund/laff/2027-01-01.JSON: not read: not a tariff version file name"))
        #expect(check.stdout.contains("\(root.path)/oxelosund/laff/2027-01-01.JSON~: warning: not read: an editor's backup or swap file"))
    }

    @Test(arguments: ["x~", ".a.swp", ".a.swo", "#a#", ".#a"])
    func backupNames(_ name: String) { #expect(FileNames.isEditorBackup(name)) }

    @Test(arguments: ["~", "#", "##", ".swp", "a.swp", "2027-01-01.JSON", "notes.txt", ".hidden", "a#"])
    func notBackupNames(_ name: String) { #expect(!FileNames.isEditorBackup(name)) }

    // MARK: - names and links

    /// A newline in a name would forge a line of the report: the name is refused, shown escaped.
    @Test func aNameWithAControlCharacterIsRefusedEscaped() throws {
        let root = try Root()
        let forged = "2024-02-01.json: ok\n0 errors, 0 warning(s)\u{1B}[2K.json"
        try Data("{}".utf8).write(to: root.url.appendingPathComponent("oxelosund/laff/" + forged))
        let check = try root.check()
        #expect(check.status == 1)
        let lines = check.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines.first
                == "\(root.path)/oxelosund/laff/2024-02-01.json: ok\\n0 errors, 0 warning(s)\\u{1B}[2K.json: not read: the name has a control character or a byte that is not UTF-8 (shown escaped); rename it"
        )
        #expect(!lines.contains("0 errors, 0 warning(s)"))
        #expect(check.stdout.hasSuffix("\n1 error(s), 0 warning(s)\n"))
        let json = TestSupport.json(try root.check(json: true).stdout)
        #expect(
            (json["findings"] as? [[String: Any]])?.first?["file"] as? String == #"oxelosund/laff/2024-02-01.json: ok\n0 errors, 0 warning(s)\u{1B}[2K.json"#)
        let service = try TestSupport.runTaxa(["--tariffs", root.path], input: Data((Self.laffRequest + "\n").utf8))
        #expect(service.status == 2)
        #expect(service.stderr.contains(#"  \#(root.path)/oxelosund/laff/2024-02-01.json: ok\n0 errors"#))
    }

    @Test func aNameThatIsNotUTF8IsRefusedEscaped() throws {
        let root = try Root()
        var path = Array((root.path + "/oxelosund/laff/2027-01-01").utf8)
        path += [0xFF, 0x2E, 0x6A, 0x73, 0x6F, 0x6E, 0]
        let created = path.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { open($0, O_WRONLY | O_CREAT, 0o644) }
        }
        #expect(created >= 0)
        close(created)
        let check = try root.check()
        #expect(check.status == 1)
        #expect(
            check.stdout.hasPrefix(
                "\(root.path)/oxelosund/laff/2027-01-01\\xFF.json: not read: the name has a control character or a byte that is not UTF-8 (shown escaped); rename it\n"
            ))
    }

    /// A file or folder that links out of the root is refused; a link inside it is fine.
    @Test func linksLeavingTheRootAreRefused() throws {
        let root = try Root()
        let outside = try TestSupport.copyOfTariffs()
        defer { try? FileManager.default.removeItem(at: outside) }
        let real = try FileSystem.resolved(outside.path)
        try FileManager.default.createSymbolicLink(
            atPath: root.path + "/oxelosund/laff/2025-01-01.json", withDestinationPath: outside.path + "/oxelosund/laff/2024-02-01.json")
        try FileManager.default.createSymbolicLink(atPath: root.path + "/elsewhere", withDestinationPath: outside.path + "/oxelosund")
        try FileManager.default.createSymbolicLink(atPath: root.path + "/oxelosund/README.md", withDestinationPath: "../README.md")
        let check = try root.check()
        #expect(check.status == 1)
        let policy = "outside the tariff root; taxa reads only files and folders inside the root (a link to one inside it is fine)"
        #expect(
            check.stdout.hasPrefix(
                """
                \(root.path)/elsewhere: not read: a symbolic link to \(real)/oxelosund, \(policy)
                \(root.path)/oxelosund/laff/2025-01-01.json: not read: a symbolic link to \(real)/oxelosund/laff/2024-02-01.json, \(policy)

                """), "\(check.stdout)")
        #expect(check.stdout.contains("documentation (not read): README.md, oxelosund/README.md\n"))
        #expect(check.stdout.hasSuffix("2 error(s), 0 warning(s)\n"))
    }

    // MARK: - a load that races with an edit

    /// An edit made while the root was being read is seen: the root is read again.
    @Test func aFileChangedWhileLoadingIsReadAgain() throws {
        let root = try Root()
        let pkv = root.url.appendingPathComponent("indices/pkv.json")
        let edited = Data(
            try String(contentsOf: pkv, encoding: .utf8).replacingOccurrences(of: "Prisindex för kommunal verksamhet", with: "PKV (redigerad)").utf8)
        var attempts: [Int] = []
        let report = TariffLoader.load(root: root.path, attempts: 4) { attempt in
            attempts.append(attempt)
            // In place, as `cp` writes: same file, same size or not.
            if attempt == 1 { try? edited.write(to: pkv) }
        }
        #expect(attempts == [1, 2])
        #expect(report.tariffSet?.indices["PKV"]?.name == "PKV (redigerad)")
    }

    /// A rewrite in place of the same size, its modification time put back, is seen too.
    @Test func aSameSizeRewriteIsReadAgain() throws {
        let root = try Root()
        let pkv = root.url.appendingPathComponent("indices/pkv.json")
        let text = try String(contentsOf: pkv, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "Prisindex för kommunal verksamhet", with: "Prisindex för kommunal Verksamhet")
        #expect(edited.utf8.count == text.utf8.count)
        var attempts = 0
        let report = TariffLoader.load(root: root.path, attempts: 4) { attempt in
            attempts = attempt
            guard attempt == 1 else { return }
            // Written in place and its times put back: only the bytes differ.
            var info = stat()
            stat(pkv.path, &info)
            let fd = open(pkv.path, O_WRONLY)
            _ = edited.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
            var times = [info.st_atim, info.st_mtim]
            futimens(fd, &times)
            close(fd)
        }
        #expect(attempts == 2)
        #expect(report.tariffSet?.indices["PKV"]?.name == "Prisindex för kommunal Verksamhet")
    }

    @Test func aRootThatKeepsChangingFailsClearly() throws {
        let root = try Root()
        let report = TariffLoader.load(root: root.path, attempts: 3) { attempt in
            try? Data("# \(attempt)\n".utf8).write(to: root.url.appendingPathComponent("NOTES-\(attempt).md"))
        }
        #expect(report.tariffSet == nil)
        #expect(
            report.errors.map { $0.located(under: root.path) } == [
                "\(root.path): the files changed while they were read, 3 times in a row; nothing was loaded (load again when the edits are done)"
            ])
    }

    /// A root that is a symbolic link switched while it is read is read wholly from one folder.
    @Test func aRootSwitchedWhileLoadingIsReadWhole() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("taxa-swap-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        for name in ["a", "b"] { try FileManager.default.copyItem(atPath: TestSupport.path("Tariffs"), toPath: "\(scratch)/\(name)") }
        try TestSupport.edit(URL(fileURLWithPath: "\(scratch)/b"), "indices/pkv.json") {
            $0.replacingOccurrences(of: "Prisindex för kommunal verksamhet", with: "PKV b")
        }
        try FileManager.default.createSymbolicLink(atPath: "\(scratch)/current", withDestinationPath: "a")
        let report = TariffLoader.load(root: "\(scratch)/current", attempts: 4) { attempt in
            if attempt == 1 { Self.swapRoot(scratch, to: "b") }
        }
        #expect(report.tariffSet?.indices["PKV"]?.name == "PKV b")
        #expect(report.tariffSet?.root == "\(scratch)/current")
    }

    /// The recipe of docs/operations.md: a new symbolic link renamed over the old one, in one step.
    static func swapRoot(_ scratch: String, to target: String) {
        let temporary = "\(scratch)/current.new"
        #expect(symlink(target, temporary) == 0)
        #expect(rename(temporary, "\(scratch)/current") == 0)
    }

    /// The service running on a symlinked root takes the whole new root at the next SIGHUP.
    @Test func theServiceTakesASwappedRootWholeOnSIGHUP() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("taxa-swap-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        for name in ["a", "b"] { try FileManager.default.copyItem(atPath: TestSupport.path("Tariffs"), toPath: "\(scratch)/\(name)") }
        // b: the rate 1 300 kr (without the worked examples, which hold for 1 201 kr only).
        try TestSupport.edit(URL(fileURLWithPath: "\(scratch)/b"), ReloadTests.version) { text in
            guard let start = text.range(of: "  \"examples\": ["), let end = text.range(of: "  \"notes\": [") else { return text }
            return String(text[..<start.lowerBound] + text[end.lowerBound...]).replacingOccurrences(of: #""rate": "1201.00""#, with: #""rate": "1300.00""#)
        }
        try FileManager.default.createSymbolicLink(atPath: "\(scratch)/current", withDestinationPath: "a")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestSupport.taxaBinary)
        process.arguments = ["--tariffs", "\(scratch)/current"]
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let out = ReloadTests.Collector(stdout.fileHandleForReading)
        let err = ReloadTests.Collector(stderr.fileHandleForReading)
        func ask(_ lines: Int) -> String? {
            try? stdin.fileHandleForWriting.write(contentsOf: Data((Self.laffRequest + "\n").utf8))
            guard out.wait(until: { $0.split(separator: "\n").count == lines && $0.hasSuffix("\n") }) else { return nil }
            return TestSupport.json(String(out.text.split(separator: "\n").last!))["total"] as? String
        }
        #expect(ask(1) == "1201.00")
        Self.swapRoot(scratch, to: "b")
        kill(process.processIdentifier, SIGHUP)
        #expect(err.wait { $0.hasSuffix("\n") })
        #expect(err.text == "taxa: SIGHUP: reloaded the tariff set in \(scratch)/current: 3 tariff(s), 4 version(s), 2 index series\n")
        #expect(ask(2) == "1300.00")
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    // MARK: - gaps between versions

    static let fees = #""fees":{"fast":{"name":"Fast","text":"t","price":[{"fixed":"100.00"}]}}"#

    static func gaps(_ versions: [(from: String, until: String?)]) throws -> (report: CheckReport, root: String) {
        var files: [String: String] = [:]
        for version in versions {
            let until = version.until.map { #""valid_until":"\#($0)","# } ?? ""
            files["t/a/\(version.from).json"] = FeeFixture.version(until + fees, validFrom: version.from)
        }
        let root = try FeeFixture.root(files)
        defer { try? FileManager.default.removeItem(at: root) }
        return (CheckReport(root: root.path, today: CivilDate.parse("2025-01-15")!), root.path)
    }

    static func gapWarnings(_ versions: [(from: String, until: String?)]) throws -> [String] {
        try gaps(versions).report.foreseen.filter { $0.message.contains("no version is in force from") }.map(\.description)
    }

    /// The issue's case: B ends inside A, and A does not come back.
    @Test func aShorterLaterVersionLeavesAGap() throws {
        let (report, root) = try Self.gaps([("2025-01-01", "2025-12-31"), ("2025-06-01", "2025-08-31")])
        #expect(
            report.text.contains(
                "\(root)/t/a/2025-06-01.json: valid_until: warning: t/a: no version is in force from 2025-09-01 to 2025-12-31: version 2025-06-01 ends 2025-08-31; version 2025-01-01 (through 2025-12-31) does not apply again once a later version has begun; requests dated then fail with no_tariff_in_force\n"
            ), "\(report.text)")
        // And so it is: 2025-10-01 has no version.
        let set = try FeeFixture.tariffs([
            "t/a/2025-01-01.json": FeeFixture.version(#""valid_until":"2025-12-31","# + Self.fees, validFrom: "2025-01-01"),
            "t/a/2025-06-01.json": FeeFixture.version(#""valid_until":"2025-08-31","# + Self.fees, validFrom: "2025-06-01"),
        ])
        #expect(FeeFixture.price(set, #"[{"fee":"fast","date":"2025-10-01"}]"#).error["code"] as? String == "no_tariff_in_force")
        #expect(FeeFixture.price(set, #"[{"fee":"fast","date":"2025-08-31"}]"#).total == "100.00")
    }

    @Test func gapsAreNamedToTheDay() throws {
        #expect(
            try Self.gapWarnings([("2024-01-01", "2024-12-31"), ("2025-02-01", nil)]) == [
                "t/a/2024-01-01.json: valid_until: warning: t/a: no version is in force from 2025-01-01 to 2025-01-31: version 2024-01-01 ends 2024-12-31 and version 2025-02-01 begins 2025-02-01; requests dated then fail with no_tariff_in_force"
            ])
        // A leap day, a gap of one day, and an earlier version without end that does not resume.
        #expect(
            try Self.gapWarnings([("2024-01-01", nil), ("2024-02-01", "2024-02-28"), ("2024-03-01", "2024-06-30")]) == [
                "t/a/2024-02-01.json: valid_until: warning: t/a: no version is in force from 2024-02-29 to 2024-02-29: version 2024-02-01 ends 2024-02-28 and version 2024-03-01 begins 2024-03-01; version 2024-01-01 (without valid_until) does not apply again once a later version has begun; requests dated then fail with no_tariff_in_force",
                "t/a/2024-03-01.json: valid_until: warning: t/a: no version is in force from 2024-07-01 on: version 2024-03-01 ends 2024-06-30; version 2024-01-01 (without valid_until) does not apply again once a later version has begun; requests dated then fail with no_tariff_in_force",
            ])
    }

    /// Versions that follow on, and a last version that simply ends, leave no gap.
    @Test func noGapNoWarning() throws {
        #expect(try Self.gapWarnings([("2024-01-01", "2024-12-31"), ("2025-01-01", "2025-12-31")]).isEmpty)
        #expect(try Self.gapWarnings([("2024-01-01", "2024-12-31")]).isEmpty)
        #expect(try Self.gapWarnings([("2024-01-01", "2025-12-31"), ("2025-01-01", nil)]).isEmpty)
        #expect(try Self.gapWarnings([("2024-01-01", nil), ("2025-01-01", "2025-12-31"), ("2025-06-01", nil)]).isEmpty)
    }
}
