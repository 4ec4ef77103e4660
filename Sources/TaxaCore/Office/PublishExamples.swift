/// A tariff's worked examples priced for its page by the service's request processor, the way
/// `ExampleCheck` prices them at load: the page shows the invoice lines a request gets.
enum PublishExamples {
    static func price(_ example: FeeExample, index: Int, of version: TariffVersion, processor: RequestProcessor) -> PublishedExample {
        var published = PublishedExample(
            name: example.name, source: example.source, request: example.request, lines: [], total: example.total, vat: example.vat)
        var writer = JSONWriter(reservingCapacity: 1024)
        writer.beginObject()
        writer.key("id"); writer.string("examples[\(index)]")
        writer.key("tariff"); writer.string(version.tariffID)
        writer.endObject()
        var request = Array(writer.finishLine().dropLast(2))  // without "}\n"
        let body = Array(example.request.utf8.dropFirst())  // the example's members and "}"
        if body != [UInt8(ascii: "}")] { request.append(UInt8(ascii: ",")) }
        request += body
        var answer = JSONWriter(reservingCapacity: 4096)
        request.withUnsafeBytes { processor.process($0, line: 1, into: &answer) }
        // The set was loaded, so every example priced to its published total (`ExampleCheck`).
        guard case .success(let document) = JSONDocument.parse(answer.finishLine()) else { return published }
        let result = document.value
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
        return published
    }
}
