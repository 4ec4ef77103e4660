#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `taxa run` loop: JSON Lines in, exactly one result line per non-blank line out, in order.
public enum StreamService {
    public static let lineLimit = 1 << 20

    /// Runs until input ends (or stdout closes, or SIGTERM). Returns the process exit code:
    /// 0 when input ended, however many requests were rejected.
    ///
    /// With `jobs` > 1 the lines read in one go are priced by that many workers and their
    /// answers written in input order (see `ParallelBatch`).
    public static func run(tariffs: TariffSet, jobs: Int = 1, input: Int32 = 0, output: Int32 = 1) -> Int32 {
        StopSignal.install()
        let processor = RequestProcessor(tariffs: tariffs)
        let sink = OutputSink(fd: output)
        if jobs > 1 {
            runParallel(processor, jobs: jobs, input: input, sink: sink)
        } else {
            runSerial(processor, input: input, sink: sink)
        }
        sink.flush()
        return StopSignal.requested ? 128 + SIGTERM : 0
    }

    private static func runSerial(_ processor: RequestProcessor, input: Int32, sink: OutputSink) {
        let reader = LineReader(fd: input, limit: lineLimit)
        var writer = JSONWriter(reservingCapacity: 4096)
        reader.forEach(beforeBlockingRead: {
            sink.flush() && !StopSignal.requested
        }) { line in
            switch line {
            case .text(let bytes, let number):
                processor.process(bytes, line: number, into: &writer)
            case .tooLong(let number):
                processor.tooLong(line: number, limit: lineLimit, into: &writer)
            }
            sink.withBuffer { writer.flushLine(into: &$0) }
            return !sink.closed && !StopSignal.requested
        }
    }

    /// Whether a read of `fd` would return at once (data or end of input): then there is no
    /// caller waiting for answers before it writes more.
    private static func inputReady(_ fd: Int32) -> Bool {
        var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&ready, 1, 0) == 1 && ready.revents & Int16(POLLIN | POLLHUP) != 0
    }

    private static func runParallel(_ processor: RequestProcessor, jobs: Int, input: Int32, sink: OutputSink) {
        let reader = LineReader(fd: input, limit: lineLimit, chunk: 1 << 20)
        let batch = ParallelBatch(processor: processor, jobs: jobs)
        // Everything read so far is priced and written before the next read may block, so a
        // caller waiting for its answer is never left waiting. While more input is ready, the
        // workers price one batch while the next is read (and the one before is written).
        reader.forEach(beforeBlockingRead: {
            if inputReady(input) { return !sink.closed && !StopSignal.requested }
            batch.drain(into: sink)
            return sink.flush() && !StopSignal.requested
        }) { line in
            batch.append(line)
            if batch.byteCount >= 4 << 20 { batch.submit(into: sink) }
            return !sink.closed && !StopSignal.requested
        }
        batch.drain(into: sink)
    }
}
