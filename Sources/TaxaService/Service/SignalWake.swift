import TaxaBase
import TaxaEngine
import TaxaForms

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A pipe the signal handlers write one byte into, so the reader that waits for input wakes up
/// whichever thread the kernel ran the handler on (with `--jobs N` it may be a worker), and a
/// signal that arrives just before the wait is not lost: the byte waits in the pipe.
package enum SignalWake {
    nonisolated(unsafe) private static var readEnd: Int32 = -1
    nonisolated(unsafe) private static var writeEnd: Int32 = -1

    /// The end to poll beside stdin; -1 before `open()`.
    static var fd: Int32 { readEnd }

    /// Creates the pipe once (non-blocking both ends: a handler must never block).
    static func open() {
        guard readEnd < 0 else { return }
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    /// Called from signal handlers: `write` is async-signal-safe; a full pipe already wakes.
    /// (The one write not made through `SystemCall`: a handler must not retry or throw.)
    static func poke() {
        guard writeEnd >= 0 else { return }
        var byte: UInt8 = 1
        let saved = errno
        _ = write(writeEnd, &byte, 1)
        errno = saved
    }

    /// Empties the pipe once the reader has woken.
    static func drain() {
        guard readEnd >= 0 else { return }
        var bytes = [UInt8](repeating: 0, count: 64)
        // Until EAGAIN (empty; the pipe is non-blocking) or, never expected, another error.
        while ((try? SystemCall.read(readEnd, into: &bytes)) ?? 0) > 0 {}
    }
}
