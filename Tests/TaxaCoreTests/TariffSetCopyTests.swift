import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// `taxa --jobs N` gives each worker its own copy of the tariff set, read again from the same
/// files; a copy is only used when every file read has the same bytes as for the first set.
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

    @Test func aFileChangedSinceTheFirstReadingGivesNoCopy() throws {
        let root = try TestSupport.copyOfTariffs()
        defer { try? FileManager.default.removeItem(at: root) }
        let set = try #require(TariffLoader.load(root: root.path).tariffSet)
        // The office saves an edit (still valid) between the two readings.
        let file = root.appendingPathComponent("indices/pkv.json")
        var text = try String(contentsOf: file, encoding: .utf8)
        text += "\n"
        try text.write(to: file, atomically: true, encoding: .utf8)
        #expect(TariffLoader.load(root: root.path).tariffSet != nil)
        #expect(set.copy() == nil)
    }

    @Test func aSetNotReadFromFilesHasNoCopy() {
        let set = TariffSet(root: "/nonexistent", tariffs: [:], indices: [:])
        #expect(set.copy() == nil)
    }
}
