import Dispatch

/// Lines collected between reads, priced by several workers at once (`taxa --jobs N`).
///
/// The batch copies each line (the reader's buffer is reused), splits the lines into `jobs`
/// contiguous runs, prices the runs concurrently, and appends their outputs in run order — so
/// the result order is the input order, byte for byte what one worker would write.
final class ParallelBatch: @unchecked Sendable {
    /// Replaced only between drains (a reload), never while workers price.
    var processor: RequestProcessor
    private let jobs: Int
    private var bytes: [UInt8] = []
    /// Per line: where its raw bytes start, where its content starts and ends (the content ends
    /// where the raw bytes do), its number, and whether it was too long.
    private var lines: [(rawStart: Int, start: Int, end: Int, number: Int, tooLong: Bool)] = []
    /// One output buffer per worker, as raw storage: each worker writes only its own slot.
    private let outputs: UnsafeMutableBufferPointer<[UInt8]>

    init(processor: RequestProcessor, jobs: Int) {
        self.processor = processor
        self.jobs = jobs
        outputs = .allocate(capacity: jobs)
        outputs.initialize(repeating: [])
        bytes.reserveCapacity(5 << 20)
    }

    deinit {
        outputs.deinitialize()
        outputs.deallocate()
    }

    var byteCount: Int { bytes.count }

    func append(_ line: InputLine) {
        switch line {
        case .text(let text, let number, let raw):
            // The content is the raw line less a leading BOM (line 1 only): copy the raw bytes.
            let rawStart = bytes.count
            bytes.append(contentsOf: raw)
            lines.append((rawStart, bytes.count - text.count, bytes.count, number, false))
        case .tooLong(let number):
            lines.append((bytes.count, bytes.count, bytes.count, number, true))
        }
    }

    /// Prices every collected line and appends the answers, in order, to `sink`.
    func drain(into sink: OutputSink) {
        guard !lines.isEmpty else { return }
        let runs = min(jobs, lines.count)
        let perRun = (lines.count + runs - 1) / runs
        let count = lines.count
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            self.price(run: run, from: run * perRun, to: min(count, (run + 1) * perRun))
        }
        for run in 0..<runs {
            sink.append(outputs[run])
            outputs[run].removeAll(keepingCapacity: true)
        }
        lines.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
    }

    /// One worker's share: reads `lines` and `bytes` (not mutated while workers run) and writes
    /// only `outputs[run]`.
    private func price(run: Int, from first: Int, to last: Int) {
        var writer = JSONWriter(reservingCapacity: 4096)
        var output = outputs[run]
        outputs[run] = []
        bytes.withUnsafeBytes { all in
            for index in first..<last {
                let line = lines[index]
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
        outputs[run] = output
    }
}
