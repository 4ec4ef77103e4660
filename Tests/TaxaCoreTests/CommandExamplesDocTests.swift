import Foundation
import Testing

@testable import TaxaBase

extension DocumentationTests {
    /// The sections of docs/commands.md whose first code block is run here, line by line.
    static let runnableSections = ["## Exit status", "### Mistakes `taxa index add` catches"]

    /// Each `$ taxa …` line of those blocks, run on a fresh copy of `Tariffs/` with
    /// `TAXA_TODAY=2026-12-05`, prints the lines the page shows under it (in order, among its
    /// stdout and then stderr lines) and exits as the page says: `exit N` when it says so,
    /// else 64 for an `Error:` (a usage error, shown without its usage) and 0 otherwise.
    @Test func commandExamplesPrintWhatThePageShows() throws {
        let page = try Self.read("docs/commands.md")
        var examples = 0
        for heading in Self.runnableSections {
            let start = try #require(page.range(of: "\n" + heading + "\n"), "no section \(heading)")
            let rest = page[start.upperBound...]
            let open = try #require(rest.range(of: "```\n"))
            let close = try #require(rest[open.upperBound...].range(of: "\n```"))
            let root = try TestSupport.copyOfTariffs()
            defer { try? FileManager.default.removeItem(at: root) }
            var blocks: [(command: String, output: [String])] = []
            for line in rest[open.upperBound..<close.lowerBound].split(separator: "\n").map(String.init) {
                if line.hasPrefix("$ ") {
                    blocks.append((String(line.dropFirst(2)), []))
                } else {
                    try #require(!blocks.isEmpty, "output before a command: \(line)")
                    blocks[blocks.count - 1].output.append(line)
                }
            }
            for (command, output) in blocks {
                var environment = ["TAXA_TODAY": "2026-12-05"]
                var words = Self.shellWords(command)
                while let first = words.first, let equals = first.firstIndex(of: "="), first != "taxa" {
                    environment[String(first[..<equals])] = String(first[first.index(after: equals)...])
                    words.removeFirst()
                }
                try #require(words.first == "taxa", "not a taxa command: \(command)")
                var shown = output
                var status: Int32 = shown.first?.hasPrefix("Error: ") == true ? 64 : 0
                if let last = shown.last, last.hasPrefix("exit "), let stated = Int32(last.dropFirst(5)) {
                    status = stated
                    shown.removeLast()
                }
                let run = try TestSupport.runTaxa(Array(words.dropFirst()) + ["--tariffs", root.path], environment: environment)
                #expect(run.status == status, "\(command): exit \(run.status)\n\(run.stderr)")
                var printed = (run.stdout + run.stderr).split(separator: "\n").map(String.init)[...]
                for line in shown {
                    guard let at = printed.firstIndex(of: line) else {
                        Issue.record("\(command): does not print, in this order, \(line)\nstdout: \(run.stdout)\nstderr: \(run.stderr)")
                        break
                    }
                    printed = printed[(at + 1)...]
                }
                examples += 1
            }
        }
        #expect(examples >= 12)
    }

    /// A command line split as a shell splits it, for the quoting the pages use ("…").
    static func shellWords(_ line: String) -> [String] {
        var words: [String] = []
        var word = ""
        var quoted = false
        var started = false
        for character in line {
            if character == "\"" {
                quoted.toggle()
                started = true
            } else if character == " " && !quoted {
                if started { words.append(word) }
                word = ""
                started = false
            } else {
                word.append(character)
                started = true
            }
        }
        if started { words.append(word) }
        return words
    }
}
