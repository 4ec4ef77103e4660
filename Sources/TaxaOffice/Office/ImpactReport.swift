import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaService

/// The summary of `taxa impact` for a council's *konsekvensbeskrivning*, in Swedish: how many
/// requests were read and priced, which fail on one side and why, the totals before and after
/// per tariff and per fee, the spread of the changes and the largest increases. As Markdown,
/// or as a self-contained HTML page with a histogram of the changes. Every figure is exact
/// and the tables add up: a tariff's fees (with a row for what the lines do not account for)
/// sum to the tariff's total, the tariffs to the grand total.
package enum ImpactReport {
    /// Names the tariffs and fees: the proposal's names, else those in force, else the key.
    package struct Names {
        let before: TariffSet
        let after: TariffSet

        package init(before: TariffSet, after: TariffSet) {
            self.before = before
            self.after = after
        }

        func tariff(_ id: String) -> String {
            (after.tariffs[id] ?? before.tariffs[id])?.versions.last?.title ?? id
        }

        func fee(_ key: String, of tariff: String) -> String {
            if key.isEmpty { return "övrigt: skillnad mot summan (nedsättning, eftergift, moms som läggs till, avrundning av summan)" }
            for set in [after, before] {
                guard let version = set.tariffs[tariff]?.versions.last else { continue }
                if let name = FormRegistry.form(version.rules.kind).partName(key, version) { return name }
            }
            return key
        }
    }

    /// One table: a caption, headers (the first column's cells head their rows), rows.
    struct Table {
        var caption: String
        var headers: [String]
        /// Whether each column holds figures (right-aligned).
        var numeric: [Bool]
        var rows: [[String]]
    }

    struct Section {
        var title: String
        var paragraphs: [String] = []
        var tables: [Table] = []
    }

    static func sections(_ summary: ImpactSummary, names: Names, roots: (before: String, after: String)) -> [Section] {
        var sections: [Section] = []
        var read = Section(title: "Förfrågningar")
        read.paragraphs.append(
            "Varje förfrågan är prissatt två gånger, så som tjänsten prissätter den: med taxorna i \(roots.before) (före) och med förslaget i \(roots.after) (efter)."
        )
        read.tables.append(
            Table(
                caption: "Förfrågningar", headers: ["", "Antal"], numeric: [false, true],
                rows: [
                    ["lästa", ImpactText.count(summary.read)],
                    ["prissatta både före och efter", ImpactText.count(summary.pricedBoth)],
                    ["prissatta före, fel efter", ImpactText.count(summary.failingAfter.values.reduce(0, +))],
                    ["fel före, prissatta efter", ImpactText.count(summary.failingBefore.values.reduce(0, +))],
                    ["fel både före och efter", ImpactText.count(summary.failingBoth.values.reduce(0, +))],
                ]))
        var failures: [[String]] = []
        for (side, counts) in [("fel bara efter", summary.failingAfter), ("fel bara före", summary.failingBefore), ("fel före och efter", summary.failingBoth)]
        {
            for code in counts.keys.sorted() { failures.append([side, code, ImpactText.count(counts[code]!)]) }
        }
        if !failures.isEmpty {
            read.tables.append(Table(caption: "Fel per felkod", headers: ["När", "Felkod", "Antal"], numeric: [false, false, true], rows: failures))
        }
        sections.append(read)

        var totals = Section(title: "Summa")
        totals.paragraphs.append("Över de \(ImpactText.count(summary.pricedBoth)) förfrågningar som prissätts både före och efter.")
        totals.tables.append(
            Table(
                caption: "Summa", headers: ["", "Belopp"], numeric: [false, true],
                rows: [
                    ["före", ImpactText.kronor(summary.total.before)],
                    ["efter", ImpactText.kronor(summary.total.after)],
                    ["förändring", ImpactText.kronor(summary.total.change)],
                    ["förändring i procent", percent(summary.total)],
                ]))
        sections.append(totals)

        var perTariff = Section(title: "Per taxa")
        var tariffRows: [[String]] = []
        for id in summary.tariffs.keys.sorted() {
            let totals = summary.tariffs[id]!
            tariffRows.append([
                "\(names.tariff(id)) (\(id))", ImpactText.count(totals.requests), ImpactText.kronor(totals.before), ImpactText.kronor(totals.after),
                ImpactText.kronor(totals.change), percent(totals),
            ])
        }
        tariffRows.append([
            "summa", ImpactText.count(summary.total.requests), ImpactText.kronor(summary.total.before), ImpactText.kronor(summary.total.after),
            ImpactText.kronor(summary.total.change), percent(summary.total),
        ])
        perTariff.tables.append(
            Table(
                caption: "Per taxa", headers: ["Taxa", "Förfrågningar", "Före", "Efter", "Förändring", "Procent"],
                numeric: [false, true, true, true, true, true], rows: tariffRows))
        sections.append(perTariff)

        var perFee = Section(title: "Per avgift")
        for id in summary.fees.keys.sorted() {
            var rows: [[String]] = []
            var sum = ImpactSummary.Totals()
            for (key, totals) in summary.fees[id]! {
                sum.before += totals.before
                sum.after += totals.after
                rows.append([
                    names.fee(key, of: id), ImpactText.kronor(totals.before), ImpactText.kronor(totals.after), ImpactText.kronor(totals.change),
                    percent(totals),
                ])
            }
            rows.append(["summa", ImpactText.kronor(sum.before), ImpactText.kronor(sum.after), ImpactText.kronor(sum.change), percent(sum)])
            perFee.tables.append(
                Table(
                    caption: "\(names.tariff(id)) (\(id))", headers: ["Avgift", "Före", "Efter", "Förändring", "Procent"],
                    numeric: [false, true, true, true, true], rows: rows))
        }
        sections.append(perFee)

        var spread = Section(title: "Förändring per förfrågan")
        if let (smallest, median, largest) = summary.smallestMedianLargest {
            spread.tables.append(
                Table(
                    caption: "Förändring per förfrågan", headers: ["", "Förändring"], numeric: [false, true],
                    rows: [["minsta", SwedishText.kronor(smallest)], ["median", SwedishText.kronor(median)], ["största", SwedishText.kronor(largest)]]))
            let unchanged = summary.changes[0] ?? 0
            let raised = summary.changes.filter { $0.key > 0 }.values.reduce(0, +)
            spread.paragraphs.append(
                "\(ImpactText.count(raised)) \(raised == 1 ? "förfrågan" : "förfrågningar") blir dyrare, \(ImpactText.count(summary.pricedBoth - raised - unchanged)) billigare och \(ImpactText.count(unchanged)) kostar lika mycket."
            )
        } else {
            spread.paragraphs.append("Ingen förfrågan prissätts både före och efter.")
        }
        sections.append(spread)

        var largest = Section(title: "De största höjningarna")
        if summary.increases.isEmpty {
            largest.paragraphs.append("Ingen förfrågan blir dyrare.")
        } else {
            largest.tables.append(
                Table(
                    caption: summary.increases.count == 1 ? "Den största höjningen" : "De \(summary.increases.count) största höjningarna",
                    headers: ["Id", "Taxa", "Före", "Efter", "Förändring", "Rad"],
                    numeric: [false, false, true, true, true, true],
                    rows: summary.increases.map { increase in
                        [
                            increase.id ?? "(utan id)", increase.tariff, increase.before.swedish, increase.after.swedish, ImpactText.kronor(increase.change),
                            ImpactText.count(increase.line),
                        ]
                    }))
        }
        sections.append(largest)
        return sections
    }

    private static func percent(_ totals: ImpactSummary.Totals) -> String {
        guard let percent = ImpactText.percent(totals.change, of: totals.before) else { return "–" }
        return SwedishText.percent(percent)
    }

    // MARK: Markdown

    package static func markdown(_ summary: ImpactSummary, names: Names, roots: (before: String, after: String)) -> String {
        var out = "# Konsekvenser av förslaget\n"
        for section in sections(summary, names: names, roots: roots) {
            out += "\n## \(section.title)\n"
            for paragraph in section.paragraphs { out += "\n\(markdownEscape(paragraph))\n" }
            for table in section.tables {
                if table.caption != section.title { out += "\n**\(markdownEscape(table.caption))**\n" }
                out += "\n| " + table.headers.map(markdownEscape).joined(separator: " | ") + " |\n|"
                for numeric in table.numeric { out += numeric ? " ---: |" : " --- |" }
                out += "\n"
                for row in table.rows { out += "| " + row.map(markdownEscape).joined(separator: " | ") + " |\n" }
            }
        }
        return out
    }

    /// Text from requests and tariffs shown as it is: every character Markdown would read as
    /// markup is escaped, and a line break cannot end a table row.
    static func markdownEscape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "&": out += "\\" + String(character)
            case "\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return out
    }

    // MARK: HTML

    package static func html(_ summary: ImpactSummary, names: Names, roots: (before: String, after: String)) -> String {
        var body = "<header class=\"site\"><div class=\"wrap\">\n<h1>Konsekvenser av förslaget</h1>\n"
        body +=
            "<p class=\"lead\">\(ImpactText.count(summary.read)) förfrågningar prissatta med taxorna i kraft och med förslaget.</p>\n</div></header>\n<main class=\"wrap\">\n"
        for section in sections(summary, names: names, roots: roots) {
            body += "<section>\n<h2>\(HTMLText.escape(section.title))</h2>\n"
            for paragraph in section.paragraphs { body += "<p>\(HTMLText.escape(paragraph))</p>\n" }
            for table in section.tables {
                body += "<table>\n<caption>\(HTMLText.escape(table.caption))</caption>\n<thead><tr>"
                for (index, header) in table.headers.enumerated() {
                    body += "<th scope=\"col\"\(table.numeric[index] ? " class=\"num\"" : "")>\(HTMLText.escape(header))</th>"
                }
                body += "</tr></thead>\n<tbody>\n"
                for row in table.rows {
                    body += "<tr>"
                    for (index, cell) in row.enumerated() {
                        if index == 0 {
                            body += "<th scope=\"row\">\(HTMLText.escape(cell))</th>"
                        } else {
                            body += "<td\(table.numeric[index] ? " class=\"num\"" : "")>\(HTMLText.escape(cell))</td>"
                        }
                    }
                    body += "</tr>\n"
                }
                body += "</tbody>\n</table>\n"
            }
            if section.title == "Förändring per förfrågan", summary.pricedBoth > 0 { body += histogram(summary) }
            body += "</section>\n"
        }
        body += "</main>\n"
        return
            "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Konsekvenser av förslaget</title>\n<style>\n\(PublishHTML.style)</style>\n</head>\n<body>\n\(body)</body>\n</html>\n"
    }

    /// The changes as columns labelled with their counts: one per distinct change when there
    /// are at most 20 (a proposal typically moves requests by a few amounts), else 20 bins of
    /// equal width in whole öre.
    static func histogram(_ summary: ImpactSummary) -> String {
        let keys = summary.changes.keys.sorted()
        var bins: [(from: Int128, to: Int128, count: Int)] = []
        if keys.count <= 20 {
            bins = keys.map { (from: $0, to: $0, count: summary.changes[$0]!) }
        } else {
            let low = keys.first!
            let high = keys.last!
            let width = (high - low) / 20 + 1
            bins = (0..<20).map { index in
                let from = low + Int128(index) * width
                return (from: from, to: min(from + width - 1, high), count: 0)
            }
            for (change, count) in summary.changes { bins[Int((change - low) / width)].count += count }
        }
        let binCount = bins.count
        let largest = bins.map(\.count).max() ?? 1
        let column = 76
        let chartWidth = max(32 + binCount * column, 360)
        let height = 300
        let top = 30
        let plot = 190
        let baseline = top + plot
        var out =
            "<figure aria-labelledby=\"histogram-caption\">\n<figcaption id=\"histogram-caption\">Förfrågningar per förändring (kronor)</figcaption>\n"
        out +=
            "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(chartWidth) \(height)\" width=\"\(chartWidth)\" height=\"\(height)\" role=\"img\" aria-labelledby=\"histogram-title\">"
        out += "<title id=\"histogram-title\">Antal förfrågningar per förändring</title>"
        out += "<line class=\"axis\" x1=\"16\" y1=\"\(baseline)\" x2=\"\(chartWidth - 16)\" y2=\"\(baseline)\"/>"
        for (index, (from, to, count)) in bins.enumerated() {
            let barHeight = count == 0 ? 0 : max(1, count * plot / largest)
            let x = 16 + index * column + 6
            let center = x + (column - 12) / 2
            let range = from == to ? ImpactText.kronor(from) : "\(ImpactText.kronor(from)) – \(ImpactText.kronor(to))"
            out += "<g class=\"bar\"><title>\(HTMLText.escape(range)): \(ImpactText.count(count))</title>"
            out += "<rect x=\"\(x)\" y=\"\(baseline - barHeight)\" width=\"\(column - 12)\" height=\"\(barHeight)\"/>"
            out += "<text class=\"value\" x=\"\(center)\" y=\"\(baseline - barHeight - 6)\" text-anchor=\"middle\">\(ImpactText.count(count))</text>"
            out +=
                "<text class=\"year\" x=\"\(center)\" y=\"\(baseline + 18)\" text-anchor=\"end\" transform=\"rotate(-35 \(center) \(baseline + 18))\">\(HTMLText.escape(ImpactText.kronor(from)))</text>"
            out += "</g>"
        }
        return out + "</svg>\n</figure>\n"
    }
}
