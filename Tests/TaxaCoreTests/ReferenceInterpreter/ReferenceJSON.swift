/// The reference interpreter's own JSON reader: members in the order written (a fee's position
/// in the file is the order of the result's lines) and numbers kept as their text. Deliberately
/// not the project's reader, so the engine and the interpreter do not share a parser.
enum Reference {}

extension Reference {
    indirect enum JSON: Equatable, Sendable {
        case object([(String, JSON)])
        case array([JSON])
        case string(String)
        case number(String)
        case bool(Bool)
        case null

        static func == (a: JSON, b: JSON) -> Bool {
            switch (a, b) {
            case (.object(let x), .object(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
            case (.array(let x), .array(let y)): x == y
            case (.string(let x), .string(let y)): x == y
            case (.number(let x), .number(let y)): x == y
            case (.bool(let x), .bool(let y)): x == y
            case (.null, .null): true
            default: false
            }
        }

        subscript(key: String) -> JSON? {
            guard case .object(let members) = self else { return nil }
            return members.first { $0.0 == key }?.1
        }

        var members: [(String, JSON)] {
            if case .object(let members) = self { return members }
            return []
        }

        var elements: [JSON] {
            if case .array(let elements) = self { return elements }
            return []
        }

        var string: String? {
            if case .string(let text) = self { return text }
            return nil
        }

        /// A JSON integer's value.
        var integer: Int? {
            if case .number(let text) = self { return Int(text) }
            return nil
        }

        var isNull: Bool {
            if case .null = self { return true }
            return false
        }

        var bool: Bool? {
            if case .bool(let value) = self { return value }
            return nil
        }

        struct SyntaxError: Error, CustomStringConvertible {
            var offset: Int
            var description: String { "reference JSON: syntax error at byte \(offset)" }
        }

        static func parse(_ text: String) throws -> JSON {
            var reader = Reader(bytes: Array(text.utf8))
            let value = try reader.value()
            reader.skipSpace()
            guard reader.at == reader.bytes.count else { throw SyntaxError(offset: reader.at) }
            return value
        }

        private struct Reader {
            let bytes: [UInt8]
            var at = 0

            mutating func skipSpace() {
                while at < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[at]) { at += 1 }
            }

            mutating func expect(_ byte: UInt8) throws {
                skipSpace()
                guard at < bytes.count, bytes[at] == byte else { throw SyntaxError(offset: at) }
                at += 1
            }

            mutating func value() throws -> JSON {
                skipSpace()
                guard at < bytes.count else { throw SyntaxError(offset: at) }
                switch bytes[at] {
                case UInt8(ascii: "{"):
                    at += 1
                    var members: [(String, JSON)] = []
                    skipSpace()
                    if at < bytes.count, bytes[at] == UInt8(ascii: "}") {
                        at += 1
                        return .object(members)
                    }
                    repeat {
                        skipSpace()
                        let key = try string()
                        try expect(UInt8(ascii: ":"))
                        members.append((key, try value()))
                        skipSpace()
                    } while try comma(closing: UInt8(ascii: "}"))
                    return .object(members)
                case UInt8(ascii: "["):
                    at += 1
                    var elements: [JSON] = []
                    skipSpace()
                    if at < bytes.count, bytes[at] == UInt8(ascii: "]") {
                        at += 1
                        return .array(elements)
                    }
                    repeat {
                        elements.append(try value())
                        skipSpace()
                    } while try comma(closing: UInt8(ascii: "]"))
                    return .array(elements)
                case UInt8(ascii: "\""):
                    return .string(try string())
                case UInt8(ascii: "t"):
                    try word("true")
                    return .bool(true)
                case UInt8(ascii: "f"):
                    try word("false")
                    return .bool(false)
                case UInt8(ascii: "n"):
                    try word("null")
                    return .null
                default:
                    let start = at
                    while at < bytes.count, "-+.eE0123456789".utf8.contains(bytes[at]) { at += 1 }
                    guard at > start else { throw SyntaxError(offset: at) }
                    return .number(String(decoding: bytes[start..<at], as: UTF8.self))
                }
            }

            /// After a member or element: true on a comma, false on the closing bracket.
            mutating func comma(closing: UInt8) throws -> Bool {
                guard at < bytes.count else { throw SyntaxError(offset: at) }
                if bytes[at] == UInt8(ascii: ",") {
                    at += 1
                    return true
                }
                guard bytes[at] == closing else { throw SyntaxError(offset: at) }
                at += 1
                return false
            }

            mutating func word(_ text: String) throws {
                for byte in text.utf8 {
                    guard at < bytes.count, bytes[at] == byte else { throw SyntaxError(offset: at) }
                    at += 1
                }
            }

            mutating func string() throws -> String {
                guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { throw SyntaxError(offset: at) }
                at += 1
                var out: [UInt8] = []
                while true {
                    guard at < bytes.count else { throw SyntaxError(offset: at) }
                    let byte = bytes[at]
                    at += 1
                    if byte == UInt8(ascii: "\"") { break }
                    guard byte == UInt8(ascii: "\\") else {
                        out.append(byte)
                        continue
                    }
                    guard at < bytes.count else { throw SyntaxError(offset: at) }
                    let escape = bytes[at]
                    at += 1
                    switch escape {
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "u"):
                        guard at + 4 <= bytes.count, var code = UInt32(String(decoding: bytes[at..<at + 4], as: UTF8.self), radix: 16) else {
                            throw SyntaxError(offset: at)
                        }
                        at += 4
                        if (0xD800..<0xDC00).contains(code), at + 6 <= bytes.count, bytes[at] == UInt8(ascii: "\\"),
                            let low = UInt32(String(decoding: bytes[at + 2..<at + 6], as: UTF8.self), radix: 16)
                        {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                            at += 6
                        }
                        out.append(contentsOf: Array(String(Character(Unicode.Scalar(code) ?? "\u{FFFD}")).utf8))
                    default: out.append(escape)
                    }
                }
                return String(decoding: out, as: UTF8.self)
            }
        }
    }
}

extension Reference.JSON {
    /// Compact JSON text, members in order.
    var text: String {
        var out = ""
        write(into: &out)
        return out
    }

    func write(into out: inout String) {
        switch self {
        case .object(let members):
            out += "{"
            for (n, (key, value)) in members.enumerated() {
                if n > 0 { out += "," }
                Self.string(key, into: &out)
                out += ":"
                value.write(into: &out)
            }
            out += "}"
        case .array(let elements):
            out += "["
            for (n, element) in elements.enumerated() {
                if n > 0 { out += "," }
                element.write(into: &out)
            }
            out += "]"
        case .string(let text): Self.string(text, into: &out)
        case .number(let text): out += text
        case .bool(let value): out += value ? "true" : "false"
        case .null: out += "null"
        }
    }

    private static func string(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20: out += "\\u00" + (scalar.value < 16 ? "0" : "") + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

extension Reference.JSON: ExpressibleByStringInterpolation, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .number(String(value)) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
}
