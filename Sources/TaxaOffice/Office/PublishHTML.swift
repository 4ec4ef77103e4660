import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaService

/// The pages of a published site, in Swedish: an index of every tariff and one page per tariff.
/// Each page is one self-contained HTML5 document (its style sheet inline, no script, no
/// font or image fetched), with a print style sheet, and the same bytes for the same data.
package enum PublishHTML {
    /// The index page, `DIR/index.html`.
    static func index(_ site: PublishedSite, generator: String) -> String {
        let heading = "Taxor och avgifter \(site.year)"
        var body = header(heading, lead: lead(site), crumb: nil)
        body += "<main class=\"wrap\">\n<table class=\"tariffs\">\n<caption>Taxor och vilken version som gäller \(site.year)</caption>\n"
        body +=
            "<thead><tr><th scope=\"col\">Taxa</th><th scope=\"col\">Beslutad av</th><th scope=\"col\">Version som gäller \(site.year)</th><th scope=\"col\" class=\"num\">Avgifter</th></tr></thead>\n<tbody>\n"
        for tariff in site.tariffs {
            let link = "<a href=\"\(HTMLText.escape(tariff.id))/index.html\">\(HTMLText.escape(tariff.title))</a>"
            let body_ = tariff.current?.version.decision.body ?? tariff.history.last?.decision.body ?? ""
            let versions = tariff.inForce.map { versionLabel($0.version) }.joined(separator: ", ")
            let count = tariff.current.map { String($0.hourly?.rules.activities.count ?? $0.fees.count) } ?? "–"
            body += "<tr><th scope=\"row\">\(link)<br><span class=\"id\">\(HTMLText.escape(tariff.id))</span></th>"
            body += "<td>\(HTMLText.escape(body_))</td>"
            body += "<td>\(versions.isEmpty ? "ingen version gäller \(site.year)" : HTMLText.escape(versions))</td>"
            body += "<td class=\"num\">\(count)</td></tr>\n"
        }
        body += "</tbody>\n</table>\n</main>\n"
        body += footer(generator: generator)
        return document(title: heading, body: body)
    }

    /// One tariff's page, `DIR/<tariff id>/index.html`.
    static func page(_ tariff: PublishedTariff, site: PublishedSite, generator: String) -> String {
        let year = site.year
        let up = String(repeating: "../", count: tariff.id.split(separator: "/").count)
        var body = header(
            tariff.title, lead: "Avgifter \(year) · \(HTMLText.escape(tariff.id))\(site.asOf.map { " · beslut och indexvärden kända \($0)" } ?? "")",
            crumb: "<a href=\"\(up)index.html\">Taxor och avgifter \(year)</a>")
        body += "<main class=\"wrap\">\n"
        body += contents(tariff, year: year)
        if tariff.inForce.isEmpty {
            body += "<section id=\"beslut\">\n<h2>Ingen version gäller \(year)</h2>\n"
            body +=
                "<p>Ingen version av taxan gäller någon dag \(year)\(site.asOf.map { " enligt de beslut som var fattade \($0)" } ?? ""). Versionerna som finns står under <a href=\"#historik\">Versioner</a>.</p>\n</section>\n"
        }
        for (number, published) in tariff.inForce.enumerated() {
            body += version(published, tariff: tariff, year: year, number: number)
        }
        if !tariff.charts.isEmpty {
            body += "<section id=\"utveckling\">\n<h2>Beloppens utveckling</h2>\n"
            body +=
                "<p>Belopp som följer ett index, år för år, så långt indexvärdena är kända. Stapeln för \(year) är markerad.</p>\n"
            for (index, chart) in tariff.charts.enumerated() where !chart.points.isEmpty {
                let id = "diagram-\(index + 1)"
                body +=
                    "<figure aria-labelledby=\"\(id)-caption\">\n<figcaption id=\"\(id)-caption\">\(HTMLText.escape(chart.label)) <span class=\"series\">(följer \(HTMLText.escape(chart.series)))</span></figcaption>\n"
                body += PublishChart.svg(chart, id: id, year: year) + "\n</figure>\n"
            }
            body += "</section>\n"
        }
        body += examples(tariff)
        body += history(tariff, year: year)
        body += indexValues(tariff)
        body += "</main>\n" + footer(generator: generator)
        return document(title: "\(tariff.title) – avgifter \(year)", body: body)
    }

    // MARK: Sections

    private static func contents(_ tariff: PublishedTariff, year: Int) -> String {
        var items: [(String, String)] = []
        if !tariff.inForce.isEmpty {
            items.append(("beslut", "Beslut"))
            items.append(("avgifter", tariff.kind == .hourly ? "Timavgift \(year)" : "Avgifter \(year)"))
        }
        if tariff.charts.contains(where: { !$0.points.isEmpty }) { items.append(("utveckling", "Beloppens utveckling")) }
        if tariff.inForce.contains(where: { !$0.examples.isEmpty }) { items.append(("exempel", "Räkneexempel")) }
        items.append(("historik", "Versioner"))
        if !tariff.indexValues.isEmpty { items.append(("index", "Indexvärden")) }
        var out = "<nav class=\"toc\" aria-label=\"Innehåll\"><ul>"
        for (anchor, title) in items { out += "<li><a href=\"#\(anchor)\">\(title)</a></li>" }
        return out + "</ul></nav>\n"
    }

    private static func version(_ published: PublishedVersion, tariff: PublishedTariff, year: Int, number: Int) -> String {
        let version = published.version
        let suffix = number == tariff.inForce.count - 1 ? "" : "-\(number + 1)"
        var out =
            "<section id=\"beslut\(suffix)\">\n<h2>Beslut\(tariff.inForce.count > 1 ? ": version \(versionLabel(version))" : "")</h2>\n<dl class=\"facts\">\n"
        out += fact("Beslutad av", HTMLText.escape(version.decision.body))
        out += fact("Beslutsdatum", version.decided.description)
        out += fact("Referens", HTMLText.escape(version.decision.reference))
        out += fact("Gäller från", version.validFrom.description)
        out += fact("Gäller till", version.validUntil.map(\.description) ?? "tills vidare")
        out += fact("Taxefil", "<code>\(HTMLText.escape(version.file))</code>")
        out += fact("Regeldigest \(year)", "<code class=\"digest\">\(HTMLText.escape(published.digest))</code>")
        out +=
            "</dl>\n<p class=\"note\">Regeldigesten är SHA-256 över taxefilen och de indexvärden som beloppen \(year) bygger på; samma värde står som <code>tariff_digest</code> på varje faktura­beräkning.</p>\n</section>\n"
        out += "<section id=\"avgifter\(suffix)\">\n"
        if let hourly = published.hourly {
            out += hourlySection(hourly, year: year)
        } else {
            out += "<h2>Avgifter \(year)</h2>\n"
            for (index, fee) in published.fees.enumerated() { out += feeArticle(fee, number: index + 1, suffix: suffix, year: year) }
            for cap in published.caps { out += capArticle(cap) }
            if let vat = published.vat {
                out +=
                    "<article class=\"fee\"><h3>Moms</h3>\n<p class=\"price\">\(HTMLText.withAmounts(capitalized(vat.summary))).</p>\n<p>\(HTMLText.escape(vat.text))</p></article>\n"
            }
        }
        if let adjustments = published.adjustments {
            out +=
                "<article class=\"fee\"><h3>Nedsättning och eftergift (\(HTMLText.escape(adjustments.paragraph)))</h3>\n<p>\(HTMLText.escape(adjustments.text))</p></article>\n"
        }
        return out + "</section>\n"
    }

    private static func feeArticle(_ fee: PublishedFee, number: Int, suffix: String, year: Int) -> String {
        let paragraph = fee.paragraph.map { "<span class=\"paragraph\">\(HTMLText.escape($0))</span> " } ?? ""
        var out = "<article class=\"fee\" id=\"avgift-\(number)\(suffix)\">\n<h3>\(paragraph)\(HTMLText.escape(fee.name))</h3>\n"
        out += "<p>\(HTMLText.escape(fee.text))</p>\n"
        out += "<div class=\"price\"><p><strong>Pris \(year):</strong>"
        var open = true
        for segment in fee.segments {
            switch segment {
            case .text(let text):
                out += (open ? " " : "<p>") + HTMLText.withAmounts(text)
                open = true
            case .table(let table):
                if open { out += "</p>\n" }
                out += priceTable(table, year: year)
                open = false
            }
        }
        out += (open ? "</p>" : "")
        if let amount = fee.amount { out += "<p><strong>Avgift \(year):</strong> <span class=\"amount\">\(HTMLText.escape(amount.swedish))</span></p>" }
        out += "</div>\n"
        if let quantity = fee.quantity {
            out += "<p><strong>Mängd:</strong> \(HTMLText.escape(quantity)).</p>\n"
        }
        if !fee.inputs.isEmpty {
            out += "<table class=\"inputs\">\n<caption>Uppgifter som avgiften beräknas på</caption>\n"
            out +=
                "<thead><tr><th scope=\"col\">Uppgift</th><th scope=\"col\">Namn i beräkningen</th><th scope=\"col\">Värden</th><th scope=\"col\">Om uppgiften saknas</th></tr></thead>\n<tbody>\n"
            for input in fee.inputs {
                out += "<tr><th scope=\"row\">\(HTMLText.escape(input.text ?? input.name))</th><td><code>\(HTMLText.escape(input.name))</code></td>"
                out +=
                    "<td>\(HTMLText.escape(input.values))</td><td>\(input.defaultValue.map { "<code>\(HTMLText.escape($0))</code>" } ?? "måste anges")</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        return out + "</article>\n"
    }

    private static func priceTable(_ table: PriceTable, year: Int) -> String {
        let what =
            table.inputText.map { "\(HTMLText.escape($0)) (<code>\(HTMLText.escape(table.input))</code>)" } ?? "<code>\(HTMLText.escape(table.input))</code>"
        var out = "<table class=\"grid\">\n<caption>Efter \(what)</caption>\n"
        let priced = table.rows.contains { $0.amount != nil }
        out += "<thead><tr><th scope=\"col\">\(table.header)</th><th scope=\"col\">Beräkning</th>"
        out += priced ? "<th scope=\"col\" class=\"num\">Avgift \(year)</th></tr></thead>\n<tbody>\n" : "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            out += "<tr><th scope=\"row\">\(HTMLText.withAmounts(row.when))</th><td>"
            var first = true
            for segment in row.price {
                switch segment {
                case .text(let text): out += (first ? "" : " ") + HTMLText.withAmounts(text)
                case .table(let inner): out += priceTable(inner, year: year)
                }
                first = false
            }
            out += "</td>"
            if priced { out += "<td class=\"num\">\(row.amount.map { "<span class=\"amount\">\(HTMLText.escape($0.swedish))</span>" } ?? "")</td>" }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        if let note = table.note { out += "<p class=\"note\">\(HTMLText.escape(capitalized(note))).</p>\n" }
        return out
    }

    private static func capArticle(_ cap: PublishedCap) -> String {
        let paragraph = cap.paragraph.map { "<span class=\"paragraph\">\(HTMLText.escape($0))</span> " } ?? ""
        var out = "<article class=\"fee cap\">\n<h3>\(paragraph)\(HTMLText.escape(cap.name))</h3>\n<p>\(HTMLText.escape(cap.text))</p>\n"
        out += "<div class=\"price\"><p>\(HTMLText.withAmounts(cap.summary)).</p></div>\n"
        out += "<p><strong>Gäller avgifterna:</strong> \(HTMLText.escape(cap.fees.joined(separator: ", "))).</p>\n"
        return out + "</article>\n"
    }

    private static func hourlySection(_ hourly: PublishedHourly, year: Int) -> String {
        let rules = hourly.rules
        let derivation = hourly.derivation
        var out =
            "<h2>Timavgift \(year)</h2>\n<div class=\"price big\"><p><strong>Timavgift \(year):</strong> <span class=\"amount\">\(HTMLText.escape(derivation.rate.swedish))</span> per timme.</p></div>\n"
        out +=
            "<p>Varje påbörjad period om \(rules.incrementMinutes) min av den sammanlagda handläggningstiden under avgiftsåret debiteras (avrundat \(SwedishText.mode(rules.incrementRounding))).</p>\n"
        out += "<p><strong>\(HTMLText.escape(rules.paragraph)):</strong> \(HTMLText.escape(rules.text))</p>\n"
        if let indexation = rules.indexation {
            out += "<p><strong>\(HTMLText.escape(indexation.paragraph)):</strong> \(HTMLText.escape(indexation.text))</p>\n"
            out +=
                "<table class=\"derivation\">\n<caption>Så räknas timavgiften \(year) fram (\(HTMLText.escape(SwedishText.rounding(indexation.rounding))))</caption>\n"
            out +=
                "<thead><tr><th scope=\"col\">År</th><th scope=\"col\" class=\"num\">Föregående år</th><th scope=\"col\" class=\"num\">\(HTMLText.escape(indexation.series))</th><th scope=\"col\" class=\"num\">Oavrundat</th><th scope=\"col\" class=\"num\">Timavgift</th><th scope=\"col\">Indexvärdet publicerat</th></tr></thead>\n<tbody>\n"
            out +=
                "<tr><th scope=\"row\">\(derivation.version.validFrom.year)</th><td class=\"num\">–</td><td class=\"num\">–</td><td class=\"num\">–</td><td class=\"num\">\(HTMLText.escape(derivation.base.swedish))</td><td>beslutat belopp</td></tr>\n"
            for step in derivation.steps {
                let unrounded = SwedishText.kronor(step.exact)
                out +=
                    "<tr><th scope=\"row\">\(step.year)</th><td class=\"num\">\(HTMLText.escape(step.previous.swedish))</td><td class=\"num\">\(HTMLText.escape(SwedishText.percent(step.percent)))</td>"
                out += "<td class=\"num\">\(HTMLText.escape(unrounded))</td><td class=\"num\">\(HTMLText.escape(step.rate.swedish))</td>"
                out += "<td>\(step.publication.published) · \(HTMLText.escape(step.publication.title))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        out +=
            "<table class=\"activities\">\n<caption>Verksamheter</caption>\n<thead><tr><th scope=\"col\">Paragraf</th><th scope=\"col\">Verksamhet</th><th scope=\"col\">Avgift \(year)</th><th scope=\"col\">Taxans text</th></tr></thead>\n<tbody>\n"
        for activity in rules.activities {
            let charge: String
            switch activity.charge {
            case .hourly: charge = "timavgift, <span class=\"amount\">\(HTMLText.escape(derivation.rate.swedish))</span> per timme"
            case .free: charge = "ingen avgift"
            }
            out +=
                "<tr><th scope=\"row\">\(HTMLText.escape(activity.paragraph))</th><td>\(HTMLText.escape(activity.name))</td><td>\(charge)</td><td>\(HTMLText.escape(activity.text))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    private static func examples(_ tariff: PublishedTariff) -> String {
        let all = tariff.inForce.flatMap { published in published.examples.map { (published.version, $0) } }
        guard !all.isEmpty else { return "" }
        var out =
            "<section id=\"exempel\">\n<h2>Räkneexempel</h2>\n<p>Exemplen som taxan själv publicerar, beräknade här på samma sätt som fakturorna. Varje exempel gäller den dag det anger.</p>\n"
        for (version, example) in all {
            out += "<article class=\"example\">\n<h3>\(HTMLText.escape(example.name))</h3>\n"
            if tariff.inForce.count > 1 { out += "<p class=\"note\">Version \(HTMLText.escape(versionLabel(version)))</p>\n" }
            out += "<table class=\"lines\">\n<thead><tr><th scope=\"col\">Rad</th></tr></thead>\n<tbody>\n"
            for line in example.lines { out += "<tr><td>\(HTMLText.withAmounts(line))</td></tr>\n" }
            out += "</tbody>\n<tfoot><tr><th scope=\"row\">Summa: <span class=\"amount\">\(HTMLText.escape(example.total.swedish))</span>"
            if let vat = example.vat { out += " (varav moms <span class=\"amount\">\(HTMLText.escape(vat.swedish))</span>)" }
            out += "</th></tr></tfoot>\n</table>\n"
            out += "<p class=\"note\">Källa: \(HTMLText.escape(example.source))</p>\n"
            out += "<details><summary>Beräkningens indata</summary><pre><code>\(HTMLText.escape(example.request))</code></pre></details>\n</article>\n"
        }
        return out + "</section>\n"
    }

    private static func history(_ tariff: PublishedTariff, year: Int) -> String {
        var out =
            "<section id=\"historik\">\n<h2>Versioner</h2>\n<table class=\"history\">\n<caption>Alla beslutade versioner av taxan, äldst först</caption>\n"
        out +=
            "<thead><tr><th scope=\"col\">Version</th><th scope=\"col\">Gäller</th><th scope=\"col\">Beslutad</th><th scope=\"col\">Beslut</th><th scope=\"col\">Titel</th></tr></thead>\n<tbody>\n"
        let current = Set(tariff.inForce.map { $0.version.file })
        for version in tariff.history {
            let marked = current.contains(version.file) ? " class=\"current\"" : ""
            let period =
                version.validUntil.map { "<span class=\"date\">\(version.validFrom)</span> – <span class=\"date\">\($0)</span>" }
                ?? "från <span class=\"date\">\(version.validFrom)</span>"
            let note = current.contains(version.file) ? "<br><span class=\"tag\">gäller \(year)</span>" : ""
            out +=
                "<tr\(marked)><th scope=\"row\">\(HTMLText.escape(versionLabel(version)))\(note)</th><td>\(period)</td><td class=\"date\">\(version.decided)</td>"
            out +=
                "<td>\(HTMLText.escape(version.decision.body)), \(HTMLText.escape(version.decision.reference))</td><td>\(HTMLText.escape(version.title))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    private static func indexValues(_ tariff: PublishedTariff) -> String {
        guard !tariff.indexValues.isEmpty else { return "" }
        var out =
            "<section id=\"index\">\n<h2>Indexvärden</h2>\n<table class=\"indices\">\n<caption>Indexvärden som beloppen bygger på, med publikationen de kommer från</caption>\n"
        out +=
            "<thead><tr><th scope=\"col\">Index</th><th scope=\"col\">År</th><th scope=\"col\" class=\"num\">Värde</th><th scope=\"col\">Publicerat</th><th scope=\"col\">Publikation och källa</th></tr></thead>\n<tbody>\n"
        for value in tariff.indexValues {
            let shown = value.unit == .amount ? SwedishText.kronor(Exact(kronor: value.value)) : SwedishText.percent(value.value)
            out +=
                "<tr><th scope=\"row\">\(HTMLText.escape(value.seriesName)) (\(HTMLText.escape(value.series)))</th><td>\(value.year)</td><td class=\"num\">\(HTMLText.escape(shown))</td>"
            out +=
                "<td class=\"date\">\(value.publication.published)</td><td>\(HTMLText.escape(value.publication.title))<br><span class=\"note\">\(HTMLText.escape(value.publication.source))</span></td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    // MARK: Parts

    private static func lead(_ site: PublishedSite) -> String {
        var text = "Avgifterna för \(site.year) enligt de taxor som gäller, beräknade direkt ur taxefilerna: samma belopp som fakturorna räknas med."
        if let asOf = site.asOf { text += " Bara beslut och indexvärden kända \(asOf) är med." }
        return text
    }

    private static func versionLabel(_ version: TariffVersion) -> String {
        version.isRevision ? "\(version.validFrom) (beslut \(version.decided))" : version.validFrom.description
    }

    private static func fact(_ term: String, _ value: String) -> String { "<dt>\(term)</dt><dd>\(value)</dd>\n" }

    /// The rates command's phrases start in lower case; a sentence on a page does not.
    private static func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    private static func header(_ title: String, lead: String, crumb: String?) -> String {
        var out = "<header class=\"site\"><div class=\"wrap\">\n"
        if let crumb { out += "<p class=\"crumb\">\(crumb)</p>\n" }
        out += "<h1>\(HTMLText.escape(title))</h1>\n<p class=\"lead\">\(lead)</p>\n</div></header>\n"
        return out
    }

    private static func footer(generator: String) -> String {
        "<footer><div class=\"wrap\"><p>Sidan är skapad med \(HTMLText.escape(generator)) ur taxefilerna. Beloppen är beräknade exakt, i öre, på samma sätt som fakturorna; de är inte inskrivna för hand.</p></div></footer>\n"
    }

    /// Every table in a box of its own that scrolls sideways on a narrow screen, rather than
    /// the page.
    private static func document(title: String, body: String) -> String {
        let body = body.replacing("<table", with: "<div class=\"scroll\"><table").replacing("</table>", with: "</table></div>")
        return
            "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>\(HTMLText.escape(title))</title>\n<style>\n\(style)</style>\n</head>\n<body>\n\(body)</body>\n</html>\n"
    }

    /// One style sheet for screen and print: dark text on white (contrast above 7:1), tables
    /// with ruled cells, nothing fetched.
    static let style = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif; line-height: 1.5; color: #1b1f24; background: #fff; font-size: 16px; }
        .wrap { max-width: 62rem; margin: 0 auto; padding: 0 1.25rem; }
        header.site { background: #0b3d62; color: #fff; padding: 1.25rem 0 1.5rem; }
        header.site a { color: #fff; }
        header.site .crumb { margin: 0 0 .25rem; font-size: .95rem; }
        header.site .lead { margin: .25rem 0 0; max-width: 48rem; color: #e6eef5; }
        h1 { font-size: 2rem; line-height: 1.2; margin: .25rem 0 .25rem; }
        h2 { font-size: 1.45rem; margin: 2.25rem 0 .75rem; padding-bottom: .3rem; border-bottom: 2px solid #0b3d62; color: #0b3d62; }
        h3 { font-size: 1.15rem; margin: 0 0 .5rem; }
        a { color: #0a4f94; }
        nav.toc ul { list-style: none; display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; padding: .75rem 0; margin: 0; border-bottom: 1px solid #d5dbe1; }
        table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95rem; }
        caption { text-align: left; font-weight: 600; padding: .25rem 0; color: #333a42; }
        th, td { border: 1px solid #c3cad2; padding: .4rem .6rem; text-align: left; vertical-align: top; }
        thead th { background: #e6edf4; }
        tbody th[scope=row] { background: #f6f8fa; font-weight: 600; }
        tfoot th { background: #e6edf4; text-align: right; }
        .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        table.tariffs .id { font-weight: normal; font-size: .85rem; color: #4a525b; }
        .fee { border: 1px solid #d0d7de; border-radius: 6px; padding: 1rem 1.25rem .5rem; margin: 1rem 0; }
        .paragraph { display: inline-block; min-width: 2.5rem; color: #0b3d62; }
        .price { background: #f1f6fb; border-left: 4px solid #0a4f94; padding: .25rem .9rem; margin: .75rem 0; }
        .price p { margin: .5rem 0; }
        .price.big { font-size: 1.2rem; }
        .price table { background: #fff; }
        .amount { white-space: nowrap; font-weight: 600; }
        .nb { white-space: nowrap; }
        .note { color: #4a525b; font-size: .9rem; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1.25rem; margin: 0; }
        dl.facts dt { font-weight: 600; }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; font-size: .88em; background: #eef1f4; padding: 0 .25em; border-radius: 3px; overflow-wrap: anywhere; }
        pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #eef1f4; padding: .5rem .75rem; border-radius: 4px; }
        pre code { background: none; padding: 0; }
        tr.current th, tr.current td { background: #fff8e1; }
        .tag { font-size: .8rem; font-weight: 600; color: #7a4b00; }
        figure { margin: 1rem 0 1.75rem; }
        figcaption { font-weight: 600; margin-bottom: .35rem; }
        figcaption .series { font-weight: normal; color: #4a525b; }
        svg.chart { max-width: 100%; height: auto; display: block; }
        svg.chart .axis { stroke: #1b1f24; stroke-width: 1; }
        svg.chart rect { fill: #5b8db8; }
        svg.chart .marked rect { fill: #0b3d62; }
        svg.chart text { font-family: inherit; font-size: 13px; fill: #1b1f24; }
        svg.chart .marked text { font-weight: 700; }
        details { margin: .25rem 0 .75rem; }
        .scroll { overflow-x: auto; }
        .date { white-space: nowrap; }
        @media (max-width: 640px) {
          body { font-size: 15px; }
          .wrap { padding: 0 .75rem; }
          h1 { font-size: 1.6rem; }
          .fee { padding: .75rem .75rem .25rem; }
          .price { padding: .25rem .5rem; }
          th, td { padding: .3rem .4rem; }
          dl.facts { grid-template-columns: 1fr; gap: 0; }
          dl.facts dd { margin-bottom: .4rem; }
        }
        footer { margin-top: 3rem; padding: 1rem 0 2rem; border-top: 1px solid #c3cad2; color: #4a525b; font-size: .9rem; }
        @media print {
          body { font-size: 10pt; }
          header.site { background: none; color: #000; padding: 0 0 .5rem; border-bottom: 2px solid #000; }
          header.site a, header.site .lead { color: #000; }
          nav.toc, details { display: none; }
          a { color: #000; text-decoration: none; }
          h2 { color: #000; border-color: #000; break-after: avoid; }
          h3 { break-after: avoid; }
          .fee, figure, tr, .example { break-inside: avoid; }
          .price { background: none; border-left-color: #000; }
          thead th, tfoot th, tbody th[scope=row], tr.current th, tr.current td { background: none; }
          svg.chart rect { fill: #777; }
          svg.chart .marked rect { fill: #000; }
          @page { size: A4; margin: 16mm 14mm; }
        }

        """
}
