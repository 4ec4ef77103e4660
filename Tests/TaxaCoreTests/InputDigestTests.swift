import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// `input_sha256` on error records: a record that failed before its `id` could be read can be
/// joined back to its input line, however the stream was split (GNU parallel, Spark).
/// Digests are checked against coreutils' `sha256sum`, not only against TaxaCore's own SHA-256.
@Suite struct InputDigestTests {
    static let tariffs = TestSupport.path("Tariffs")
    static let good = #"{"id":"g","tariff":"oxelosund/laff","entries":[{"date":"2024-03-05","activity":"tillsyn","minutes":15}]}"#

    /// `sha256sum` of each of `lines` written to a file on its own (no newline).
    static func coreutilsDigests(_ lines: [Data]) throws -> [String] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("taxa-digest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (index, line) in lines.enumerated() {
            try line.write(to: directory.appendingPathComponent(String(format: "%06d", index)))
        }
        let output = try HostileSupport.shell(#"cd "$1" && sha256sum -- *"#, directory.path)
        let digests = output.split(separator: "\n").map { String($0.prefix(64)) }
        #expect(digests.count == lines.count, "sha256sum printed \(output)")
        return digests
    }

    /// The exact bytes of an error record: the key sits between `line` and `error`.
    @Test func keyHasAFixedPlaceInTheErrorRecord() {
        #expect(
            TestSupport.answer("[1]", number: 7)
                == #"{"id":null,"ok":false,"line":7,"input_sha256":"080a9ed428559ef602668b4c00f114f1a11c3f6b02a435f0bdc154578e4d7f22","error":{"code":"invalid_request","path":"","message":"expected a request as a JSON object, got an array"},"errors":[{"code":"invalid_request","path":"","message":"expected a request as a JSON object, got an array"}]}"#
        )
        // Successes carry no digest: they are joined by their id.
        #expect(!TestSupport.answer(Self.good).contains("input_sha256"))
    }

    /// Records with `"id": null` (invalid JSON, no id, a wrong-typed id) are matched to their
    /// lines by hashing the input file's lines — the recipe docs/contract.md gives.
    @Test func recordWithNullIDJoinsItsLine() throws {
        let lines = [
            Self.good,
            #"{"id":12,"tariff":"oxelosund/laff","entries":[]}"#,
            "not json",
            #"{"tariff":"oxelosund/laff","entries":[{"date":"2024-03-05","activity":"tillsyn","minutes":15}]}"#,
            #"{"id":"x","tariff":"oxelosund/nope","entries":[]}"#,
            "[]",
        ]
        let run = try TestSupport.runTaxa(["--tariffs", Self.tariffs], input: Data((lines.joined(separator: "\n") + "\n").utf8))
        #expect(run.status == 0)
        let records = run.stdout.split(separator: "\n").map { TestSupport.json(String($0)) }
        let digests = try Self.coreutilsDigests(lines.map { Data($0.utf8) })
        let byDigest = Dictionary(uniqueKeysWithValues: zip(digests, lines.indices))
        var joined = 0
        for record in records where record["ok"] as? Bool == false {
            let digest = try #require(record["input_sha256"] as? String)
            let index = try #require(byDigest[digest], "no input line hashes to \(digest)")
            #expect(index + 1 == record["line"] as? Int)
            if record["id"] is NSNull { joined += 1 }
        }
        #expect(joined == 4)
    }

    /// CR LF is a line ending, like LF: the digest is the same either way and never covers the
    /// CR. A BOM on line 1 is part of the line as received, so it is hashed.
    @Test(arguments: [1, 2])
    func crlfAndBOM(jobs: Int) throws {
        let input = Data([0xEF, 0xBB, 0xBF]) + Data("[1]\r\n[1]\r\n[1]\n[1]".utf8)
        let run = try TestSupport.runTaxa(["--tariffs", Self.tariffs, "--jobs", String(jobs)], input: input)
        #expect(run.status == 0)
        let digests = run.stdout.split(separator: "\n").map { TestSupport.json(String($0))["input_sha256"] as? String }
        let expected = try Self.coreutilsDigests([Data([0xEF, 0xBB, 0xBF]) + Data("[1]".utf8), Data("[1]".utf8)])
        #expect(digests == [expected[0], expected[1], expected[1], expected[1]])
    }

    /// A line too long to be read whole has `"input_sha256": null`; the key is still there.
    @Test func tooLongLineHasNullDigest() throws {
        let long = "[" + String(repeating: "1,", count: (1 << 19) + 1) + "1]"
        let run = try TestSupport.runTaxa(["--tariffs", Self.tariffs], input: Data((long + "\n[1]\n").utf8))
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix(#"{"id":null,"ok":false,"line":1,"input_sha256":null,"error":{"code":"line_too_long""#) == true)
        #expect(lines.last?.contains(#""line":2,"input_sha256":"080a9ed4"#) == true)
    }

    /// A line of (almost) the full 1 MiB that is refused is hashed over all its bytes.
    @Test func largeRefusedLineIsHashedWhole() throws {
        // Not valid JSON (no closing brace), with multi-byte UTF-8 in it.
        let line =
            Data(#"{"id":"big","x":""#.utf8) + Data(String(repeating: "é", count: 500).utf8)
            + Data(repeating: UInt8(ascii: "y"), count: (1 << 20) - 1100) + Data("\"".utf8)
        let run = try TestSupport.runTaxa(["--tariffs", Self.tariffs], input: line + Data("\r\n".utf8))
        let record = TestSupport.json(run.stdout.trimmingCharacters(in: .newlines))
        #expect((record["error"] as? [String: Any])?["code"] as? String == "invalid_json")
        #expect(record["input_sha256"] as? String == (try Self.coreutilsDigests([line])).first)
    }

    /// The streaming hasher (whole blocks straight from the buffer, the rest buffered) agrees
    /// with coreutils at every length around the block boundaries.
    @Test func hasherAgreesWithCoreutils() throws {
        var generator = SystemRandomNumberGenerator()
        let lengths = Array(0...130) + [1000, 4095, 4096, 4097, 1 << 20]
        let inputs = lengths.map { length in Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }) }
        let expected = try Self.coreutilsDigests(inputs)
        for (input, digest) in zip(inputs, expected) {
            #expect(input.withUnsafeBytes { SHA256.hex($0) } == digest, "length \(input.count)")
            // Fed in uneven pieces, partly through the byte-wise path.
            var hasher = SHA256()
            var offset = 0
            var step = 1
            while offset < input.count {
                let end = min(input.count, offset + step)
                if step % 2 == 0 { hasher.update(input[offset..<end]) } else { input[offset..<end].withUnsafeBytes { hasher.update($0) } }
                offset = end
                step = step * 3 + 1
            }
            let hex = hasher.finalize().map { String(format: "%02x", $0) }.joined()
            #expect(hex == digest, "pieces, length \(input.count)")
        }
    }
}
