import TaxaBase

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file of the tariff root held under an exclusive lock while it is read, changed and
/// replaced, so two `taxa index add` runs at once never lose a value: the second waits until the
/// first has replaced the file, then reads the file with the first one's value in it.
///
/// The lock is `flock` on the file itself (symbolic links followed), so no lock file sits in the
/// root. Replacing the file by rename leaves a waiter holding the old file; it sees that the name
/// now names another file and locks that one instead. The lock goes with the object (or the
/// process).
package final class LockedFile {
    /// The file itself, every symbolic link followed: what is locked, read and replaced (a
    /// symbolic link to it stays a link).
    let target: String
    private let descriptor: Int32
    private let original: stat

    private init(target: String, descriptor: Int32, original: stat) {
        self.target = target
        self.descriptor = descriptor
        self.original = original
    }

    deinit { close(descriptor) }

    /// Locks the file `path` names, waiting for another holder up to `patience` seconds.
    package static func lock(_ path: String, patience: Int64 = 60) throws(FileSystem.Failure) -> LockedFile {
        let deadline = FileSystem.now().seconds + patience
        while true {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw FileSystem.Failure(message: FileSystem.lastError()) }
            while true {
                let locked: Bool
                do throws(SystemCallError) {
                    locked = try SystemCall.tryLockExclusive(fd)
                } catch {
                    close(fd)
                    throw FileSystem.Failure(message: error.reason)
                }
                if locked { break }
                guard FileSystem.now().seconds < deadline else {
                    close(fd)
                    throw FileSystem.Failure(message: "another taxa index add has held the file for \(patience) s; try again when it has finished")
                }
                usleep(5_000)
            }
            var held = stat()
            fstat(fd, &held)
            // Still the file the name gives (not replaced while this run waited)?
            if let target = try? FileSystem.resolved(path), let now = try? FileSystem.status(of: target),
                now.identity == [UInt64(held.st_dev), UInt64(held.st_ino)]
            {
                return LockedFile(target: target, descriptor: fd, original: held)
            }
            close(fd)
        }
    }

    private var directory: String {
        guard let slash = target.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        return slash == target.utf8.startIndex ? "/" : String(target[..<slash])
    }

    private var name: String {
        guard let slash = target.utf8.lastIndex(of: UInt8(ascii: "/")) else { return target }
        return String(target[target.utf8.index(after: slash)...])
    }

    /// Removes the temporary files an earlier run left beside the file when it was killed
    /// (their process no longer runs); returns their paths. Only a run holding the lock writes
    /// one, so none of them is in use.
    package func removeStaleTemporaries() -> [String] {
        guard let names = try? FileSystem.list(directory) else { return [] }
        var removed: [String] = []
        for entry in names {
            guard let owner = FileNames.temporaryOwner(entry.text), owner.name == name,
                owner.pid == getpid() || !FileSystem.isRunning(owner.pid)
            else { continue }
            let path = directory + "/" + entry.text
            if unlink(path) == 0 { removed.append(path) }
        }
        return removed
    }

    /// Why the file may not be replaced, or nil: a file made read-only stays as it is, as an
    /// editor would leave it.
    package func writeProblem() -> String? {
        let mode = original.st_mode & 0o7777
        if mode & 0o222 == 0 {
            let octal = String(mode, radix: 8)
            let shown = String(repeating: "0", count: max(0, 4 - octal.count)) + octal
            return
                "the file is read-only (mode \(shown)); taxa index add does not replace a file protected against writing: make it writable (chmod u+w) if the value is to be recorded"
        }
        if access(target, W_OK) != 0 { return "cannot write: \(FileSystem.lastError())" }
        return nil
    }

    /// Replaces the file with `bytes`, atomically: a temporary file beside it (see `FileNames`)
    /// with the old file's mode and owner, flushed, renamed over it, and the folder flushed so
    /// the rename survives a crash. A reader sees the old file or the new one, never half of one.
    package func replace(with bytes: [UInt8]) throws(FileSystem.Failure) {
        let temporary = directory + "/" + FileNames.temporary(for: name, pid: getpid())
        unlink(temporary)  // one left by a killed process that had this process id
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileSystem.Failure(message: FileSystem.lastError()) }
        func fail(_ message: String) -> FileSystem.Failure {
            close(fd)
            unlink(temporary)
            return FileSystem.Failure(message: message)
        }
        var created = stat()
        fstat(fd, &created)
        if created.st_uid != original.st_uid || created.st_gid != original.st_gid {
            guard fchown(fd, original.st_uid, original.st_gid) == 0 else {
                throw fail(
                    "cannot keep the file's owner (user \(original.st_uid), group \(original.st_gid)): \(FileSystem.lastError()); run taxa index add as its owner"
                )
            }
        }
        // After the owner: changing the owner clears the set-id bits.
        guard fchmod(fd, original.st_mode & 0o7777) == 0 else { throw fail(FileSystem.lastError()) }
        do throws(SystemCallError) { try SystemCall.writeAll(fd, bytes) } catch { throw fail(error.reason) }
        guard fsync(fd) == 0 else { throw fail(FileSystem.lastError()) }
        guard close(fd) == 0 else {
            let message = FileSystem.lastError()
            unlink(temporary)
            throw FileSystem.Failure(message: message)
        }
        guard rename(temporary, target) == 0 else {
            let message = FileSystem.lastError()
            unlink(temporary)
            throw FileSystem.Failure(message: message)
        }
        let folder = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0, fsync(folder) == 0 else {
            let message = FileSystem.lastError()
            if folder >= 0 { close(folder) }
            throw FileSystem.Failure(message: "the file was replaced, but its folder could not be flushed to disk: \(message)")
        }
        close(folder)
    }
}
