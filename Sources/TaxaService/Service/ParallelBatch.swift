import Dispatch
import Synchronization
import TaxaBase
import TaxaEngine
import TaxaForms

/// Lines collected between reads, priced by several workers at once (`taxa --jobs N`).
///
/// The batch copies each line (the reader's buffer is reused), splits the lines into contiguous
/// runs (several per worker), prices the runs concurrently, and appends their outputs in run
/// order — so the result order is the input order, byte for byte what one worker would write.
///
/// Two generations of lines alternate: while the workers price one (`submit`), the reader fills
/// the other, and the answers of a generation are written once the next one is being priced. So
/// reading and writing overlap with pricing instead of leaving the workers idle.
package final class ParallelBatch: @unchecked Sendable {
    /// When a batch is full and is submitted. Its answers are held whole until written, two
    /// batches at a time, so a batch is bounded by what its answers will take as well as by its
    /// input: a 2-byte line makes a 220-byte error record, and a per-capita request with
    /// `explain` answers in 17 times its bytes.
    struct Limits {
        /// Input bytes (the raw lines and their newlines).
        var bytes = 4 << 20
        /// Lines, whatever their size.
        var lines = 1 << 15
        /// Answer bytes, as estimated from the batches answered before (`answerRatio`).
        var answerBytes = 16 << 20
        /// Answer bytes per input byte assumed before the first batch has been answered.
        var initialAnswerRatio = 16
    }

    /// The lines of one batch, the set that prices them, their answers per run, and whether
    /// workers are pricing them.
    private final class Generation: @unchecked Sendable {
        var bytes: [UInt8] = []
        /// Per line: where its raw bytes start, where its content starts and ends (the content
        /// ends where the raw bytes do), its number, and whether it was too long.
        var lines: [(rawStart: Int, start: Int, end: Int, number: Int, tooLong: Bool)] = []
        /// One output buffer per run, as raw storage: each worker writes only its own slot.
        let outputs: UnsafeMutableBufferPointer<[UInt8]>
        var runs = 0
        /// The next run a worker takes.
        let nextRun = Atomic<Int>(0)
        /// Fixed when the generation is submitted, one per worker: a reload never splits a
        /// batch between sets.
        var processors: [RequestProcessor] = []
        let done = DispatchGroup()

        init(runs: Int) {
            outputs = .allocate(capacity: runs)
            outputs.initialize(repeating: [])
            bytes.reserveCapacity(5 << 20)
        }

        deinit {
            outputs.deinitialize()
            outputs.deallocate()
        }
    }

    /// The sets the next submitted generation is priced by, one per worker (each worker its own
    /// copy of the same files, see `TariffSet.copy`); replaced only between submits (a reload).
    var processors: [RequestProcessor]
    private var jobs: Int { processors.count }
    /// Runs per worker: taken as workers come free, so a run of costly requests (long per-capita
    /// settlements) does not leave the other worker waiting, and a worker that has finished its
    /// last run of a generation waits for the other's last run, which is short.
    private static let runsPerJob = 32
    /// The most an answer buffer keeps between generations (about four times a run's input).
    private static let keptOutputCapacity = 1 << 20
    /// The generation lines are appended to, and the other one: being priced when `pricing`,
    /// else empty. The two are made once and alternate.
    private var filling: Generation
    private var other: Generation
    private var pricing = false
    /// A drain with at most this many lines and nothing being priced is priced on the calling
    /// thread: a co-process waiting for one answer would otherwise wait for two thread handoffs.
    private static let inlineLimit = 16

    let limits: Limits
    /// Answer bytes per input byte (rounded up) of the last batch written: how much the answers
    /// of the batch being filled will take.
    private(set) var answerRatio: Int

    init(processors: [RequestProcessor], limits: Limits = Limits()) {
        precondition(!processors.isEmpty, "at least one worker")
        self.processors = processors
        self.limits = limits
        answerRatio = limits.initialAnswerRatio
        filling = Generation(runs: processors.count * Self.runsPerJob)
        other = Generation(runs: processors.count * Self.runsPerJob)
    }

    /// The input bytes collected, counting each line's newline (so tiny lines count too).
    private var inputBytes: Int { filling.bytes.count + filling.lines.count }

    /// Whether the lines collected make a whole batch (see `Limits`).
    var isFull: Bool {
        filling.lines.count >= limits.lines || inputBytes >= limits.bytes
            || inputBytes * answerRatio >= limits.answerBytes
    }

    func append(_ line: InputLine) {
        switch line {
        case .text(let text, let number, let raw):
            // The content is the raw line less a leading BOM (line 1 only): copy the raw bytes.
            let rawStart = filling.bytes.count
            filling.bytes.append(contentsOf: raw)
            filling.lines.append((rawStart, filling.bytes.count - text.count, filling.bytes.count, number, false))
        case .tooLong(let number):
            let at = filling.bytes.count
            filling.lines.append((at, at, at, number, true))
        }
    }

    /// Starts pricing every collected line in the background and then writes the answers of
    /// the generation priced before (waiting for it first): the workers are never left idle
    /// while answers are written. New lines go to the other generation.
    func submit(into sink: OutputSink) {
        if pricing { other.done.wait() }
        let generation = filling
        guard !generation.lines.isEmpty else {
            if pricing { write(other, into: sink) }
            pricing = false
            return
        }
        let count = generation.lines.count
        let runs = min(jobs * Self.runsPerJob, count)
        let perRun = (count + runs - 1) / runs
        generation.runs = runs
        generation.processors = processors
        generation.nextRun.store(0, ordering: .relaxed)
        // Exactly `jobs` workers, each with its own set, taking runs until none is left.
        for worker in 0..<jobs {
            DispatchQueue.global().async(group: generation.done) {
                while true {
                    let run = generation.nextRun.add(1, ordering: .relaxed).oldValue
                    guard run < runs else { return }
                    // The last runs may be empty when the lines do not divide evenly.
                    self.price(
                        generation, run: run, from: min(count, run * perRun), to: min(count, (run + 1) * perRun),
                        by: generation.processors[worker])
                }
            }
        }
        if pricing { write(other, into: sink) }
        (filling, other) = (other, generation)
        pricing = true
    }

    /// Prices every collected line and appends the answers, in order, to `sink`.
    func drain(into sink: OutputSink) {
        if !pricing && !filling.lines.isEmpty && filling.lines.count <= Self.inlineLimit {
            filling.runs = 1
            price(filling, run: 0, from: 0, to: filling.lines.count, by: processors[0])
            write(filling, into: sink)
            return
        }
        submit(into: sink)
        if pricing {
            other.done.wait()
            write(other, into: sink)
            pricing = false
        }
    }

    /// Appends a priced generation's answers to `sink` and empties it for reuse.
    private func write(_ generation: Generation, into sink: OutputSink) {
        var answerBytes = 0
        for run in 0..<generation.runs {
            answerBytes += generation.outputs[run].count
            sink.append(generation.outputs[run])
            // A buffer is kept for the next generations unless a run of long answers grew it.
            if generation.outputs[run].capacity > Self.keptOutputCapacity {
                generation.outputs[run] = []
            } else {
                generation.outputs[run].removeAll(keepingCapacity: true)
            }
        }
        let inputBytes = generation.bytes.count + generation.lines.count
        if inputBytes > 0 { answerRatio = max(1, (answerBytes + inputBytes - 1) / inputBytes) }
        generation.runs = 0
        generation.processors = []
        generation.lines.removeAll(keepingCapacity: true)
        generation.bytes.removeAll(keepingCapacity: true)
    }

    /// One worker's share: reads the generation's `lines` and `bytes` (not mutated while
    /// workers run) and writes only `outputs[run]`.
    private func price(_ generation: Generation, run: Int, from first: Int, to last: Int, by processor: RequestProcessor) {
        var writer = JSONWriter(reservingCapacity: 4096)
        var output = generation.outputs[run]
        generation.outputs[run] = []
        // Answers run about three times their requests: room for that up front, so the buffer
        // is not copied as it grows (it keeps its capacity for the next generations).
        if first < last {
            let inputBytes = generation.lines[last - 1].end - generation.lines[first].rawStart
            output.reserveCapacity(min(inputBytes * 4, Self.keptOutputCapacity))
        }
        generation.bytes.withUnsafeBytes { all in
            for index in first..<last {
                let line = generation.lines[index]
                if line.tooLong {
                    processor.tooLong(line: line.number, limit: StreamService.lineLimit, into: &writer)
                } else {
                    processor.process(
                        UnsafeRawBufferPointer(rebasing: all[line.start..<line.end]), line: line.number,
                        raw: UnsafeRawBufferPointer(rebasing: all[line.rawStart..<line.end]), into: &writer)
                }
                writer.flushLine(into: &output)
            }
        }
        generation.outputs[run] = output
    }
}
