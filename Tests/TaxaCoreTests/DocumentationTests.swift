import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// The README and the pages under docs/ against the code and each other: the README stays
/// short with its two set-up commands first and true, every relative link leads somewhere, and
/// the contract's error-code and limits tables state what the code does — so a page that
/// disagrees with the code fails here.
@Suite struct DocumentationTests {
    static func read(_ relative: String) throws -> String {
        try String(contentsOfFile: TestSupport.path(relative), encoding: .utf8)
    }

    /// Every Markdown page a reader reaches from the README.
    static var pages: [String] {
        let docs = (try? FileManager.default.contentsOfDirectory(atPath: TestSupport.path("docs"))) ?? []
        return ["README.md", "CHANGELOG.md", "benchmarks/README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
    }

    /// Pages the README links to that another branch writes; a link to one is not checked until
    /// it exists (remove a page from this list once it is merged).
    static let pendingPages: Set<String> = []

    @Test func readmeIsShortAndStartsWithTheTwoCommands() throws {
        let readme = try Self.read("README.md")
        #expect(readme.count < 20_000, "the README has \(readme.count) characters")
        let main = "bash .ci/setup && swift run -c release taxa --tariffs Tariffs < Fixtures/sample-requests.jsonl"
        let suite = "bash .ci/setup && swift test --disable-xctest"
        let first = try #require(readme.range(of: "## "))
        let quickStart = readme[first.lowerBound...]
        #expect(quickStart.hasPrefix("## Quick start"), "the quick start is the README's first section")
        #expect(quickStart.contains("```sh\n\(main)\n```"))
        #expect(quickStart.contains("```sh\n\(suite)\n```"))
        #expect(FileManager.default.fileExists(atPath: TestSupport.path("Fixtures/sample-requests.jsonl")))
        #expect(FileManager.default.fileExists(atPath: TestSupport.path("Tariffs")))
        // CI runs the README's test command: the last command of .ci/run, after its set-up.
        let ci = try Self.read(".ci/run").split(separator: "\n").filter { !$0.isEmpty && !$0.hasPrefix("#") }
        #expect(ci.contains("bash .ci/setup"))
        #expect(ci.last.map { String($0) } == String(suite.dropFirst("bash .ci/setup && ".count)))
    }

    /// GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens.
    static func anchor(_ heading: String) -> String {
        String(
            heading.lowercased().unicodeScalars.compactMap { scalar -> Character? in
                if scalar == " " { return "-" }
                if scalar == "-" || scalar == "_" || CharacterSet.alphanumerics.contains(scalar) { return Character(scalar) }
                return nil
            })
    }

    static func anchors(_ text: String) -> Set<String> {
        var inCode = false
        var found: Set<String> = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inCode.toggle() }
            guard !inCode, line.hasPrefix("#"), let space = line.firstIndex(of: " ") else { continue }
            found.insert(anchor(String(line[line.index(after: space)...])))
        }
        return found
    }

    @Test func everyRelativeLinkResolves() throws {
        let links = try Regex(#"\]\(([^)\s]+)\)"#)
        var checked = 0
        for page in Self.pages {
            let text = try Self.read(page)
            let folder = (page as NSString).deletingLastPathComponent
            for match in text.matches(of: links) {
                let target = String(match.output[1].substring ?? "")
                if target.contains("://") || target.hasPrefix("mailto:") { continue }
                let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let file =
                    parts[0].isEmpty
                    ? page : ((folder as NSString).appendingPathComponent(String(parts[0])) as NSString).standardizingPath
                if Self.pendingPages.contains(file) { continue }
                var isFolder: ObjCBool = false
                #expect(
                    FileManager.default.fileExists(atPath: TestSupport.path(file), isDirectory: &isFolder),
                    "\(page): the link \(target) leads to no file")
                if parts.count == 2, !isFolder.boolValue, file.hasSuffix(".md") {
                    let anchors = Self.anchors(try Self.read(file))
                    #expect(anchors.contains(String(parts[1])), "\(page): the link \(target) names no heading of \(file)")
                }
                checked += 1
            }
        }
        #expect(checked > 50)
    }

    /// The rows of the Markdown table that follows `header`, as (first cell, the whole row).
    static func table(after header: String, in text: String) throws -> [(String, String)] {
        let start = try #require(text.range(of: header))
        var rows: [(String, String)] = []
        for line in text[start.upperBound...].split(separator: "\n").dropFirst() {
            guard line.hasPrefix("|") else { break }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            rows.append((cells[0], String(line)))
        }
        return rows
    }

    @Test func errorCodeTableListsExactlyTheCodes() throws {
        let rows = try Self.table(after: "| code | when |", in: try Self.read("docs/contract.md"))
        let documented = rows.map { $0.0.trimmingCharacters(in: CharacterSet(charactersIn: "`")) }
        #expect(Set(documented).count == documented.count, "a code listed twice: \(documented)")
        #expect(Set(documented) == Set(ErrorCode.allCases.map(\.rawValue)))
    }

    /// A count written the Swedish way, as the table writes it (`10 000`).
    static func grouped(_ value: Int64) -> String {
        let digits = String(value)
        var out = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { out += " " }
            out.append(digit)
        }
        return out
    }

    @Test func limitsTableStatesTheConstants() throws {
        let rows = try Self.table(after: "| what | limit |", in: try Self.read("docs/contract.md"))
        let numbers = try Regex(#"\d{1,3}(?: \d{3})*"#)
        func numbersIn(_ label: String) throws -> Set<String> {
            let row = try #require(rows.first { $0.0.hasPrefix(label) }, "no row \(label)").1
            return Set(row.matches(of: numbers).map { String(row[$0.range]) })
        }
        let expected: [(String, [Int64])] = [
            ("a request line", [Int64(Limits.lineBytes)]),
            ("a tariff or index file", [Int64(Limits.fileBytes)]),
            ("JSON nesting", [Int64(Limits.jsonDepth)]),
            ("items, entries", [Int64(Limits.items), Int64(Limits.entries), Limits.entryMinutes]),
            ("months, groups", [Int64(Limits.months), Int64(Limits.groups), Limits.groupCount]),
            ("fees, activities", [Int64(Limits.fees), Int64(Limits.activities)]),
            ("inputs per fee", [Int64(Limits.inputs), Int64(Limits.choiceValues)]),
            ("blocks per pipeline", [Int64(Limits.blocks), Int64(Limits.pipelineDepth), Int64(Limits.bands), Int64(Limits.cases)]),
            (
                "tiers, tables, definitions",
                [
                    Int64(Limits.tiers), Int64(Limits.tableKeys), Int64(Limits.tableRows), Int64(Limits.tableCells),
                    Int64(Limits.definitions), Int64(Limits.raises), Int64(Limits.factorTerms),
                ]
            ),
            ("caps, examples, notes", [Int64(Limits.caps), Int64(Limits.examples), Int64(Limits.notes)]),
            (
                "names",
                [
                    Int64(Limits.identifier), Int64(Limits.choiceValue), Int64(Limits.groupName), Int64(Limits.activityKey),
                    Int64(Limits.tariffID), Int64(Limits.seriesID), Int64(Limits.requestID),
                ]
            ),
            ("texts", [Int64(Limits.officer), Int64(Limits.note), Int64(Limits.decisionReference)]),
            ("integer inputs", [Limits.integerInput]),
            ("decimal inputs", [Int64(Limits.decimalInputScale)]),
            ("percentages and factors", [Limits.factor, Int64(Limits.factorScale), Limits.multiplyFactor]),
            ("decimal strings", [Int64(Limits.decimalLength)]),
        ]
        for (label, values) in expected {
            let stated = try numbersIn(label)
            for value in values {
                #expect(stated.contains(Self.grouped(value)), "the limits row \"\(label)\" does not state \(Self.grouped(value)): \(stated)")
            }
        }
        // 10¹² is written as a power.
        #expect(Limits.decimalInput == 1_000_000_000_000)
        #expect(rows.first { $0.0.hasPrefix("decimal inputs") }?.1.contains("10¹²") == true)
        #expect(rows.count == expected.count + 1, "a row of the table is not checked here")
    }
}
