#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes result JSON straight into a byte buffer: results are never built as jansson trees,
/// which keeps the per-request cost close to a parse-and-dump of the same line.
///
/// The writer produces compact JSON (`{"a":1,"b":"x"}`); callers emit keys and values in order
/// and the writer places the commas. It owns a raw buffer and is noncopyable: each record is
/// hundreds of small appends, and a plain byte pointer avoids an Array's uniqueness check on
/// every one of them, while `~Copyable` keeps the buffer's single owner explicit.
@usableFromInline package struct JSONWriter: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var count = 0
    @usableFromInline var capacity: Int
    @usableFromInline var needsComma = false

    @inlinable package init(reservingCapacity capacity: Int = 512) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// A copy of the bytes written so far.
    @inlinable package var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// The text `body` writes, as a String: the result texts are written into results by the
    /// same `append…` code, and read as Strings by tests, explanations and tools.
    @inlinable package static func text(reservingCapacity capacity: Int = 128, _ body: (inout JSONWriter) -> Void) -> String {
        var writer = JSONWriter(reservingCapacity: capacity)
        body(&writer)
        return String(decoding: UnsafeBufferPointer(start: writer.base, count: writer.count), as: UTF8.self)
    }

    // MARK: Structure

    @inlinable @inline(__always) package mutating func beginObject() { separate(); appendByte(UInt8(ascii: "{")); needsComma = false }
    @inlinable @inline(__always) package mutating func endObject() { appendByte(UInt8(ascii: "}")); needsComma = true }
    @inlinable package mutating func beginArray() { separate(); appendByte(UInt8(ascii: "[")); needsComma = false }
    @inlinable package mutating func endArray() { appendByte(UInt8(ascii: "]")); needsComma = true }

    /// Writes `"key":`; the next value call writes the value.
    @inlinable package mutating func key(_ name: StaticString) {
        // One reservation and a short copy: results have dozens of keys.
        let length = name.utf8CodeUnitCount
        reserve(length + 4)
        if needsComma {
            base[count] = UInt8(ascii: ",")
            count += 1
        }
        base[count] = UInt8(ascii: "\"")
        memcpy(base + count + 1, name.utf8Start, length)
        base[count + 1 + length] = UInt8(ascii: "\"")
        base[count + 2 + length] = UInt8(ascii: ":")
        count += length + 3
        needsComma = false
    }

    /// Writes a key that is data (e.g. a BEP group name), escaped.
    @inlinable package mutating func key(string name: String) {
        separate()
        appendEscaped(name)
        appendByte(UInt8(ascii: ":"))
        needsComma = false
    }

    // MARK: Values

    @inlinable package mutating func string(_ value: String) { separate(); appendEscaped(value); needsComma = true }

    @inlinable package mutating func string(_ value: StaticString) {
        separate()
        appendByte(UInt8(ascii: "\""))
        appendText(value)
        appendByte(UInt8(ascii: "\""))
        needsComma = true
    }

    /// A value whose characters need no escaping (money strings, dates): written as a JSON string.
    @inlinable package mutating func plainString(_ value: String) {
        separate()
        appendByte(UInt8(ascii: "\""))
        appendText(value)
        appendByte(UInt8(ascii: "\""))
        needsComma = true
    }

    /// A string whose text `body` appends and which never needs escaping (digits, signs,
    /// `/`): written as it is, without scanning it.
    @inlinable package mutating func plainString(building body: (inout JSONWriter) -> Void) {
        separate()
        appendByte(UInt8(ascii: "\""))
        body(&self)
        appendByte(UInt8(ascii: "\""))
        needsComma = true
    }

    /// A string whose UTF-8 text `body` appends with the `append…` methods; it is escaped
    /// afterwards only if it needs it (text built from parts without an intermediate String).
    @inlinable package mutating func string(building body: (inout JSONWriter) -> Void) {
        let start = beginBuiltString()
        body(&self)
        endBuiltString(from: start)
    }

    /// Opens a string whose text the caller appends with the `append…` methods, then closes
    /// with `endBuiltString(from:)` (what `string(building:)` does without a closure, for a
    /// caller whose closure would capture, and so copy, a large value). Returns where the text
    /// starts.
    @inlinable package mutating func beginBuiltString() -> Int {
        separate()
        appendByte(UInt8(ascii: "\""))
        return count
    }

    /// Closes a string opened by `beginBuiltString()`, escaping its text only if it needs it.
    @inlinable package mutating func endBuiltString(from start: Int) {
        if JSONWriter.needsEscaping(UnsafeBufferPointer(start: base + start, count: count - start)) {
            let text = String(decoding: UnsafeBufferPointer(start: base + start, count: count - start), as: UTF8.self)
            count = start - 1  // drop the text and the opening quote: appendEscaped writes its own
            appendEscaped(text)
        } else {
            appendByte(UInt8(ascii: "\""))
        }
        needsComma = true
    }

    /// A string value from its UTF-8 bytes, escaped only if it needs it (no String is built).
    @inlinable package mutating func string(utf8 bytes: UnsafeRawBufferPointer) {
        string { $0.appendBytes(bytes) }
    }

    /// A key from its UTF-8 bytes, escaped only if it needs it (no String is built).
    @inlinable package mutating func key(utf8 bytes: UnsafeRawBufferPointer) {
        string(utf8: bytes)
        appendByte(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Appends pre-encoded JSON that ends with a key (`…,"actual":`), where a value could
    /// start: a comma first if one is due. The parts of a record that depend only on tariff
    /// data are encoded once, at load, and copied whole.
    @inlinable package mutating func encoded(_ piece: [UInt8]) {
        piece.withUnsafeBytes { encoded($0) }
    }

    /// The same from bytes read in place (a slice of a buffer encoded at load).
    @inlinable package mutating func encoded(_ piece: UnsafeRawBufferPointer) {
        separate()
        appendBytes(piece)
        needsComma = false
    }

    /// Appends a pre-encoded member, key and value (`"accounting":{…}`), where a key could
    /// start: a comma first if one is due, and one before whatever follows.
    @inlinable package mutating func encodedMember(_ piece: UnsafeRawBufferPointer) {
        separate()
        appendBytes(piece)
        needsComma = true
    }

    @inlinable package mutating func integer<T: BinaryInteger>(_ value: T) {
        separate()
        appendNumber(Int64(value))
        needsComma = true
    }

    /// A money value in the contract's form, `"-1234.50"`, written without building a String.
    @inlinable package mutating func money(_ value: Money) {
        separate()
        let magnitude = value.ore.magnitude
        appendByte(UInt8(ascii: "\""))
        if value.ore < 0 { appendByte(UInt8(ascii: "-")) }
        appendNumber(magnitude / 100)
        reserve(4)
        base[count] = UInt8(ascii: ".")
        base[count + 1] = UInt8(ascii: "0") + UInt8(magnitude / 10 % 10)
        base[count + 2] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        base[count + 3] = UInt8(ascii: "\"")
        count += 4
        needsComma = true
    }

    @inlinable package mutating func bool(_ value: Bool) {
        separate()
        appendText(value ? "true" : "false")
        needsComma = true
    }

    @inlinable package mutating func null() { separate(); appendText("null"); needsComma = true }

    /// A real number as the shortest text that reads back as the same double (`0.1`, `1e-07`),
    /// which is valid JSON for every finite value.
    @inlinable package mutating func real(_ value: Double) {
        separate()
        appendText(value.isFinite ? value.description : "null")
        needsComma = true
    }

    /// Writes a parsed JSON value again, compactly (the echoed `meta`).
    @inlinable package mutating func raw(_ value: JSONValue) {
        value.appendCompactJSON(to: &self)
    }

    // MARK: Records

    /// Ends the record with a newline and hands the bytes over, leaving the writer empty.
    @inlinable package mutating func finishLine() -> [UInt8] {
        appendByte(UInt8(ascii: "\n"))
        defer { count = 0; needsComma = false }
        return bytes
    }

    /// Appends the finished record and a newline to `output` and empties the writer.
    @inlinable package mutating func flushLine(into output: inout [UInt8]) {
        appendByte(UInt8(ascii: "\n"))
        output.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
        count = 0
        needsComma = false
    }

    // MARK: Raw appends (text inside a string value; the caller keeps it valid JSON)

    @inline(__always)
    @inlinable package mutating func appendByte(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    @inlinable package mutating func appendText(_ text: StaticString) {
        text.withUTF8Buffer { appendBytes(UnsafeRawBufferPointer($0)) }
    }

    @inlinable package mutating func appendText(_ text: String) {
        // In place for native strings (no copy of the string's reference).
        if text.utf8.withContiguousStorageIfAvailable({ appendBytes(UnsafeRawBufferPointer($0)) }) != nil { return }
        var text = text
        text.withUTF8 { appendBytes(UnsafeRawBufferPointer($0)) }
    }

    @inlinable package mutating func appendBytes(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        memcpy(base + count, source, bytes.count)
        count += bytes.count
    }

    /// Decimal digits of an integer, without building a String.
    @inlinable package mutating func appendNumber(_ value: Int64) {
        if value < 0 { appendByte(UInt8(ascii: "-")) }
        appendNumber(value.magnitude)
    }

    @inlinable package mutating func appendNumber(_ value: UInt64) {
        if value < 10 { appendByte(UInt8(ascii: "0") + UInt8(value)); return }
        var digits = 1
        var limit: UInt64 = 10
        while digits < 20 && value >= limit {
            digits += 1
            if digits < 20 { limit &*= 10 }
        }
        reserve(digits)
        // Two digits per division, from the end.
        var rest = value
        var position = count + digits
        let pairs = JSONWriter.digitPairs.utf8Start
        while rest >= 100 {
            let pair = Int(rest % 100) * 2
            rest /= 100
            position -= 2
            base[position] = pairs[pair]
            base[position + 1] = pairs[pair + 1]
        }
        if rest >= 10 {
            position -= 2
            base[position] = pairs[Int(rest) * 2]
            base[position + 1] = pairs[Int(rest) * 2 + 1]
        } else {
            base[position - 1] = UInt8(ascii: "0") + UInt8(rest)
        }
        count += digits
    }

    @usableFromInline static let digitPairs: StaticString =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// Lets `fill` write exactly `size` bytes in place (jansson's dump of `meta`).
    @inlinable package mutating func appendInPlace(size: Int, _ fill: (UnsafeMutableRawBufferPointer) -> Void) {
        reserve(size)
        fill(UnsafeMutableRawBufferPointer(start: base + count, count: size))
        count += size
    }

    // MARK: Private

    @inline(__always)
    @inlinable mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    @inlinable mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    @inlinable mutating func separate() {
        if needsComma { appendByte(UInt8(ascii: ",")) }
    }

    @usableFromInline static let hex: StaticString = "0123456789abcdef"

    /// Whether any byte must be escaped in a JSON string (a control character, `"`, `\` or
    /// DEL). Eight bytes at a time: every text of a result is checked, most of them clean.
    @inlinable package static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let start = bytes.baseAddress else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        /// Whether a byte of `word` is zero (exact, as a whole).
        func hasZero(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }
        var offset = 0
        while bytes.count - offset >= 8 {
            let word = UnsafeRawPointer(start + offset).loadUnaligned(as: UInt64.self)
            // A byte below 0x20 (bytes from 0x80 have their high bit set and never count here).
            if (word &- ones &* 0x20) & ~word & highs != 0 { return true }
            if hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C)) || hasZero(word ^ (ones &* 0x7F)) { return true }
            offset += 8
        }
        while offset < bytes.count {
            let byte = start[offset]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F { return true }
            offset += 1
        }
        return false
    }

    @inlinable mutating func appendEscaped(_ value: String) {
        appendByte(UInt8(ascii: "\""))
        if value.utf8.withContiguousStorageIfAvailable({ appendEscapedBytes($0) }) == nil {
            var value = value
            value.withUTF8 { appendEscapedBytes($0) }
        }
        appendByte(UInt8(ascii: "\""))
    }

    @inlinable mutating func appendEscapedBytes(_ utf8: UnsafeBufferPointer<UInt8>) {
        // Fast path: most strings need no escaping and are copied in one go.
        if !JSONWriter.needsEscaping(utf8) {
            appendBytes(UnsafeRawBufferPointer(utf8))
            return
        }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): appendText("\\\"")
            case UInt8(ascii: "\\"): appendText("\\\\")
            case UInt8(ascii: "\n"): appendText("\\n")
            case UInt8(ascii: "\r"): appendText("\\r")
            case UInt8(ascii: "\t"): appendText("\\t")
            case 0..<0x20, 0x7f:
                appendText("\\u00")
                Self.hex.withUTF8Buffer { hex in
                    appendByte(hex[Int(byte >> 4)])
                    appendByte(hex[Int(byte & 0xf)])
                }
            default: appendByte(byte)
            }
        }
    }
}
