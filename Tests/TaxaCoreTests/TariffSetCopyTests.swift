import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// `taxa --jobs N` gives each worker its own copy of the tariff set, parsed again from the bytes
/// the first load read: the disk is read once, and every worker prices with the same files.
@Suite struct TariffSetCopyTests {
    @Test func aCopyIsReadFromTheSameBytes() throws {
        let root = try TestSupport.copyOfTariffs()
        defer { try? FileManager.default.removeItem(at: root) }
        let set = try #require(TariffLoader.load(root: root.path).tariffSet)
        // Every version file and every index file is in the fingerprint.
        #expect(set.fileDigests["oxelosund/laff/2024-02-01.json"]?.hasPrefix("sha256:") == true)
        #expect(set.fileDigests["indices/pkv.json"]?.hasPrefix("sha256:") == true)
        #expect(set.fileDigests.count == set.tariffs.values.reduce(0) { $0 + $1.versions.count } + set.indices.count)
        let copy = try #require(set.copy())
        #expect(copy !== set)
        #expect(copy.fileDigests == set.fileDigests)
        #expect(copy.tariffs.keys.sorted() == set.tariffs.keys.sorted())
    }

    @Test func aCopyIsTheSetAsLoadedEvenWhenTheFilesChangedOrWentAway() throws {
        let root = try TestSupport.copyOfTariffs()
        defer { try? FileManager.default.removeItem(at: root) }
        let set = try #require(TariffLoader.load(root: root.path).tariffSet)
        // The office saves an edit (still valid) after the load, then the whole root goes away.
        let file = root.appendingPathComponent("indices/pkv.json")
        var text = try String(contentsOf: file, encoding: .utf8)
        text += "\n"
        try text.write(to: file, atomically: true, encoding: .utf8)
        #expect(TariffLoader.load(root: root.path).tariffSet?.fileDigests != set.fileDigests)
        try FileManager.default.removeItem(at: root)
        let copy = try #require(set.copy())
        #expect(copy.fileDigests == set.fileDigests)
        let line = #"{"id":"1","tariff":"oxelosund/laff","entries":[{"date":"2024-03-05","activity":"tillsyn","minutes":50}]}"#
        #expect(TestSupport.answer(line, tariffs: copy) == TestSupport.answer(line, tariffs: set))
        #expect(TestSupport.answer(line, tariffs: copy).contains(#""ok":true"#))
    }

    @Test func aSetNotReadFromFilesHasNoCopy() {
        let set = TariffSet(root: "/nonexistent", tariffs: [:], indices: [:])
        #expect(set.copy() == nil)
    }
}
