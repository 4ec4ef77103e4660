#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A value at a path that is not what the schema expects. The path is relative while the error
/// unwinds and complete when it reaches the caller that reports it.
@usableFromInline package struct FieldError: Error, Sendable, Equatable {
    @usableFromInline package var path: JSONPath
    @usableFromInline package var message: String

    @inlinable package init(_ message: String, at path: JSONPath = .root) {
        self.path = path
        self.message = message
    }

    @usableFromInline package func prefixed(_ component: JSONPath.Component) -> FieldError {
        var copy = self
        copy.path.prepend(component)
        return copy
    }
}

/// Runs `body` on a member value; an error inside gets the member's key prepended to its path.
@inline(__always)
@inlinable package func inside<T>(_ key: String, _ body: () throws(FieldError) -> T) throws(FieldError) -> T {
    do { return try body() } catch { throw error.prefixed(.key(key)) }
}

/// Runs `body` on an array element; an error inside gets `[index]` prepended to its path.
@inline(__always)
@inlinable package func inside<T>(index: Int, _ body: () throws(FieldError) -> T) throws(FieldError) -> T {
    do { return try body() } catch { throw error.prefixed(.index(index)) }
}

/// Schema checks on one JSON object: which keys it may have, which it must have.
@usableFromInline package struct ObjectFields {
    @usableFromInline package let value: JSONValue

    /// Fails unless `value` is an object; `what` names it in the message ("a request").
    /// `what` is borrowed: it is copied only into a message.
    @inlinable package init(_ value: JSONValue, what: borrowing String) throws(FieldError) {
        guard value.kind == .object else {
            throw FieldError("expected \(copy what) as a JSON object, got \(value.kind.name)")
        }
        self.value = value
    }

    /// Rejects the first key not in `allowed`, naming what would have been accepted.
    @inlinable package func onlyKeys(_ allowed: [String]) throws(FieldError) {
        try onlyKeys(ByteKeys(allowed))
    }

    /// `onlyKeys` with the keys in one buffer, for the key lists every request is checked
    /// against (made once): the happy path compares bytes in place and allocates nothing.
    @inlinable package func onlyKeys(_ allowed: ByteKeys) throws(FieldError) {
        var unknown: String?
        value.forEachKey { key in
            if allowed.index(of: key) != nil { return true }
            unknown = String(decoding: key, as: UTF8.self)
            return false
        }
        if let unknown { throw Self.unknownKey(unknown, expected: allowed.names) }
    }

    /// The error for a key that is not one of `expected`.
    @inlinable package static func unknownKey(_ key: String, expected: [String]) -> FieldError {
        FieldError("unknown key \"\(key)\"; expected only: \(expected.joined(separator: ", "))", at: JSONPath([.key(key)]))
    }

    /// Every key that is not in `allowed` (for validators that report all problems).
    @inlinable package func unknownKeys(_ allowed: [String]) -> [String] {
        value.members.map(\.key).filter { !allowed.contains($0) }
    }

    @inlinable package func required(_ key: String) throws(FieldError) -> JSONValue {
        try Self.required(value.member(key), key)
    }

    /// A member collected in a decoder's own pass over an object, which must be there.
    @inlinable package static func required(_ member: JSONValue?, _ key: String) throws(FieldError) -> JSONValue {
        guard let member else { throw missing(key) }
        return member
    }

    /// The error for a required member that is not there.
    @inlinable static func missing(_ key: String) -> FieldError {
        FieldError("missing required key \"\(key)\"", at: JSONPath([.key(key)]))
    }

    /// Reads a required member collected in a decoder's own pass with `read`, prefixing errors with the key.
    @inlinable package static func read<T>(_ member: JSONValue?, _ key: String, _ read: (JSONValue) throws(FieldError) -> T) throws(FieldError) -> T {
        switch member {
        case .some(let member): return try inside(key) { () throws(FieldError) -> T in try read(member) }
        case .none: throw missing(key)
        }
    }

    /// Reads an optional member collected in a decoder's own pass with `read`, prefixing errors with the key.
    @inlinable package static func readIfPresent<T>(_ member: JSONValue?, _ key: String, _ read: (JSONValue) throws(FieldError) -> T) throws(FieldError) -> T? {
        switch member {  // matched in place, as in `read`
        case .some(let member): return try inside(key) { () throws(FieldError) -> T in try read(member) }
        case .none: return nil
        }
    }

    @inlinable package func optional(_ key: String) -> JSONValue? { value.member(key) }

    /// Reads a required member with `read`, prefixing errors with the key.
    @inlinable package func read<T>(_ key: String, _ read: (JSONValue) throws(FieldError) -> T) throws(FieldError) -> T {
        try Self.read(value.member(key), key, read)
    }

    /// Reads an optional member with `read`; nil when absent.
    @inlinable package func readIfPresent<T>(_ key: String, _ read: (JSONValue) throws(FieldError) -> T) throws(FieldError) -> T? {
        guard let member = value.member(key) else { return nil }
        return try inside(key) { () throws(FieldError) -> T in try read(member) }
    }
}

