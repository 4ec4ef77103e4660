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
    public static func run(tariffs: TariffSet, input: Int32 = 0, output: Int32 = 1) -> Int32 {
        StopSignal.install()
        let processor = RequestProcessor(tariffs: tariffs)
        let reader = LineReader(fd: input, limit: lineLimit)
        let sink = OutputSink(fd: output)
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
        sink.flush()
        return StopSignal.requested ? 128 + SIGTERM : 0
    }
}
