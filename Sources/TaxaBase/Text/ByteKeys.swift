#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A few names (tariff ids, fee keys), found by their UTF-8 bytes in one buffer. Every request
/// names a tariff and fees: a list of Strings retains each one it compares and a dictionary
/// hashes the whole name, while this compares lengths and then bytes, touching no reference
/// count, and takes the name straight from the request's bytes. Byte-equal names are always
/// equal; callers fall back to Swift's `==` for a name in another Unicode normal form.
@usableFromInline package struct ByteKeys: Sendable {
    /// The names, in order (for messages).
    @usableFromInline package let names: [String]
    @usableFromInline let bytes: [UInt8]
    @usableFromInline let spans: [Span]

    @usableFromInline struct Span: Sendable {
        @usableFromInline var start: Int
        @usableFromInline var count: Int
    }

    @usableFromInline package init(_ keys: [String]) {
        var bytes: [UInt8] = []
        var spans: [Span] = []
        for key in keys {
            spans.append(Span(start: bytes.count, count: key.utf8.count))
            bytes.append(contentsOf: key.utf8)
        }
        self.bytes = bytes
        self.spans = spans
        names = keys
    }

    @inlinable package var count: Int { spans.count }

    /// Whether the key at `index` is exactly these bytes.
    @inlinable package func key(_ index: Int, is key: UnsafeBufferPointer<UInt8>) -> Bool {
        let span = spans[index]
        guard span.count == key.count else { return false }
        if key.isEmpty { return true }
        return bytes.withUnsafeBufferPointer { all in memcmp(all.baseAddress! + span.start, key.baseAddress!, key.count) == 0 }
    }

    /// The position of the first key with exactly these bytes.
    @inlinable package func index(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { all in
            spans.withUnsafeBufferPointer { spans in
                for index in spans.indices where spans[index].count == key.count {
                    if key.isEmpty { return index }
                    // The first byte before a call to memcmp: keys of one length mostly differ there.
                    let start = all.baseAddress! + spans[index].start
                    if start.pointee == key[0] && memcmp(start, key.baseAddress!, key.count) == 0 { return index }
                }
                return nil
            }
        }
    }

    @inlinable package func index(of key: String) -> Int? {
        if let found = key.utf8.withContiguousStorageIfAvailable({ index(of: $0) }) { return found }
        return Array(key.utf8).withUnsafeBufferPointer { index(of: $0) }
    }
}
