import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaService

/// A tariff's worked examples priced for its page by the service's request processor, the way
/// `ExampleCheck` prices them at load: the page shows the invoice lines a request gets.
package enum PublishExamples {
    static func price(_ example: FeeExample, index: Int, of version: TariffVersion, processor: RequestProcessor) -> PublishedExample {
        var published = PublishedExample(
            name: example.name, source: example.source, request: example.request, lines: [], total: example.total, vat: example.vat)
        let answer = ExampleCheck.answer(example, index: index, tariff: version.tariffID, processor: processor)
        // The set was loaded, so every example priced to its published total (`ExampleCheck`).
        guard case .success(let document) = JSONDocument.parse(answer) else { return published }
        document.withValue { result in read(result, into: &published) }
        return published
    }

    /// The invoice lines of the answer `result`, as the page shows them.
    private static func read(_ result: JSONValue, into published: inout PublishedExample) {
        for line in result.member("lines")?.elements ?? [] {
            if let text = line.member("text")?.string { published.lines.append(text) }
        }
        for month in result.member("months")?.elements ?? [] {
            if let text = month.member("text")?.string { published.lines.append(text) }
        }
        if let adjustment = result.member("adjustment"), let amount = adjustment.member("amount")?.string.flatMap(Money.parse) {
            let paragraph = adjustment.member("paragraph")?.string.map { " (\($0))" } ?? ""
            let kind = adjustment.member("kind")?.string == "waiver" ? "Eftergift" : "Nedsättning"
            published.lines.append("\(kind)\(paragraph): \(amount.swedish)")
        }
        if let text = result.member("text")?.string { published.lines.append(text) }
    }
}