/// Readers for single values: each says what it expected when the value is wrong.
@usableFromInline package enum Read {
    /// A string of `length` characters (Unicode scalars), checked on the bytes before any copy.
    @inlinable package static func string(_ value: JSONValue, length: ClosedRange<Int> = 1...10_000) throws(FieldError) -> String {
        try checkedString(value, length: length) { String(decoding: $0, as: UTF8.self) }
    }

    /// Checks that `value` is a string of `length` characters and hands its bytes to `body`
    /// (which may skip copying them, for a field read only to be checked).
    @inlinable package static func checkedString<T>(
        _ value: JSONValue, length: ClosedRange<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> T
    ) throws(FieldError) -> T {
        let result = try value.withStringBytes { (bytes) throws(FieldError) -> T in
            // A character takes at most 4 bytes: reject huge strings without counting them.
            guard bytes.count <= length.upperBound * 4 else {
                throw FieldError("expected a string of \(describe(length)) characters, got one of \(bytes.count) bytes")
            }
            // A string of n bytes has from n/4 to n characters: when all of those are in range
            // (most ids, names and dates), there is nothing to count.
            if bytes.count <= length.upperBound && (bytes.count + 3) / 4 >= length.lowerBound { return body(bytes) }
            var count = 0
            for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
            guard length.contains(count) else {
                throw FieldError("expected a string of \(describe(length)) characters, got \(count)")
            }
            return body(bytes)
        }
        guard let result else {
            throw FieldError("expected a string of \(describe(length)) characters, got \(value.kind.name)")
        }
        return result
    }

    @inlinable package static func integer(_ value: JSONValue, in range: ClosedRange<Int64>) throws(FieldError) -> Int64 {
        guard let number = value.integer else {
            throw FieldError("expected an integer from \(range.lowerBound) to \(range.upperBound), got \(value.kind.name)")
        }
        guard range.contains(number) else {
            throw FieldError("expected an integer from \(range.lowerBound) to \(range.upperBound), got \(number)")
        }
        return number
    }

    @inlinable package static func bool(_ value: JSONValue) throws(FieldError) -> Bool {
        guard let flag = value.bool else { throw FieldError("expected true or false, got \(value.kind.name)") }
        return flag
    }

    @inlinable package static func date(_ value: JSONValue) throws(FieldError) -> CivilDate {
        let date = try value.withStringBytes { (bytes) throws(FieldError) -> CivilDate in
            guard let date = CivilDate.parse(bytes) else {
                let shown = bytes.count <= 100 ? "\"\(String(decoding: bytes, as: UTF8.self))\"" : "a string of \(bytes.count) bytes"
                throw FieldError("expected a date as YYYY-MM-DD that exists in the calendar, got \(shown)")
            }
            return date
        }
        guard let date else {
            throw FieldError("expected a date as YYYY-MM-DD that exists in the calendar, got \(value.kind.name)")
        }
        return date
    }

    /// A decimal written as a JSON string ("2.9", "1201.00"): never a JSON number, whose
    /// binary floating-point reading could change the value.
    @inlinable package static func decimal(
        _ value: JSONValue, maxScale: Int, allowNegative: Bool = false,
        what: String = "a decimal number"
    ) throws(FieldError) -> ScaledDecimal {
        // The message is made only for a value that fails (this runs for every decimal read).
        func expectation() -> String { "expected \(what) as a string with at most \(maxScale) decimals, e.g. \"12.5\"" }
        guard value.kind == .string else { throw FieldError("\(expectation()), got \(value.kind.name)") }
        // Parsed on the bytes in place; the text is made only for the message.
        let number = try checkedString(value, length: 1...Limits.decimalLength) {
            ScaledDecimal.parse(utf8: $0, maxScale: maxScale, allowNegative: allowNegative)
        }
        guard let number else {
            throw FieldError("\(expectation()), got \"\(try string(value, length: 1...Limits.decimalLength))\"")
        }
        return number
    }

    /// An object member's name of `length` characters, counted as `string` counts them (Unicode
    /// scalars): a name is held to the same length as a key and as a string value.
    @inlinable package static func key(_ key: String, length: ClosedRange<Int>, what: String) throws(FieldError) {
        let count = key.unicodeScalars.count
        guard length.contains(count) else { throw FieldError("\(what) must be \(describe(length)) characters, got \(count)") }
    }

    /// A factor or a percentage of the rule vocabulary: 0–1000 with at most 6 decimals.
    @inlinable package static func factor(_ value: JSONValue, what: String) throws(FieldError) -> ScaledDecimal {
        let factor = try decimal(value, maxScale: Limits.factorScale, what: what)
        guard let scaled = factor.rescaled(to: Limits.factorScale), scaled <= Limits.factor * 1_000_000 else {
            throw FieldError("expected \(what) from 0 to \(Limits.factor), got \"\(factor)\"")
        }
        return factor
    }

    @inlinable package static func array(_ value: JSONValue, count: ClosedRange<Int>, of what: String) throws(FieldError) -> [JSONValue] {
        guard value.kind == .array else {
            throw FieldError("expected an array of \(describe(count)) \(what), got \(value.kind.name)")
        }
        guard count.contains(value.count) else {
            throw FieldError("expected an array of \(describe(count)) \(what), got \(value.count)")
        }
        return value.elements
    }

    @inlinable package static func describe(_ range: ClosedRange<Int>) -> String {
        range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound)–\(range.upperBound)"
    }
}
