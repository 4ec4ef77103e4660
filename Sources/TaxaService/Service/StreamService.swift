import TaxaBase
import TaxaEngine
import TaxaForms

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `taxa run` loop: JSON Lines in, exactly one result line per non-blank line out, in order.
package enum StreamService {
    package static let lineLimit = 1 << 20

    /// Runs until input ends (or stdout closes, or SIGTERM/SIGINT). Returns the process exit
    /// code: 0 when input ended, however many requests were rejected; 128 + the signal after a
    /// stop; `StandardStreams.ioErrorStatus` after a failed read or write (said on stderr);
    /// `StandardStreams.brokenPipeStatus` when stdout's reader went away.
    ///
    /// With `jobs` > 1 the lines read in one go are priced by that many workers and their
    /// answers written in input order (see `ParallelBatch`). On SIGHUP the tariff root is loaded
    /// again and, if valid, prices every line from the next one on (see `ReloadSignal`); a
    /// SIGHUP that came before this (while the root was loading) does so before the first line.
    ///
    /// With `answerBlank` a blank or whitespace-only line is answered with an `empty_line`
    /// error record instead of being skipped.
    package static func run(tariffs: TariffSet, jobs: Int = 1, input: Int32 = 0, output: Int32 = 1, answerBlank: Bool = false) -> Int32 {
        run(tariffs: tariffs, jobs: jobs, input: input, output: output, answerBlank: answerBlank, limits: ParallelBatch.Limits())
    }

    /// `run` with the limits of a `--jobs` batch given (tests make them small).
    static func run(tariffs: TariffSet, jobs: Int, input: Int32, output: Int32, answerBlank: Bool = false, limits: ParallelBatch.Limits) -> Int32 {
        ServiceSignals.install()
        let processor = RequestProcessor(tariffs: tariffs)
        let sink = OutputSink(fd: output)
        let reader: LineReader
        if jobs > 1 {
            reader = runParallel(processor, jobs: jobs, input: input, sink: sink, answerBlank: answerBlank, limits: limits)
        } else {
            reader = runSerial(processor, input: input, sink: sink, answerBlank: answerBlank)
        }
        sink.flush()
        // A lost answer outweighs everything: then a failed read, then a stop.
        if let failure = sink.failure { return StandardStreams.status(writing: failure, what: "the answers") }
        if let failure = reader.failure { return StandardStreams.status(reading: failure) }
        return StopSignal.requested ? StopSignal.exitStatus : 0
    }

    /// The processor to use for the next line: a new one after a SIGHUP whose reload succeeded.
    private static func current(_ processor: RequestProcessor) -> RequestProcessor {
        var processor = processor
        refresh(&processor)
        return processor
    }

    /// `current` in place: the processor is assigned only when a reload replaced its set (an
    /// assignment of the same processor would count a reference on the shared set per line).
    private static func refresh(_ processor: inout RequestProcessor) {
        guard ReloadSignal.take() else { return }
        let set = ReloadSignal.reload(processor.tariffs)
        if set !== processor.tariffs { processor = RequestProcessor(tariffs: set) }
    }

    private static func runSerial(_ initial: RequestProcessor, input: Int32, sink: OutputSink, answerBlank: Bool) -> LineReader {
        let reader = LineReader(fd: input, limit: lineLimit, wake: SignalWake.fd)
        reader.answerBlank = answerBlank
        var writer = JSONWriter(reservingCapacity: 4096)
        var processor = initial
        reader.forEach(beforeBlockingRead: {
            refresh(&processor)
            return sink.flush() && !StopSignal.requested
        }) { line in
            refresh(&processor)
            switch line {
            case .text(let bytes, let number, let raw):
                processor.process(bytes, line: number, raw: raw, into: &writer)
            case .tooLong(let number):
                processor.tooLong(line: number, limit: lineLimit, into: &writer)
            }
            sink.withBuffer { writer.flushLine(into: &$0) }
            return !sink.closed && !StopSignal.requested
        }
        return reader
    }

    /// Whether a read of `fd` would return at once (data or end of input): then there is no
    /// caller waiting for answers before it writes more.
    private static func inputReady(_ fd: Int32) -> Bool {
        var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&ready, 1, 0) == 1 && ready.revents & Int16(POLLIN | POLLHUP) != 0
    }

    /// One processor per worker: the first prices with `first`'s set, the others with copies
    /// built from the bytes that set was read from (a set not read from files is shared). One
    /// set per processor core at most: more workers than cores share them in turn, as a copy
    /// costs parsing the whole root again at start and at every reload.
    private static func workers(_ first: RequestProcessor, jobs: Int) -> [RequestProcessor] {
        let distinct = max(1, min(jobs, sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        var processors = [first]
        for worker in 1..<jobs {
            if worker < distinct {
                processors.append(first.tariffs.copy().map { RequestProcessor(tariffs: $0) } ?? first)
            } else {
                processors.append(processors[worker % distinct])
            }
        }
        return processors
    }

    private static func runParallel(
        _ processor: RequestProcessor, jobs: Int, input: Int32, sink: OutputSink, answerBlank: Bool, limits: ParallelBatch.Limits
    ) -> LineReader {
        let reader = LineReader(fd: input, limit: lineLimit, chunk: 1 << 20, wake: SignalWake.fd)
        reader.answerBlank = answerBlank
        let batch = ParallelBatch(processors: workers(processor, jobs: jobs), limits: limits)
        // A batch is priced wholly by one set: a reload is taken only when a batch is submitted.
        func reloadIfAsked() {
            let first = current(batch.processors[0])
            if first.tariffs !== batch.processors[0].tariffs { batch.processors = workers(first, jobs: jobs) }
        }
        func submit() {
            reloadIfAsked()
            batch.submit(into: sink)
        }
        func drain() {
            reloadIfAsked()
            batch.drain(into: sink)
        }
        // Everything read so far is priced and written before the next read may block, so a
        // caller waiting for its answer is never left waiting. While more input is ready, the
        // workers price one batch while the next is read (and the one before is written).
        reader.forEach(beforeBlockingRead: {
            if inputReady(input) { return !sink.closed && !StopSignal.requested }
            drain()
            return sink.flush() && !StopSignal.requested
        }) { line in
            batch.append(line)
            if batch.isFull { submit() }
            return !sink.closed && !StopSignal.requested
        }
        drain()
        return reader
    }
}
