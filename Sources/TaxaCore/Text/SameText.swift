#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension String {
    /// Whether both strings hold the same UTF-8 bytes: a memory comparison. Swift's `==` on text
    /// that is not ASCII normalises both sides first, which cost more than the rest of a BEP
    /// cell's price. Byte-equal strings are always `==`; lookups fall back to `==` only when no
    /// name matches byte for byte (a name spelled in another Unicode normal form).
    func sameBytes(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        let same = utf8.withContiguousStorageIfAvailable { x in
            other.utf8.withContiguousStorageIfAvailable { y in x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
        }
        if let same, let same { return same }
        return utf8.elementsEqual(other.utf8)
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether these bytes (a key read in place from a request) are exactly `name`'s: the
    /// decoders of entries, items and envelopes compare each key this way, by length first.
    func isKey(_ name: StaticString) -> Bool {
        count == name.utf8CodeUnitCount && (isEmpty || memcmp(baseAddress!, name.utf8Start, count) == 0)
    }
}
