import TaxaBase

/// Reads one tariff or index file as the office's editors save it: UTF-8 with or without a
/// byte order mark (as request lines are accepted). A file in another encoding is refused in
/// words the office can act on, not with the JSON parser's byte-level complaint.
package enum TariffFileText {
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The parsed document and the `sha256:` digest of the file's exact bytes (BOM included:
    /// the digest identifies the file as stored), or nil with the problem in `log`.
    package static func parse(root: String, relative: String, log: ProblemLog) -> (JSONDocument, String)? {
        guard let bytes = read(root: root, relative: relative, log: log) else { return nil }
        return parse(bytes: bytes, log: log)
    }

    /// The file's bytes, or nil with the problem in `log`.
    static func read(root: String, relative: String, log: ProblemLog) -> [UInt8]? {
        do { return try FileSystem.read(root + "/" + relative) } catch {
            log.error("cannot read the file: \(error.message)")
            return nil
        }
    }

    /// The document in bytes already read (the loader keeps them for `--jobs` workers' copies).
    static func parse(bytes: [UInt8], log: ProblemLog) -> (JSONDocument, String)? {
        let text: ArraySlice<UInt8> = bytes.starts(with: byteOrderMark) ? bytes.dropFirst(3) : bytes[...]
        if let problem = encodingProblem(text) {
            log.error(problem)
            return nil
        }
        switch text.withUnsafeBytes({ JSONDocument.parse($0) }) {
        case .success(let document):
            return (document, SHA256.tagged(bytes: bytes))
        case .failure(let error):
            log.error("not valid JSON at line \(error.line), column \(error.column): \(error.message)")
            return nil
        }
    }

    /// Why `text` is not UTF-8, or nil when it is.
    static func encodingProblem(_ text: ArraySlice<UInt8>) -> String? {
        if text.starts(with: [0xFF, 0xFE]) || text.starts(with: [0xFE, 0xFF]) {
            return "not UTF-8 text: the file is saved as UTF-16 (\"Unicode\"); save it as UTF-8"
        }
        guard let offset = firstInvalidUTF8(text) else { return nil }
        let before = text[text.startIndex..<offset]
        let line = before.count(where: { $0 == 0x0A }) + 1
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? text.startIndex
        // Columns count characters, as an editor shows them (the line so far is valid UTF-8).
        let column = String(decoding: text[lineStart..<offset], as: UTF8.self).count + 1
        let byte = text[offset]
        let hex = String(byte, radix: 16, uppercase: true)
        return
            "not UTF-8 text: byte 0x\(hex.count == 1 ? "0" + hex : hex) at line \(line), column \(column) is not UTF-8 (was the file saved as Latin-1 or Windows-1252?); save it as UTF-8"
    }

    /// The index of the first byte that does not begin or continue a valid UTF-8 sequence
    /// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), or nil.
    static func firstInvalidUTF8(_ text: ArraySlice<UInt8>) -> Int? {
        var index = text.startIndex
        let end = text.endIndex
        while index < end {
            let lead = text[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF  // bounds of the second byte
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return index
            }
            guard index + length <= end else { return index }
            guard (low...high).contains(text[index + 1]) else { return index }
            for next in (index + 2)..<(index + length) where !(0x80...0xBF).contains(text[next]) { return index }
            index += length
        }
        return nil
    }
}
