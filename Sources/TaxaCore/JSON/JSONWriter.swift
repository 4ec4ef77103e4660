/// Writes result JSON straight into a byte buffer: results are never built as jansson trees,
/// which keeps the per-request cost below a parse-and-dump of the same line.
///
/// The writer produces compact JSON (`{"a":1,"b":"x"}`); callers emit keys and values in order
/// and the writer places the commas.
public struct JSONWriter {
    public private(set) var bytes: [UInt8]
    private var needsComma = false

    public init(reservingCapacity capacity: Int = 512) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); needsComma = false }
    public mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma = true }
    public mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma = false }
    public mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma = true }

    /// Writes `"key":`; the next value call writes the value.
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes a key that is data (e.g. a BEP group name), escaped.
    public mutating func key(string name: String) {
        separate()
        appendEscaped(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    public mutating func string(_ value: String) { separate(); appendEscaped(value); needsComma = true }

    public mutating func string(_ value: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        value.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// A value whose characters need no escaping (money strings, dates): written as a JSON string.
    public mutating func plainString(_ value: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: value.utf8)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// A string whose UTF-8 text `body` appends to the buffer directly; it is escaped in place
    /// afterwards only if it needs it (text built from parts without an intermediate String).
    public mutating func string(building body: (inout [UInt8]) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        let start = bytes.count
        body(&bytes)
        let needsEscaping = bytes.withUnsafeBufferPointer { all in
            for byte in all[start...] where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F { return true }
            return false
        }
        if needsEscaping {
            let text = String(decoding: bytes[start...], as: UTF8.self)
            bytes.removeSubrange(start...)
            bytes.removeLast()   // the opening quote: appendEscaped writes its own
            appendEscaped(text)
        } else {
            bytes.append(UInt8(ascii: "\""))
        }
        needsComma = true
    }

    public mutating func integer<T: BinaryInteger>(_ value: T) {
        separate()
        appendDigits(Int64(value))
        needsComma = true
    }

    /// A money value in the contract's form, `"-1234.50"`, written without building a String.
    public mutating func money(_ value: Money) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        let magnitude = value.ore.magnitude
        if value.ore < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(magnitude / 100)
        bytes.append(UInt8(ascii: "."))
        bytes.append(UInt8(ascii: "0") + UInt8(magnitude / 10 % 10))
        bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    private mutating func appendDigits(_ value: Int64) {
        DecimalDigits.append(value, to: &bytes)
    }

    private mutating func appendDigits(_ value: UInt64) {
        DecimalDigits.append(value, to: &bytes)
    }

    public mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
        needsComma = true
    }

    public mutating func null() { separate(); bytes.append(contentsOf: "null".utf8); needsComma = true }

    /// Writes an already-encoded JSON value (the echoed `meta`).
    public mutating func raw(_ value: JSONValue) {
        separate()
        value.appendCompactJSON(to: &bytes)
        needsComma = true
    }

    /// Ends the record with a newline and hands the bytes over, leaving the writer empty.
    public mutating func finishLine() -> [UInt8] {
        bytes.append(UInt8(ascii: "\n"))
        defer { bytes.removeAll(keepingCapacity: true); needsComma = false }
        return bytes
    }

    /// Appends the finished record to `output` and empties the writer, keeping its storage.
    public mutating func flushLine(into output: inout [UInt8]) {
        output.append(contentsOf: bytes)
        output.append(UInt8(ascii: "\n"))
        bytes.removeAll(keepingCapacity: true)
        needsComma = false
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func appendEscaped(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        // Fast path: most strings need no escaping and are copied in one go.
        let copied = value.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            for byte in utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if copied == true {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20, 0x7f:
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 0xf)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// Decimal digits of an integer appended to a byte buffer without building a String: numbers
/// are on every result line.
enum DecimalDigits {
    static func append(_ value: Int64, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        append(value.magnitude, to: &bytes)
    }

    static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        if value < 10 { bytes.append(UInt8(ascii: "0") + UInt8(value)); return }
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes: room for 20 digits
        withUnsafeMutableBytes(of: &scratch) { raw in
            var position = raw.count
            var rest = value
            while rest > 0 {
                position -= 1
                raw[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[position...]))
        }
    }
}
