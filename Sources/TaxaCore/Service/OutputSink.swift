#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Buffered output to a file descriptor in whole records: the buffer only ever holds complete
/// lines, and a flush writes all of it (retrying short writes), so no reader sees half a line.
public final class OutputSink {
    private let fd: Int32
    private let threshold: Int
    public private(set) var pending: [UInt8] = []
    /// Set when the reader went away (EPIPE) or a write failed: the run ends quietly.
    public private(set) var closed = false

    public init(fd: Int32, threshold: Int = 256 << 10) {
        self.fd = fd
        self.threshold = threshold
        pending.reserveCapacity(threshold + (64 << 10))
    }

    /// Appends whole records. A large block (the answers of a `--jobs` run) is written as it is
    /// once what is pending has been written: copying it into the buffer first would only cost time.
    public func append(_ records: [UInt8]) {
        if records.count >= threshold {
            guard flush() else { return }
            _ = records.withUnsafeBytes { writeAll($0) }
            return
        }
        pending.append(contentsOf: records)
        if pending.count >= threshold { flush() }
    }

    /// Appends bytes produced in place by `body` (saves a copy per record).
    public func withBuffer(_ body: (inout [UInt8]) -> Void) {
        body(&pending)
        if pending.count >= threshold { flush() }
    }

    @discardableResult
    public func flush() -> Bool {
        guard !closed else { return false }
        let written = pending.withUnsafeBytes { writeAll($0) }
        pending.removeAll(keepingCapacity: written)
        return written
    }

    /// Writes all of `bytes`, waiting while a non-blocking reader is behind; false (and
    /// `closed`) if the reader went away or a write failed.
    private func writeAll(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard !closed else { return false }
        var offset = 0
        while offset < bytes.count {
            let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    // A non-blocking stdout whose reader is behind: wait until it can take more
                    // (a reader that has gone turns into EPIPE below), never drop answers.
                    var ready = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&ready, 1, -1)
                    continue
                }
                closed = true
                return false
            }
            offset += written
        }
        return true
    }
}
