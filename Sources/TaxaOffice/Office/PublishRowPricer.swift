import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaService

/// The fee the service charges for one row of a fee's tables (a turnover band, a meter size
/// and purpose), for a fee whose price depends on nothing but which rows apply: no quantity,
/// and only fixed amounts, shares, rounding, floors, ceilings, bands and lookups. A page then
/// shows "900,00 kr" beside "1,5 % av PBB 2024 = 57 300,00 kr, avrundat till närmaste
/// 100,00 kr" instead of leaving the reader to round. Each row is priced as a request through
/// the service's request processor, with the input value that selects the row.
package struct PublishRowPricer {
    let processor: RequestProcessor
    let tariff: String
    let fee: FeeDefinition
    /// A day of the fee year on which the version is in force.
    let date: CivilDate
    let asOf: CivilDate?

    /// The day of `year` a version's rows are priced on: its first day in force that year.
    static func day(in year: Int, of version: TariffVersion) -> CivilDate {
        let first = CivilDate(year: year, month: 1, day: 1)!
        return version.validFrom > first ? version.validFrom : first
    }

    static func applies(_ fee: FeeDefinition) -> Bool {
        fee.quantity == nil && onlyRowBlocks(fee.price, of: fee)
    }

    private static func onlyRowBlocks(_ blocks: [any PriceBlock], of fee: FeeDefinition) -> Bool {
        blocks.allSatisfy { block in
            switch block {
            case let table as any PublishedTable: table.rows(fee).allSatisfy { onlyRowBlocks($0.blocks, of: fee) }
            case is FixedBlock, is ShareBlock, is RoundBlock, is MinBlock, is MaxBlock: true
            default: false
            }
        }
    }

    /// The fee charged with the rows `chosen` (input index → the value selecting the row) and
    /// every other input at its default; nil when an input has no value or the service refuses.
    func price(_ chosen: [Int: InputValue]) -> Money? {
        var w = JSONWriter(reservingCapacity: 512)
        w.beginObject()
        w.key("id"); w.string("publish")
        w.key("tariff"); w.string(tariff)
        if let asOf { w.key("as_of"); w.plainString(asOf.description) }
        w.key("items")
        w.beginArray()
        w.beginObject()
        w.key("fee"); w.string(fee.key)
        w.key("date"); w.plainString(date.description)
        w.key("inputs")
        w.beginObject()
        for (index, input) in fee.inputs.enumerated() {
            guard let value = chosen[index] ?? input.defaultValue else { return nil }
            w.key(string: input.name)
            switch value {
            case .integer(let number): w.integer(number)
            case .decimal(let number): w.plainString(number.description)
            case .choice(let text): w.string(text)
            }
        }
        w.endObject()
        w.endObject()
        w.endArray()
        w.endObject()
        let request = w.finishLine().dropLast()
        var answer = JSONWriter(reservingCapacity: 2048)
        Array(request).withUnsafeBytes { processor.process($0, line: 1, into: &answer) }
        guard case .success(let document) = JSONDocument.parse(answer.finishLine()) else { return nil }
        return document.withValue { result in
            guard result.member("ok")?.bool == true, let lines = result.member("lines"), lines.count == 1 else { return nil }
            return lines.element(0)?.member("amount")?.string.flatMap(Money.parse)
        }
    }
}
