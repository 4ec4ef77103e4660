import TaxaBase
import TaxaEngine
import TaxaForms

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the reader found on one input line.
package enum InputLine {
    /// A line's bytes without its newline (and without a trailing CR or a leading BOM), and
    /// `raw`: the same line as received without its line ending (LF, or CR LF), so with the BOM
    /// if line 1 had one — the bytes an error record's `input_sha256` covers.
    case text(UnsafeRawBufferPointer, number: Int, raw: UnsafeRawBufferPointer)
    /// A line longer than the limit; its bytes were skipped, never buffered whole.
    case tooLong(number: Int)
}

/// Splits a file descriptor into lines with bounded memory: at most `limit` bytes of one line
/// are ever held, so a 50 MB line costs no more than a 1 MB one.
package final class LineReader {
    package let limit: Int
    private let fd: Int32
    private let wake: Int32
    private let buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var number = 0
    private var skipping = false
    private var atEOF = false
    /// Why reading failed (e.g. EISDIR for `taxa < /`): never taken for the end of input.
    package private(set) var failure: SystemCallError?
    /// Whether a blank or whitespace-only line is handed on (as `.text`, to be answered with
    /// `empty_line`) instead of being skipped: `taxa run --answer-blank`, for co-process clients
    /// that wait for an answer to every line they write.
    package var answerBlank = false

    /// - Parameters:
    ///   - fd: where to read from (stdin for the service).
    ///   - limit: the longest line, in bytes without its newline, that is answered (1 MiB).
    ///   - wake: a descriptor that becomes readable when a signal needs attention (`SignalWake`);
    ///     -1 for none.
    package init(fd: Int32, limit: Int = 1 << 20, chunk: Int = 256 << 10, wake: Int32 = -1) {
        self.fd = fd
        self.limit = limit
        self.wake = wake
        buffer = .allocate(byteCount: limit + 1 + max(chunk, 4096), alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// Calls `handle` for every non-blank line in order (every line with `answerBlank`), and `beforeBlockingRead` whenever all
    /// buffered input is consumed and the next read may wait (so output can be flushed first
    /// and a co-process that waits for its answer never deadlocks), and again whenever a signal
    /// woke that wait (so it can stop or reload). Returns false if `handle`
    /// asked to stop (by returning false), a read failed (`failure`), or a stop signal came.
    @discardableResult
    package func forEach(beforeBlockingRead: () -> Bool, _ handle: (InputLine) -> Bool) -> Bool {
        let base = buffer.baseAddress!
        while true {
            if start < end, let newline = memchr(base + start, 0x0A, end - start) {
                let index = base.distance(to: newline)
                let proceed = emit(from: start, to: index, handle)
                start = index + 1
                if !proceed { return false }
                continue
            }
            if atEOF {
                if start < end || skipping {
                    let proceed = emit(from: start, to: end, handle)
                    start = end
                    return proceed
                }
                return true
            }
            if end - start > limit + 4 {
                // No newline within the limit: drop what we hold and skip to the next newline.
                // (The slack leaves room for a BOM and a CR, which `emit` drops before it
                // measures, so whether a line fits never depends on where a read ended.)
                skipping = true
                start = 0
                end = 0
            } else if start > 0 {
                if end > start { memmove(base, base + start, end - start) }
                end -= start
                start = 0
            }
            guard beforeBlockingRead() else { return false }
            if wake >= 0 {
                // Wait for input or a signal; a signal goes back through `beforeBlockingRead`
                // (which stops or reloads) before anything more is read.
                var ready = [
                    pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
                    pollfd(fd: wake, events: Int16(POLLIN), revents: 0),
                ]
                let polled: Int?
                do throws(SystemCallError) {
                    polled = try SystemCall.poll(&ready)
                } catch {
                    failure = error
                    return false
                }
                if polled == nil || ready[1].revents != 0 {
                    SignalWake.drain()
                    if StopSignal.requested { return false }
                    continue
                }
            }
            let count: Int
            do throws(SystemCallError) {
                count = try SystemCall.read(fd, into: base + end, count: buffer.count - end)
            } catch  where error.code == EAGAIN || error.code == EWOULDBLOCK {
                // Whoever shares our stdin made it non-blocking: "no input yet" is not the
                // end of input, so wait for some instead of dropping the rest of the stream.
                // (With a wake descriptor, the wait at the top of the loop does it.)
                if wake < 0 { try? SystemCall.waitUntilReady(fd, for: POLLIN) }
                if StopSignal.requested { return false }
                continue
            } catch {
                failure = error
                return false
            }
            if count == 0 { atEOF = true } else { end += count }
        }
    }

    private func emit(from lineStart: Int, to lineEnd: Int, _ handle: (InputLine) -> Bool) -> Bool {
        number += 1
        if skipping {
            skipping = false
            return handle(.tooLong(number: number))
        }
        var first = lineStart
        var last = lineEnd
        if number == 1, last - first >= 3, buffer[first] == 0xEF, buffer[first + 1] == 0xBB, buffer[first + 2] == 0xBF {
            first += 3
        }
        if last > first, buffer[last - 1] == 0x0D { last -= 1 }
        if last - first > limit { return handle(.tooLong(number: number)) }
        var blank = true
        for index in first..<last where buffer[index] != 0x20 && buffer[index] != 0x09 && buffer[index] != 0x0D {
            blank = false
            break
        }
        if blank && !answerBlank { return true }
        return handle(
            .text(
                UnsafeRawBufferPointer(rebasing: buffer[first..<last]), number: number,
                raw: UnsafeRawBufferPointer(rebasing: buffer[lineStart..<last])))
    }
}
