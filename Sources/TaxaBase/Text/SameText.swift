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
    package func sameBytes(_ other: String) -> Bool {
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
    @inlinable package func isKey(_ name: StaticString) -> Bool {
        count == name.utf8CodeUnitCount && (isEmpty || memcmp(baseAddress!, name.utf8Start, count) == 0)
    }
}

/// Names compared as text: Swift's `==` on strings is canonical equivalence, so "Å" written as
/// one code point (U+00C5) and as "A" + a combining ring (U+0041 U+030A) are the same name.
/// Where names are matched that way (group names, activity keys, choice values, lookup cases,
/// tariff ids), two names that are the same text are one name given twice: refused, never
/// resolved by whichever comes first.
package enum SameText {
    /// The first name that is the same text as an earlier one: its index and the earlier one's.
    package static func firstRepeat(_ names: [String]) -> (index: Int, earlier: Int)? {
        var seen: [String: Int] = [:]  // String hashing agrees with `==`
        for (index, name) in names.enumerated() {
            if let earlier = seen[name] { return (index, earlier) }
            seen[name] = index
        }
        return nil
    }

    /// "\"Åk 1-3\" (written \"\\u00c5k 1-3\")": a name and, when it is not plain ASCII, its code
    /// points as JSON escapes, so that two spellings that look alike can be told apart.
    package static func shown(_ name: String) -> String {
        guard !name.utf8.allSatisfy({ $0 < 0x80 }) else { return "\"\(name)\"" }
        var escaped = ""
        for scalar in name.unicodeScalars {
            if scalar.isASCII {
                escaped.unicodeScalars.append(scalar)
            } else {
                let hex = String(scalar.value, radix: 16)
                escaped += scalar.value > 0xFFFF ? "\\u{\(hex)}" : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return "\"\(name)\" (written \"\(escaped)\")"
    }

    /// The message for `name`, given again as `earlier` in another Unicode form.
    package static func repeated(_ what: String, _ name: String, as earlier: String) -> String {
        "\(what) \(shown(name)) is the same text as \(shown(earlier)) in another Unicode form; names are compared as text, so give each once"
    }
}
