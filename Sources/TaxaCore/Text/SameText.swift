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
        var a = self, b = other
        return a.withUTF8 { x in
            b.withUTF8 { y in x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) }
        }
    }
}
