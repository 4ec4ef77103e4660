import Dispatch

/// Lines collected between reads, priced by several workers at once (`taxa --jobs N`).
///
/// The batch copies each line (the reader's buffer is reused), splits the lines into contiguous
/// runs (several per worker), prices the runs concurrently, and appends their outputs in run
/// order — so the result order is the input order, byte for byte what one worker would write.
///
/// Two generations of lines alternate: while the workers price one (`submit`), the reader fills
/// the other, and the answers of a generation are written once the next one is being priced. So
/// reading and writing overlap with pricing instead of leaving the workers idle.
final class ParallelBatch: @unchecked Sendable {
    /// The lines of one batch, their answers per run, and whether workers are pricing them.
    private final class Generation: @unchecked Sendable {
        var bytes: [UInt8] = []
        /// Per line: where its bytes start and end in `bytes`, its number, and whether it was too long.
        var lines: [(start: Int, end: Int, number: Int, tooLong: Bool)] = []
        /// One output buffer per run, as raw storage: each worker writes only its own slot.
        let outputs: UnsafeMutableBufferPointer<[UInt8]>
        var runs = 0
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

    private let processor: RequestProcessor
    private let jobs: Int
    /// The generation lines are appended to.
    private var filling: Generation
    /// The generation being priced, if any.
    private var pricing: Generation?

    init(processor: RequestProcessor, jobs: Int) {
        self.processor = processor
        self.jobs = jobs
        filling = Generation(runs: jobs * 8)
    }

    var byteCount: Int { filling.bytes.count }

    func append(_ line: InputLine) {
        switch line {
        case .text(let text, let number):
            let start = filling.bytes.count
            filling.bytes.append(contentsOf: text)
            filling.lines.append((start, filling.bytes.count, number, false))
        case .tooLong(let number):
            filling.lines.append((filling.bytes.count, filling.bytes.count, number, true))
        }
    }

    /// Starts pricing every collected line in the background and then writes the answers of
    /// the generation priced before (waiting for it first): the workers are never left idle
    /// while answers are written. New lines go to the other generation.
    func submit(into sink: OutputSink) {
        let previous = pricing
        previous?.done.wait()
        let generation = filling
        if generation.lines.isEmpty {
            pricing = nil
        } else {
            // Several runs per worker, taken as workers come free: a run of costly requests
            // (long per-capita settlements) does not leave the other worker waiting.
            let runs = min(jobs * 8, generation.lines.count)
            generation.runs = runs
            let perRun = (generation.lines.count + runs - 1) / runs
            let count = generation.lines.count
            pricing = generation
            DispatchQueue.global().async(group: generation.done) {
                DispatchQueue.concurrentPerform(iterations: runs) { run in
                    self.price(generation, run: run, from: run * perRun, to: min(count, (run + 1) * perRun))
                }
            }
        }
        if let previous {
            write(previous, into: sink)
            filling = previous
        } else if pricing != nil {
            filling = Generation(runs: jobs * 8)
        }
    }

    /// Prices every collected line and appends the answers, in order, to `sink`.
    func drain(into sink: OutputSink) {
        submit(into: sink)
        if let generation = pricing {
            generation.done.wait()
            write(generation, into: sink)
            pricing = nil
            if filling.lines.isEmpty { filling = generation }
        }
    }

    /// Appends a priced generation's answers to `sink` and empties it for reuse.
    private func write(_ generation: Generation, into sink: OutputSink) {
        for run in 0..<generation.runs {
            sink.append(generation.outputs[run])
            generation.outputs[run].removeAll(keepingCapacity: true)
        }
        generation.runs = 0
        generation.lines.removeAll(keepingCapacity: true)
        generation.bytes.removeAll(keepingCapacity: true)
    }

    /// One worker's share: reads the generation's `lines` and `bytes` (not mutated while
    /// workers run) and writes only `outputs[run]`.
    private func price(_ generation: Generation, run: Int, from first: Int, to last: Int) {
        var writer = JSONWriter(reservingCapacity: 4096)
        var output = generation.outputs[run]
        generation.outputs[run] = []
        generation.bytes.withUnsafeBytes { all in
            for index in first..<last {
                let line = generation.lines[index]
                if line.tooLong {
                    processor.tooLong(line: line.number, limit: StreamService.lineLimit, into: &writer)
                } else {
                    processor.process(UnsafeRawBufferPointer(rebasing: all[line.start..<line.end]), line: line.number, into: &writer)
                }
                writer.flushLine(into: &output)
            }
        }
        generation.outputs[run] = output
    }
}
