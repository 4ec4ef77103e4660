import TaxaBase

/// The rules on a name under a tariff root that do not depend on where it sits: names that cannot
/// be printed as they are, editors' backup and swap files, and `taxa index add`'s temporary files.
package enum FileNames {
    /// The name with every control character (and every byte that is not UTF-8) escaped, for a
    /// name that has one; nil for a plain name. A newline in a name printed as it is would forge
    /// a line of `taxa check`'s report, so such a name is only ever shown escaped.
    static func escapedIfUnprintable(_ bytes: [UInt8]) -> String? {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            // Not UTF-8: printable ASCII as it is, every other byte as \xHH.
            return bytes.map { byte in
                if byte == UInt8(ascii: "\\") { return "\\\\" }
                if (0x20..<0x7F).contains(byte) { return String(Unicode.Scalar(byte)) }
                return "\\x" + hex(UInt32(byte), width: 2)
            }.joined()
        }
        guard text.unicodeScalars.contains(where: isUnprintable) else { return nil }
        return text.unicodeScalars.map { scalar -> String in
            switch scalar {
            case "\n": "\\n"
            case "\r": "\\r"
            case "\t": "\\t"
            case "\\": "\\\\"
            case _ where isUnprintable(scalar): "\\u{" + hex(scalar.value, width: 1) + "}"
            default: String(scalar)
            }
        }.joined()
    }

    /// C0 and C1 control characters, DEL, and the Unicode line and paragraph separators.
    private static func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// The patterns of editors' backup and swap files, as docs/tariff-files.md lists them.
    static let editorBackupPatterns = "*~, .*.swp, .*.swo, #*# and .#*"

    /// A backup or swap file an editor leaves beside the file it edits (`2024-02-01.json~`,
    /// `.2024-02-01.json.swp`, `#2024-02-01.json#`, `.#2024-02-01.json`): never what the office
    /// meant to publish, so it is left unread rather than stopping every tariff.
    static func isEditorBackup(_ name: String) -> Bool {
        if name.count > 1 && name.hasSuffix("~") { return true }
        if name.count > 2 && name.hasPrefix("#") && name.hasSuffix("#") { return true }
        if name.count > 2 && name.hasPrefix(".#") { return true }
        return name.hasPrefix(".") && name.count > 5 && (name.hasSuffix(".swp") || name.hasSuffix(".swo"))
    }

    /// The temporary file `taxa index add` writes beside `name` before renaming it over `name`:
    /// `.<name>.taxa-tmp-<pid>`. Hidden and distinct from every name taxa reads, so a reload
    /// or check that meets one (an add in progress, or one killed) leaves it alone.
    static func temporary(for name: String, pid: Int32) -> String {
        "." + name + temporaryMarker + String(pid)
    }

    private static let temporaryMarker = ".taxa-tmp-"

    /// `pkv.json.tmp-4711`: a temporary file of `taxa index add` before the lock, which the
    /// loader reports (such a run may still be writing it) with a hint to remove it.
    static func isEarlierTemporary(_ name: String) -> Bool {
        guard let marker = name.utf8.firstRange(of: ".json.tmp-".utf8) else { return false }
        let digits = name.utf8[marker.upperBound...]
        return marker.lowerBound > name.utf8.startIndex && !digits.isEmpty && digits.allSatisfy { (0x30...0x39).contains($0) }
    }

    /// The file a temporary file of `taxa index add` was written for and the process that wrote
    /// it, or nil for any other name.
    static func temporaryOwner(_ name: String) -> (name: String, pid: Int32)? {
        let bytes = Array(name.utf8)
        let marker = Array(temporaryMarker.utf8)
        var digits = bytes.endIndex
        while digits > 0, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[digits - 1]) { digits -= 1 }
        let markerStart = digits - marker.count
        guard bytes.first == UInt8(ascii: "."), (1...10).contains(bytes.endIndex - digits), markerStart > 1,
            Array(bytes[markerStart..<digits]) == marker,
            let pid = Int32(String(decoding: bytes[digits...], as: UTF8.self))
        else { return nil }
        return (String(decoding: bytes[1..<markerStart], as: UTF8.self), pid)
    }
}
