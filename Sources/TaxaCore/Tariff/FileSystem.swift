#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few file-system operations the tariff loader needs, on the C library directly (no
/// Foundation: it would cost start-up time on Linux for nothing).
enum FileSystem {
    struct Failure: Error { var message: String }

    enum EntryKind { case file, directory, other }

    /// What `path` is, following symbolic links; `identity` tells directories apart for loops.
    static func kind(of path: String) throws(Failure) -> (kind: EntryKind, identity: [UInt64]) {
        var info = stat()
        guard stat(path, &info) == 0 else { throw Failure(message: lastError()) }
        let identity = [UInt64(info.st_dev), UInt64(info.st_ino)]
        switch info.st_mode & S_IFMT {
        case S_IFREG: return (.file, identity)
        case S_IFDIR: return (.directory, identity)
        default: return (.other, identity)
        }
    }

    /// The names in a directory, sorted, without `.` and `..`.
    static func list(_ path: String) throws(Failure) -> [String] {
        guard let dir = opendir(path) else { throw Failure(message: lastError()) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// A whole file's bytes; files over `limit` bytes are refused.
    static func read(_ path: String, limit: Int = 16 << 20) throws(Failure) -> [UInt8] {
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

    /// Writes `bytes` to `path` atomically: a temporary file beside it, flushed, then renamed
    /// over the old one, so a reader never sees half a file.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(Failure) {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
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
    }

    static func lastError() -> String {
        String(cString: strerror(errno))
    }
}
