import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaService

/// A fee's price pipeline as a published page shows it, in the words of `taxa rates` (each
/// block's own `describe`, with the amounts of the fee year), but with every bands or lookup
/// block laid out as a table; and the amounts in it that follow an index, each named.
package enum PublishPipeline {
    /// Runs of blocks as the rates command's text, bands and lookups as tables. With `pricer`
    /// (a fee whose price depends only on the rows chosen), each row that ends the choices
    /// also carries the fee the service charges for it.
    static func segments(
        _ blocks: [any PriceBlock], _ context: DescribeContext, pricer: PublishRowPricer? = nil, chosen: [Int: InputValue] = [:]
    ) -> [PriceSegment] {
        var segments: [PriceSegment] = []
        var run: [any PriceBlock] = []
        func flush() {
            if !run.isEmpty { segments.append(.text(context.pipeline(run))) }
            run = []
        }
        for (position, block) in blocks.enumerated() {
            guard let table = block as? any PublishedTable else {
                run.append(block)
                continue
            }
            flush()
            let rest = Array(blocks[(position + 1)...])
            var rows: [PriceTable.Row] = []
            for row in table.rows(context.fee) {
                var choice = chosen
                if let value = row.value { choice[table.input] = value }
                let inner = PublishPipeline.segments(row.blocks, context, pricer: pricer, chosen: choice)
                let leaf = !containsTable(row.blocks) && !containsTable(rest) && row.value != nil
                rows.append(PriceTable.Row(when: row.when, price: inner, amount: leaf ? pricer?.price(choice) : nil))
            }
            segments.append(
                .table(
                    PriceTable(
                        input: table.inputName, inputText: context.fee.inputs[table.input].text, header: table.header, rows: rows,
                        note: table.note)))
        }
        flush()
        return segments
    }

    static func containsTable(_ blocks: [any PriceBlock]) -> Bool {
        blocks.contains { $0 is any PublishedTable }
    }

    /// What a chart follows: the fee charged for one row of a fee priced by its rows alone
    /// (`PublishRowPricer`), else an amount derived from an index as it stands in the price.
    enum Charted {
        case row(fee: String, chosen: [Int: InputValue])
        case amount(AmountSource)
    }

    /// Every amount of a version's fees and caps that follows an index (a share of the
    /// prisbasbelopp, an amount chained by PKV), named so the same amount can be found in
    /// another year's version: "Tillsynsavgift efter årsomsättning, omsattning till och med
    /// 50 000" (the fee charged in that band), "Högkostnadsskydd: högsta belopp per
    /// kalendermånad" (the amount itself).
    static func indexedAmounts(_ rules: FeeRules) -> [(label: String, series: String, charted: Charted)] {
        var found: [(label: String, series: String, charted: Charted)] = []
        for fee in rules.fees {
            let name = fee.paragraph.map { "\(fee.name) (\($0))" } ?? fee.name
            if PublishRowPricer.applies(fee) {
                rows(fee.price, fee: fee, prefix: name, chosen: [:], series: nil, into: &found)
            } else {
                amounts(fee.price, fee: fee, prefix: name, into: &found)
            }
        }
        for cap in rules.caps where cap.amount.constant == nil {
            found.append((label: "\(cap.name): högsta belopp per kalendermånad", series: cap.amount.series, charted: .amount(cap.amount)))
        }
        return found
    }

    /// The rows of a fee priced by its rows alone whose fee follows an index.
    private static func rows(
        _ blocks: [any PriceBlock], fee: FeeDefinition, prefix: String, chosen: [Int: InputValue], series: String?,
        into found: inout [(label: String, series: String, charted: Charted)]
    ) {
        var series = series
        for (position, block) in blocks.enumerated() {
            if let table = block as? any PublishedTable {
                let rest = Array(blocks[(position + 1)...])
                for row in table.rows(fee) {
                    guard let value = row.value else { continue }
                    var choice = chosen
                    choice[table.input] = value
                    rows(row.blocks + rest, fee: fee, prefix: "\(prefix), \(table.inputName) \(row.when)", chosen: choice, series: series, into: &found)
                }
                return
            }
            if series == nil { series = block.amountSources.first { $0.source.constant == nil }?.source.series }
        }
        if let series { found.append((label: prefix, series: series, charted: .row(fee: fee.key, chosen: chosen))) }
    }

    private static func amounts(
        _ blocks: [any PriceBlock], fee: FeeDefinition, prefix: String, into found: inout [(label: String, series: String, charted: Charted)]
    ) {
        for block in blocks {
            if let table = block as? any PublishedTable {
                for row in table.rows(fee) { amounts(row.blocks, fee: fee, prefix: "\(prefix), \(table.inputName) \(row.when)", into: &found) }
            } else {
                for (_, source) in block.amountSources where source.constant == nil {
                    found.append((label: "\(prefix): \(role(type(of: block).key))", series: source.series, charted: .amount(source)))
                }
            }
        }
    }

    /// What an amount is in its block, in the words of the blocks' descriptions.
    private static func role(_ key: String) -> String {
        switch key {
        case FixedBlock.key: "fast belopp"
        case PerUnitBlock.key: "pris per enhet"
        case MinBlock.key: "lägsta belopp"
        case MaxBlock.key: "högsta belopp"
        case PercentBlock.key: "högsta underlag"
        default: "belopp"
        }
    }
}

/// A block whose cases a page lays out as a table: bands and lookups.
package protocol PublishedTable: PriceBlock {
    var input: Int { get }
    var inputName: String { get }
    /// The first column's header.
    var header: String { get }
    /// What holds beyond the rows.
    var note: String? { get }
    /// Each row: when it applies, a value of the input that selects it (nil: none can be
    /// named, as for "other values"), and its blocks.
    func rows(_ fee: FeeDefinition) -> [(when: String, value: InputValue?, blocks: [any PriceBlock])]
}

extension BandsBlock: PublishedTable {
    package var header: String { "Band" }
    package var note: String? { "över \(SwedishText.decimal(bands.last!.upTo)): ingen avgift angiven" }

    /// "till och med 50 000", "över 50 000 till och med 100 000"; the band's top selects it.
    package func rows(_ fee: FeeDefinition) -> [(when: String, value: InputValue?, blocks: [any PriceBlock])] {
        bands.indices.map { index in
            let top = "till och med \(SwedishText.decimal(bands[index].upTo))"
            let when = index == 0 ? top : "över \(SwedishText.decimal(bands[index - 1].upTo)) \(top)"
            let value: InputValue?
            switch fee.inputs[input].kind {
            case .integer: value = bands[index].upTo.scale == 0 ? .integer(bands[index].upTo.units) : nil
            case .decimal: value = .decimal(bands[index].upTo)
            case .choice: value = nil
            }
            return (when: when, value: value, blocks: bands[index].blocks)
        }
    }
}

extension LookupBlock: PublishedTable {
    package var header: String { "Värde" }
    package var note: String? { nil }

    package func rows(_ fee: FeeDefinition) -> [(when: String, value: InputValue?, blocks: [any PriceBlock])] {
        var rows: [(when: String, value: InputValue?, blocks: [any PriceBlock])] = cases.map { item in
            let value: InputValue?
            switch fee.inputs[input].kind {
            case .integer: value = Int64(item.value).map { .integer($0) }
            case .decimal: value = ScaledDecimal.parse(item.value, maxScale: 4, allowNegative: true).map { .decimal($0) }
            case .choice: value = .choice(item.value)
            }
            return (when: item.value, value: value, blocks: item.blocks)
        }
        if let otherwise { rows.append((when: "övriga värden", value: nil, blocks: otherwise)) }
        return rows
    }
}
