import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failed system call: its errno, kept so the caller can tell a reader that went away
/// (EPIPE) from a real failure, and the C library's text for it.
package struct SystemCallError: Error, Equatable {
    package let code: Int32

    package init(code: Int32) { self.code = code }

    /// A failure swift-system threw, with its errno. (It throws only `Errno`; anything else
    /// would be an input/output error, never taken for success.)
    package init(_ error: any Error) { self.init(code: (error as? Errno)?.rawValue ?? EIO) }

    /// The error as the C library says it, e.g. "No space left on device".
    package var reason: String { String(cString: strerror(code)) }

    /// The reader of a pipe or socket went away: not a failure of taxa's, the end of the run.
    package var isBrokenPipe: Bool { code == EPIPE }
}

/// Every read, write, wait and lock of taxa's streams and files goes through here, so every
/// caller gets the same handling: an interrupted call (EINTR) is retried — swift-system's
/// `retryOnInterrupt` for reads and writes, the loops below for what it does not wrap (poll,
/// flock); a signal only needs the flag its handler set, and `SignalWake` wakes a waiting
/// reader — and any other failure is thrown with its errno, never taken for the end of input
/// or a reader that went away.
package enum SystemCall {
    /// Reads up to `count` bytes into `buffer`: the number read, 0 at the end of input. EAGAIN
    /// (a descriptor someone made non-blocking, with nothing to read yet) is thrown: the caller
    /// decides how to wait.
    package static func read(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int) throws(SystemCallError) -> Int {
        do {
            return try FileDescriptor(rawValue: fd).read(
                into: UnsafeMutableRawBufferPointer(start: buffer, count: count), retryOnInterrupt: true)
        } catch {
            throw SystemCallError(error)
        }
    }

    /// Writes all of `bytes` (retrying short writes), waiting while a non-blocking descriptor's
    /// reader is behind: answers are never dropped for EAGAIN.
    package static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(SystemCallError) {
        var rest = bytes
        while !rest.isEmpty {
            do {
                let written = try FileDescriptor(rawValue: fd).write(rest, retryOnInterrupt: true)
                rest = UnsafeRawBufferPointer(rebasing: rest[written...])
            } catch {
                let failure = SystemCallError(error)
                guard failure.code == EAGAIN || failure.code == EWOULDBLOCK else { throw failure }
                try waitUntilReady(fd, for: POLLOUT)
            }
        }
    }

    /// `read` into the whole of `array`.
    package static func read(_ fd: Int32, into array: inout [UInt8]) throws(SystemCallError) -> Int {
        try array.withUnsafeMutableBytes { buffer in
            Result { () throws(SystemCallError) in try read(fd, into: buffer.baseAddress!, count: buffer.count) }
        }.get()
    }

    /// `writeAll` of an array's bytes.
    package static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(SystemCallError) {
        try bytes.withUnsafeBytes { buffer in Result { () throws(SystemCallError) in try writeAll(fd, buffer) } }.get()
    }

    /// `writeAll` of a text's UTF-8 bytes.
    package static func writeAll(_ fd: Int32, _ text: String) throws(SystemCallError) {
        var text = text
        try text.withUTF8 { bytes in Result { () throws(SystemCallError) in try writeAll(fd, UnsafeRawBufferPointer(bytes)) } }.get()
    }

    /// Waits until `fd` is ready for `event` (or has hung up, which the next call reports).
    package static func waitUntilReady(_ fd: Int32, for event: Int32) throws(SystemCallError) {
        var ready = [pollfd(fd: fd, events: Int16(event), revents: 0)]
        while try poll(&ready) == nil {}
    }

    /// Waits, without a time limit, until one of `descriptors` is ready (their `revents` say
    /// which): the number ready, or nil when a signal interrupted the wait — the caller looks at
    /// its handler's flag before it waits again.
    package static func poll(_ descriptors: inout [pollfd]) throws(SystemCallError) -> Int? {
        let result = Glibc.poll(&descriptors, nfds_t(descriptors.count), -1)
        if result >= 0 { return Int(result) }
        if errno == EINTR { return nil }
        throw SystemCallError(code: errno)
    }

    /// Takes an exclusive `flock` on `fd` without waiting: false while another holds it.
    package static func tryLockExclusive(_ fd: Int32) throws(SystemCallError) -> Bool {
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            switch errno {
            case EINTR: continue
            case EWOULDBLOCK: return false
            default: throw SystemCallError(code: errno)
            }
        }
        return true
    }
}
