import Foundation
import TaxaEngine

// Rewrites the generated parts of schemas/tariff-version.schema.json (the block definitions)
// and docs/rule-vocabulary.md (the block reference) from the blocks' declarations.
//
//     swift run generate-vocabulary [--check] [PACKAGE_ROOT]
//
// `--check` writes nothing and exits 1 when a committed file differs from what it would write.
let arguments = CommandLine.arguments.dropFirst()
let check = arguments.contains("--check")
let root = arguments.first { $0 != "--check" } ?? FileManager.default.currentDirectoryPath
let parts: [(path: String, generate: (String) throws -> String)] = [
    (BlockVocabulary.schemaPath, BlockVocabulary.schema), (BlockVocabulary.docsPath, BlockVocabulary.docs),
]
var stale = false
for part in parts {
    let url = URL(fileURLWithPath: root).appendingPathComponent(part.path)
    do {
        let committed = try String(contentsOf: url, encoding: .utf8)
        let generated = try part.generate(committed)
        if generated == committed {
            print("\(part.path): up to date")
        } else if check {
            print("\(part.path): differs from the blocks' declarations; run swift run generate-vocabulary")
            stale = true
        } else {
            try generated.write(to: url, atomically: true, encoding: .utf8)
            print("\(part.path): written")
        }
    } catch {
        FileHandle.standardError.write(Data("generate-vocabulary: \(part.path): \(error)\n".utf8))
        exit(2)
    }
}
exit(stale ? 1 : 0)
