import CCrypto

/// SHA-256 (FIPS 180-4), for provenance digests and error records' `input_sha256`, computed by
/// the system's libcrypto (OpenSSL) rather than by hand: a vetted implementation that uses the
/// processor's SHA instructions where it has them, linked as jansson is. The only file that
/// touches libcrypto's C API.
package struct SHA256 {
    /// The bytes given so far, hashed in one call by `finalize`: every digest taxa makes is of a
    /// whole text already in memory, so nothing needs libcrypto's streaming state (the pieces
    /// serve tests).
    private var pending: [UInt8] = []

    package init() {}

    package mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        pending.append(contentsOf: bytes)
    }

    package mutating func update(_ buffer: UnsafeRawBufferPointer) { pending.append(contentsOf: buffer) }

    package mutating func update(_ text: String) { update(text.utf8) }

    /// The 32-byte digest of everything given; the hasher starts empty again.
    package mutating func finalize() -> [UInt8] {
        defer { pending.removeAll() }
        return pending.withUnsafeBytes { bytes in
            [UInt8](unsafeUninitializedCapacity: 32) { digest, count in
                Self.digest(bytes, into: digest.baseAddress!)
                count = 32
            }
        }
    }

    /// `sha256:` followed by the lower-case hex digest of `text`.
    package static func tagged(_ text: String) -> String {
        var text = text
        return text.withUTF8 { "sha256:" + hex(UnsafeRawBufferPointer($0)) }
    }

    package static func tagged(bytes: [UInt8]) -> String {
        "sha256:" + bytes.withUnsafeBytes { hex($0) }
    }

    /// The lower-case hex digest of `bytes` (64 characters, no prefix).
    package static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { sum in
            digest(bytes, into: sum.baseAddress!)
            let digits: StaticString = "0123456789abcdef"
            return String(unsafeUninitializedCapacity: 64) { text in
                for (i, byte) in sum.enumerated() {
                    text[2 * i] = digits.utf8Start[Int(byte >> 4)]
                    text[2 * i + 1] = digits.utf8Start[Int(byte & 0xf)]
                }
                return 64
            }
        }
    }

    /// libcrypto's SHA-256 of `bytes` into the 32 bytes at `digest`.
    private static func digest(_ bytes: UnsafeRawBufferPointer, into digest: UnsafeMutablePointer<UInt8>) {
        var none: UInt8 = 0
        let done = withUnsafePointer(to: &none) { empty in
            EVP_Digest(bytes.baseAddress ?? UnsafeRawPointer(empty), bytes.count, digest, nil, Algorithm.sha256.pointer, nil)
        }
        precondition(done == 1, "libcrypto failed to compute a SHA-256 digest")
    }

    /// SHA-256 fetched from libcrypto's default provider once, not on every digest (as its
    /// one-shot `SHA256()` does). libcrypto starts without reading the machine's openssl.cnf and
    /// without its tables of every cipher's and digest's legacy names: a digest fetched by name
    /// needs neither, and they would cost every start-up about 3 million instructions.
    private struct Algorithm: @unchecked Sendable {
        let pointer: OpaquePointer

        static let sha256: Algorithm = {
            let options = OPENSSL_INIT_NO_LOAD_CONFIG | OPENSSL_INIT_NO_ADD_ALL_CIPHERS | OPENSSL_INIT_NO_ADD_ALL_DIGESTS
            guard OPENSSL_init_crypto(UInt64(options), nil) == 1, let sha256 = EVP_MD_fetch(nil, "SHA256", nil) else {
                preconditionFailure("libcrypto offers no SHA-256")
            }
            return Algorithm(pointer: sha256)
        }()
    }
}
