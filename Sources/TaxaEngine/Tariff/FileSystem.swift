import TaxaBase

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few file-system operations the tariff loader needs, on the C library directly (no
/// Foundation: it would cost start-up time on Linux for nothing).
package enum FileSystem {
    package struct Failure: Error { package var message: String }

    package enum EntryKind { case file, directory, other }

    /// What `stat` says of an entry: its kind and, following symbolic links, which file it is
    /// (`identity` tells directories apart for loops) and when it last changed (`stamp`).
    package struct Status {
        package var kind: EntryKind
        var identity: [UInt64]
        var stamp: Stamp
    }

    /// What changes when a file is replaced, rewritten or touched: the loader compares the
    /// stamps of every entry before and after reading a root to tell a load that raced with
    /// an edit.
    package struct Stamp: Equatable, Sendable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modified: Instant
        var changed: Instant

        /// Which file it is, without what changes with its content.
        var identityOnly: Stamp {
            let never = Instant(seconds: 0, nanoseconds: 0)
            return Stamp(device: device, inode: inode, size: 0, modified: never, changed: never)
        }
    }

    /// A moment as the file system records it.
    package struct Instant: Comparable, Sendable {
        var seconds: Int64
        var nanoseconds: Int64

        package static func < (a: Instant, b: Instant) -> Bool { (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds) }
    }

    /// What `path` is, following symbolic links.
    package static func status(of path: String) throws(Failure) -> Status {
        var info = stat()
        guard stat(path, &info) == 0 else { throw Failure(message: lastError()) }
        let kind: EntryKind
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .file
        case S_IFDIR: kind = .directory
        default: kind = .other
        }
        let stamp = Stamp(
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
            modified: Instant(seconds: Int64(info.st_mtim.tv_sec), nanoseconds: Int64(info.st_mtim.tv_nsec)),
            changed: Instant(seconds: Int64(info.st_ctim.tv_sec), nanoseconds: Int64(info.st_ctim.tv_nsec)))
        return Status(kind: kind, identity: [stamp.device, stamp.inode], stamp: stamp)
    }

    /// True when `path` itself is a symbolic link (it is not followed).
    static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    /// True when `path` itself is a directory or a symbolic link to one.
    static func isDirectory(_ path: String) -> Bool {
        (try? status(of: path).kind) == .directory
    }

    /// The absolute path `path` names with every symbolic link followed (`realpath`).
    static func resolved(_ path: String) throws(Failure) -> String {
        guard let resolved = realpath(path, nil) else { throw Failure(message: lastError()) }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The time now, as the file system stamps files.
    static func now() -> Instant {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Instant(seconds: Int64(time.tv_sec), nanoseconds: Int64(time.tv_nsec))
    }

    /// True while a process `pid` runs on this machine (or one that taxa may not signal).
    static func isRunning(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }

    /// A name in a directory as stored: bytes, which need not be UTF-8.
    package struct Name {
        var bytes: [UInt8]
        /// The name as text (bytes that are not UTF-8 repaired: see `FileNames`).
        package var text: String
    }

    /// The names in a directory, sorted, without `.` and `..`.
    package static func list(_ path: String) throws(Failure) -> [Name] {
        guard let dir = opendir(path) else { throw Failure(message: lastError()) }
        defer { closedir(dir) }
        var names: [Name] = []
        while let entry = readdir(dir) {
            // Read in place up to its NUL: `entry.pointee.d_name` would copy all 256 bytes the
            // type declares, reading past the end of a shorter record (AddressSanitizer's
            // heap-buffer-overflow).
            let name = UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \dirent.d_name)!
            let bytes = Array(UnsafeRawBufferPointer(start: name, count: strlen(name.assumingMemoryBound(to: CChar.self))))
            if bytes != [0x2E] && bytes != [0x2E, 0x2E] { names.append(Name(bytes: bytes, text: String(decoding: bytes, as: UTF8.self))) }
        }
        return names.sorted { $0.text < $1.text }
    }

    /// A whole file's bytes; files over `limit` bytes are refused.
    package static func read(_ path: String, limit: Int = 16 << 20) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw Failure(message: lastError()) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count: Int
            do { count = try SystemCall.read(fd, into: &chunk) } catch { throw Failure(message: error.reason) }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit { throw Failure(message: "larger than \(limit >> 20) MiB") }
        }
    }

    /// Writes `bytes` to a new or replaced file `path` that is not a tariff file (a published
    /// page, a report), atomically: a temporary file beside it named as `index add` names its
    /// own (see `FileNames`), flushed, renamed over the old one, and the folder flushed, so a
    /// reader never sees half a file and a crash leaves nothing taxa would read.
    package static func writeAtomically(_ bytes: [UInt8], to path: String) throws(Failure) {
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
        let directory = slash.map { $0 == path.utf8.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.utf8.index(after: $0)...]) } ?? path
        let temporary = directory + "/" + FileNames.temporary(for: name, pid: getpid())
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(message: lastError()) }
        do { try SystemCall.writeAll(fd, bytes) } catch {
            close(fd)
            unlink(temporary)
            throw Failure(message: error.reason)
        }
        guard fsync(fd) == 0, close(fd) == 0 else {
            let message = lastError()
            unlink(temporary)
            throw Failure(message: message)
        }
        guard rename(temporary, path) == 0 else {
            let message = lastError()
            unlink(temporary)
            throw Failure(message: message)
        }
        let folder = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0, fsync(folder) == 0 else {
            let message = lastError()
            if folder >= 0 { close(folder) }
            throw Failure(message: "written, but its folder could not be flushed to disk: \(message)")
        }
        close(folder)
    }

    package static func lastError() -> String {
        String(cString: strerror(errno))
    }
}
