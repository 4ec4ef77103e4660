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

    /// The error as the C library says it, e.g. "No space left on device".
    package var reason: String { String(cString: strerror(code)) }

    /// The reader of a pipe or socket went away: not a failure of taxa's, the end of the run.
    package var isBrokenPipe: Bool { code == EPIPE }
}

/// Every read and write of taxa's streams and files goes through here, so every caller gets
/// the same handling: an interrupted call (EINTR) is retried — a signal only needs the flag
/// its handler set, and `SignalWake` wakes a waiting reader — and any other failure is thrown
/// with its errno, never taken for the end of input or a reader that went away.
package enum SystemCall {
    /// Reads up to `count` bytes into `buffer`: the number read, 0 at the end of input. EAGAIN
    /// (a descriptor someone made non-blocking, with nothing to read yet) is thrown: the caller
    /// decides how to wait.
    package static func read(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int) throws(SystemCallError) -> Int {
        while true {
            let result = Glibc.read(fd, buffer, count)
            if result >= 0 { return result }
            if errno != EINTR { throw SystemCallError(code: errno) }
        }
    }

    /// Writes all of `bytes` (retrying short writes), waiting while a non-blocking descriptor's
    /// reader is behind: answers are never dropped for EAGAIN.
    package static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(SystemCallError) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(fd, base + offset, bytes.count - offset)
            if written >= 0 {
                offset += written
                continue
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: try waitUntilReady(fd, for: POLLOUT)
            default: throw SystemCallError(code: errno)
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
        var ready = pollfd(fd: fd, events: Int16(event), revents: 0)
        while Glibc.poll(&ready, 1, -1) < 0 {
            if errno != EINTR { throw SystemCallError(code: errno) }
        }
    }
}
