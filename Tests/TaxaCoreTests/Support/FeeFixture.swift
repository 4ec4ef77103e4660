import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// Small `fees` tariffs written to a temporary tariff root (with the reference prisbasbelopp and
/// the labelled example PKV values), so a test states the rules it prices with next to its
/// expected amounts.
enum FeeFixture {
    /// A version file of the `fees` kind; `body` holds its own members (`"fees": {…}`, caps, …).
    static func version(_ body: String, id: String = "t/a", validFrom: String = "2024-01-01", decided: String? = nil) -> String {
        #"{"tariff":"\#(id)","title":"Test","kind":"fees","valid_from":"\#(validFrom)","decided":"\#(decided ?? validFrom)","decision":{"body":"Test","reference":"Test"},"currency":"SEK",\#(body)}"#
    }

    /// A new temporary root holding `indices/pbb.json` (the reference prisbasbelopp 2017–2026),
    /// `indices/pkv.json` (example PKV: 2.9 % for 2025, 3.1 % for 2026) and `files`
    /// (path under the root → text).
    static func root(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("taxa-fees-\(UUID().uuidString)")
        let indices = root.appendingPathComponent("indices")
        try FileManager.default.createDirectory(at: indices, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: TestSupport.path("Fixtures/reference-tariffs/indices/pbb.json"),
            toPath: indices.appendingPathComponent("pbb.json").path)
        try FileManager.default.copyItem(
            atPath: TestSupport.path("Fixtures/indices/pkv-example.json"),
            toPath: indices.appendingPathComponent("pkv.json").path)
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }

    /// Loads `files` as a tariff root (the root is removed afterwards: a loaded set never reads
    /// its files again).
    static func load(_ files: [String: String]) throws -> LoadReport {
        let root = try root(files)
        defer { try? FileManager.default.removeItem(at: root) }
        return TariffLoader.load(root: root.path)
    }

    /// The loaded set, or a failed test naming the load errors.
    static func tariffs(_ files: [String: String]) throws -> TariffSet {
        let report = try load(files)
        let set = report.tariffSet
        #expect(set != nil, "load errors: \(report.errors.map(\.description))")
        return try #require(set)
    }

    /// One tariff `t/a` with one version from 2024-01-01 holding `body`.
    static func tariffs(_ body: String) throws -> TariffSet {
        try tariffs(["t/a/2024-01-01.json": version(body)])
    }

    /// The `FILE: PATH: message` lines `taxa check` prints for `files` (errors only).
    static func errors(_ files: [String: String]) throws -> [String] {
        try load(files).errors.map(\.description)
    }

    /// The errors of one tariff `t/a` with one version from 2024-01-01 holding `body`.
    static func errors(_ body: String) throws -> [String] {
        try errors(["t/a/2024-01-01.json": version(body)])
    }

    /// Prices `{"id":"t","tariff":TARIFF,"items":ITEMS,EXTRA}` in-process and returns the result.
    static func price(_ set: TariffSet, _ items: String, tariff: String = "t/a", extra: String = "") -> Result {
        Result(TestSupport.answer(#"{"id":"t","tariff":"\#(tariff)","items":\#(items)\#(extra.isEmpty ? "" : "," + extra)}"#, tariffs: set))
    }

    /// A result line and the fields tests look at.
    struct Result: CustomStringConvertible {
        let line: String
        let object: [String: Any]

        init(_ line: String) {
            self.line = line
            object = TestSupport.json(line)
        }

        var description: String { line }
        var ok: Bool { object["ok"] as? Bool == true }
        var total: String? { object["total"] as? String }
        var subtotal: String? { object["subtotal"] as? String }
        var lines: [[String: Any]] { object["lines"] as? [[String: Any]] ?? [] }
        var feeLines: [[String: Any]] { lines.filter { $0["kind"] as? String == "fee" } }
        var capLines: [[String: Any]] { lines.filter { $0["kind"] as? String == "cap" } }
        /// Every line's amount, fee lines then cap lines, as the result lists them.
        var amounts: [String] { lines.map { $0["amount"] as? String ?? "?" } }
        var periods: [String] { lines.map { $0["period"] as? String ?? "" } }
        var billed: [String] { feeLines.map { ($0["quantity"] as? [String: Any])?["billed"] as? String ?? "" } }
        var sums: [String] { feeLines.map { ($0["quantity"] as? [String: Any])?["sum"] as? String ?? "" } }
        var versions: [String] { object["versions"] as? [String] ?? [] }
        var vat: [String: Any]? { object["vat"] as? [String: Any] }
        var adjustment: [String: Any]? { object["adjustment"] as? [String: Any] }
        var error: [String: Any] { object["error"] as? [String: Any] ?? [:] }
        /// `code @ path: message` of an error result.
        var errorText: String {
            "\(error["code"] as? String ?? "?") @ \(error["path"] as? String ?? "?"): \(error["message"] as? String ?? "?")"
        }
    }
}
