import TaxaBase
import TaxaEngine
import TaxaForms

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// stdin, stdout and stderr at the edges of every command: whether they are open at start, how
/// a failed read or write is reported, and the exit status of each (docs/contract.md, "Exit status").
/// A failure is never taken for success: only a reader that went away (EPIPE) ends quietly,
/// and then as a Unix filter does, killed by SIGPIPE.
package enum StandardStreams {
    /// A read of stdin or a write of stdout failed (other than EPIPE), or one of the three
    /// standard descriptors was closed at start: sysexits' EX_IOERR.
    package static let ioErrorStatus: Int32 = 74
    /// The reader of stdout went away: the status a shell shows for a filter killed by SIGPIPE.
    package static let brokenPipeStatus: Int32 = 128 + SIGPIPE

    /// Checks, before anything is opened, that descriptors 0, 1 and 2 are open: a closed one
    /// would be taken by the first file taxa opens (the signal pipe would become stdin and
    /// taxa would wait on its own pipe; a tariff file could become stdout). Returns nil, or the
    /// exit status after naming the closed one on stderr (if stderr is open).
    package static func closedStatus() -> Int32? {
        let names = ["standard input", "standard output", "standard error"]
        guard let closed = (0..<3).first(where: { fcntl(Int32($0), F_GETFD) < 0 && errno == EBADF }) else { return nil }
        if closed != 2 && fcntl(2, F_GETFD) >= 0 {
            var stderr = StandardError()
            print(
                "taxa: the \(names[closed]) (descriptor \(closed)) is closed; nothing was done. Run taxa with stdin, stdout and stderr open (/dev/null for one it need not use)",
                to: &stderr)
        }
        return ioErrorStatus
    }

    /// Writes `text` to stdout at once. Nil when it was written; else the exit status, after a
    /// stderr line naming `what` could not be written and why (nothing for EPIPE).
    package static func write(_ text: String, what: String = "the output") -> Int32? {
        do {
            try SystemCall.writeAll(1, text)
            return nil
        } catch {
            return status(writing: error, what: what)
        }
    }

    /// The exit status after a write of stdout failed: `brokenPipeStatus` for EPIPE, quietly;
    /// else `ioErrorStatus`, after `taxa: writing <what> failed: <reason>` on stderr.
    package static func status(writing failure: SystemCallError, what: String) -> Int32 {
        if failure.isBrokenPipe { return brokenPipeStatus }
        var stderr = StandardError()
        print("taxa: writing \(what) failed: \(failure.reason)", to: &stderr)
        return ioErrorStatus
    }

    /// The exit status after a read of stdin failed, after saying so on stderr.
    package static func status(reading failure: SystemCallError) -> Int32 {
        var stderr = StandardError()
        print("taxa: reading the requests failed: \(failure.reason)", to: &stderr)
        return ioErrorStatus
    }

    /// Ends the process with `status`; `brokenPipeStatus` as a Unix filter ends when its reader
    /// goes away: killed by SIGPIPE (which taxa otherwise ignores, so that write reports EPIPE).
    package static func exit(_ status: Int32) -> Never {
        if status == brokenPipeStatus {
            signal(SIGPIPE, SIG_DFL)
            var pipe = sigset_t()
            sigemptyset(&pipe)
            sigaddset(&pipe, SIGPIPE)
            pthread_sigmask(SIG_UNBLOCK, &pipe, nil)
            raise(SIGPIPE)
            _exit(status)  // not reached: SIGPIPE's default action ends the process
        }
        Glibc.exit(status)
    }
}
