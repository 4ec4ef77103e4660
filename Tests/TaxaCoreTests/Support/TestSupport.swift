import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// Paths and helpers shared by the tests: the package root, the built `taxa`, tariff roots.
enum TestSupport {
    /// The package root, found from this file's location.
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("no Package.swift above \(#filePath)")
    }()

    static func path(_ relative: String) -> String { packageRoot.appendingPathComponent(relative).path }

    /// A fresh copy of the shipped `Tariffs/` to edit, in the temporary directory.
    static func copyOfTariffs() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("taxa-tariffs-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: path("Tariffs")), to: root)
        return root
    }

    /// The `taxa` executable built with the tests (it sits beside the test bundle), or `$TAXA_BIN`.
    static let taxaBinary: String = {
        if let override = ProcessInfo.processInfo.environment["TAXA_BIN"] { return override }
        var candidates: [URL] = []
        let argument0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = argument0.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(directory.appendingPathComponent("taxa"))
            directory.deleteLastPathComponent()
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/taxa"))
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate.path
        }
        fatalError("cannot find the taxa executable; build it (swift build) or set TAXA_BIN")
    }()

    /// One root holding the shipped `Tariffs/`, the reference tariffs of
    /// `Fixtures/reference-tariffs/` (both carry the same `indices/pbb.json`) and the vocabulary's
    /// test tariff (`Fixtures/vocabulary-tariffs/`), made once per run:
    /// every request form against one set, as a shared service would run.
    static let mergedRoot: String = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("taxa-merged-\(getpid())")
        try? FileManager.default.removeItem(at: root)
        try! FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Tariffs"), to: root)
        // The reference tariffs and the test tariff of the rule vocabulary (`prov/vokabular`).
        for folder in ["Fixtures/reference-tariffs", "Fixtures/vocabulary-tariffs"] {
            let reference = packageRoot.appendingPathComponent(folder)
            for name in try! FileManager.default.contentsOfDirectory(atPath: reference.path).sorted()
            where name != "indices" && name != "README.md" {
                try! FileManager.default.copyItem(at: reference.appendingPathComponent(name), to: root.appendingPathComponent(name))
            }
        }
        return root.path
    }()

    /// The shipped tariff set, loaded and validated.
    static let shippedTariffs: TariffSet = {
        let report = TariffLoader.load(root: path("Tariffs"))
        guard let set = report.tariffSet else { fatalError("shipped Tariffs/ invalid: \(report.errors)") }
        return set
    }()

    /// A copy of `Tariffs/` whose PKV file is replaced by the labelled example values in
    /// `Fixtures/indices/pkv-example.json` (made once per test run).
    static let exampleRoot: String = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("taxa-example-\(getpid())")
        try? FileManager.default.removeItem(at: root)
        try! FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Tariffs"), to: root)
        let pkv = root.appendingPathComponent("indices/pkv.json")
        try! FileManager.default.removeItem(at: pkv)
        try! FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Fixtures/indices/pkv-example.json"), to: pkv)
        return root.path
    }()

    static let exampleTariffs: TariffSet = {
        let report = TariffLoader.load(root: exampleRoot)
        guard let set = report.tariffSet else { fatalError("example tariff root invalid: \(report.errors)") }
        return set
    }()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the built `taxa` with `arguments`, feeding `input` on stdin.
    static func runTaxa(_ arguments: [String], input: Data = Data(), environment: [String: String]? = nil) throws -> Run {
        // taxa may exit before reading its input: the write below then fails with EPIPE, which
        // must not end the test process with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: taxaBinary)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let writer = Thread {
            // taxa may exit without reading its input (an invalid tariff root): a broken pipe
            // here is expected, and `write(_:)` would trap on it.
            try? stdin.fileHandleForWriting.write(contentsOf: input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errorOutput = ErrorCollector()
        let reader = Thread {
            errorOutput.data = stderr.fileHandleForReading.readDataToEndOfFile(); errorOutput.done.signal()
        }
        reader.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        errorOutput.done.wait()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
            stderr: String(decoding: errorOutput.data, as: UTF8.self))
    }

    final class ErrorCollector: @unchecked Sendable {
        var data = Data()
        let done = DispatchSemaphore(value: 0)
    }

    /// Prices one request line in-process and returns the result line (without newline).
    static func answer(_ line: String, tariffs: TariffSet = shippedTariffs, number: Int = 1) -> String {
        var writer = JSONWriter()
        let processor = RequestProcessor(tariffs: tariffs)
        var bytes = Array(line.utf8)
        bytes.withUnsafeMutableBytes { processor.process(UnsafeRawBufferPointer($0), line: number, into: &writer) }
        var out: [UInt8] = []
        writer.flushLine(into: &out)
        return String(decoding: out.dropLast(), as: UTF8.self)
    }

    /// Parses a result line into a Foundation dictionary for field assertions.
    static func json(_ line: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
    }
}
