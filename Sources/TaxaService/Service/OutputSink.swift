import TaxaBase
import TaxaEngine
import TaxaForms

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Buffered output to a file descriptor in whole records: the buffer only ever holds complete
/// lines, and a flush writes all of it (retrying short writes), so no reader sees half a line.
package final class OutputSink {
    private let fd: Int32
    private let threshold: Int
    package private(set) var pending: [UInt8] = []
    /// Why a write failed (EPIPE: the reader went away); nothing is written after it, and the
    /// caller reports it (see `StandardStreams.status(writing:)`).
    package private(set) var failure: SystemCallError?

    /// True once a write has failed: the run ends.
    package var closed: Bool { failure != nil }

    package init(fd: Int32, threshold: Int = 256 << 10) {
        self.fd = fd
        self.threshold = threshold
        pending.reserveCapacity(threshold + (64 << 10))
    }

    /// Appends whole records. A large block (the answers of a `--jobs` run) is written as it is
    /// once what is pending has been written: copying it into the buffer first would only cost time.
    package func append(_ records: [UInt8]) {
        if records.count >= threshold {
            guard flush() else { return }
            _ = records.withUnsafeBytes { writeAll($0) }
            return
        }
        pending.append(contentsOf: records)
        if pending.count >= threshold { flush() }
    }

    /// Appends bytes produced in place by `body` (saves a copy per record).
    package func withBuffer(_ body: (inout [UInt8]) -> Void) {
        body(&pending)
        if pending.count >= threshold { flush() }
    }

    @discardableResult
    package func flush() -> Bool {
        guard !closed else { return false }
        let written = pending.withUnsafeBytes { writeAll($0) }
        pending.removeAll(keepingCapacity: written)
        return written
    }

    /// Writes all of `bytes`; false (and `failure`) if a write failed.
    private func writeAll(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard failure == nil else { return false }
        do throws(SystemCallError) {
            try SystemCall.writeAll(fd, bytes)
            return true
        } catch {
            failure = error
            return false
        }
    }
}
