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

    public func append(_ record: [UInt8]) {
        pending.append(contentsOf: record)
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
        var offset = 0
        let count = pending.count
        while offset < count {
            let written = pending.withUnsafeBytes { write(fd, $0.baseAddress! + offset, count - offset) }
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
                pending.removeAll()
                return false
            }
            offset += written
        }
        pending.removeAll(keepingCapacity: true)
        return true
    }
}
