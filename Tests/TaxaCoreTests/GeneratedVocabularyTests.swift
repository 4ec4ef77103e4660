import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// The vocabulary has one source, the blocks' declarations: the committed schema and docs are
/// what `generate-vocabulary` writes from them, every example they show is read by the parser
/// that obeys them, and a key they do not declare is refused.
@Suite struct GeneratedVocabularyTests {
    static let run = "run `swift run generate-vocabulary` and commit the files it writes"

    @Test func theCommittedSchemaIsGenerated() throws {
        let committed = try String(contentsOfFile: TestSupport.path(BlockVocabulary.schemaPath), encoding: .utf8)
        #expect(try BlockVocabulary.schema(committed) == committed, "\(BlockVocabulary.schemaPath) differs from the blocks' declarations: \(Self.run)")
    }

    @Test func theCommittedDocsAreGenerated() throws {
        let committed = try String(contentsOfFile: TestSupport.path(BlockVocabulary.docsPath), encoding: .utf8)
        #expect(try BlockVocabulary.docs(committed) == committed, "\(BlockVocabulary.docsPath) differs from the blocks' declarations: \(Self.run)")
    }

    /// A fee for each example, declaring the inputs the examples name; `prefixed`: the fees whose
    /// example adjusts an amount, which a fixed amount comes before.
    static func version(prefixed: Set<String>) -> (body: String, fees: [String: String]) {
        let inputs = #"""
            "inputs":{"omsattning":{"type":"decimal","scale":2,"min":"0","max":"100000.00"},"barn":{"type":"integer","min":1,"max":5},
            "karl":{"type":"choice","values":["140","190","370"]},"tomning":{"type":"choice","values":["varje_vecka","varannan_vecka"]},
            "area":{"type":"decimal","scale":1,"min":"0","max":"10000"},"arende":{"type":"choice","values":["nybyggnad","tillbyggnad","fasadandring"]},
            "n":{"type":"decimal","scale":2,"min":"0","max":"10"},"sidor":{"type":"integer","min":1,"max":1000}},
            "quantity":{"input":"sidor","unit":"sidor","scope":"item"}
            """#
        var fees: [String] = []
        var examples: [String: String] = [:]
        for block in BlockRegistry.blocks {
            for (index, example) in block.declaration.examples.enumerated() {
                let key = "\(block.key)_\(index)"
                examples[key] = example
                let price = prefixed.contains(key) ? #"[{"fixed":"100.00"},\#(example)]"# : "[\(example)]"
                fees.append(#""\#(key)":{"name":"n","text":"t",\#(inputs),"price":\#(price)}"#)
            }
        }
        let definitions = #""definitions":{"andel_vatten":{"pipeline":[{"share":"0.30"}]},"objektfaktor":{"factor":"1.5"}}"#
        return (definitions + #","fees":{"# + fees.joined(separator: ",") + "}", examples)
    }

    @Test func everyExampleIsReadByItsBlock() throws {
        // Blocks that set an amount stand alone; the others after a fixed amount.
        // (A file's load may stop at its first refused fee: retried until none is refused alone.)
        var adjusting: Set<String> = []
        for _ in 0..<BlockRegistry.blocks.count * 4 {
            let refused = try FeeFixture.errors(Self.version(prefixed: adjusting).body)
            let more = Self.version(prefixed: []).fees.keys.filter { key in !adjusting.contains(key) && refused.contains { $0.contains("fees.\(key).") } }
            if more.isEmpty { break }
            adjusting.formUnion(more)
        }
        let (body, examples) = Self.version(prefixed: adjusting)
        #expect(examples.count >= BlockRegistry.blocks.count)
        let errors = try FeeFixture.errors(body)
        #expect(errors == [], "\(errors)")
        for block in BlockRegistry.blocks {
            #expect(!block.declaration.examples.isEmpty, "\(block.key) declares no example")
        }
    }

    @Test func aKeyTheDeclarationDoesNotHaveIsRefused() throws {
        for block in BlockRegistry.blocks {
            let declared: ObjectShape?
            switch block.declaration.value {
            case .object(let shape): declared = shape
            case .table: declared = GridParser.table
            case .factor: declared = FactorParser.named
            default: declared = nil
            }
            // The first example of the object form.
            guard let shape = declared, let example = block.declaration.examples.first(where: { $0.contains("{ \"\(block.key)\": {") }) else { continue }
            // The example with one more key inside the block's object, after an amount (the key is
            // refused before the amount is found replaced).
            let open = try #require(example.range(of: "{ \"\(block.key)\": {"))
            let extra = example.replacingCharacters(in: open, with: "{ \"\(block.key)\": { \"undeclared\": 1,")
            let fee =
                #""fees":{"f":{"name":"n","text":"t","inputs":{"omsattning":{"type":"decimal","scale":2,"min":"0","max":"100000.00"},"barn":{"type":"integer","min":1,"max":5},"sidor":{"type":"integer","min":1,"max":1000}},"quantity":{"input":"sidor","unit":"sidor","scope":"item"},"price":[{"fixed":"1.00"},\#(extra)]}}"#
            let errors = try FeeFixture.errors(fee)
            let expected = "unknown key \"undeclared\"; expected only: \(shape.names.joined(separator: ", "))"
            #expect(errors.count == 1 && errors[0].hasSuffix("fees.f.price[1].\(block.key).undeclared: \(expected)"), "\(block.key): \(errors)")
        }
    }
}
