import TaxaBase
import TaxaEngine

/// Prices the worked examples a version file carries, through the same path as the service,
/// and reports every example whose total (or VAT) differs from the published figure, naming
/// the file and the example. Part of loading: a tariff that contradicts its own published
/// examples is not priced with.
package enum ExampleCheck {
    /// The service's answer line to example `index` as a request line: `{"id":"examples[N]",
    /// "tariff":ID,` and the example's own members, priced by `processor`.
    package static func answer(_ example: FeeExample, index: Int, tariff: String, processor: RequestProcessor) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 1024)
        writer.beginObject()
        writer.key("id"); writer.string("examples[\(index)]")
        writer.key("tariff"); writer.string(tariff)
        writer.endObject()
        var request = Array(writer.finishLine().dropLast(2))  // without "}\n"
        let body = Array(example.request.utf8.dropFirst())  // the example's members and "}"
        if body != [UInt8(ascii: "}")] { request.append(UInt8(ascii: ",")) }
        request += body
        var answer = JSONWriter(reservingCapacity: 4096)
        request.withUnsafeBytes { processor.process($0, line: 1, into: &answer) }
        return answer.finishLine()
    }

    /// `report` with the examples of its set priced by the set itself: a mismatch stops the set.
    package static func checked(_ report: LoadReport) -> LoadReport {
        guard let set = report.tariffSet else { return report }
        let examples = run(set)
        guard !examples.isEmpty else { return report }
        var checked = report
        checked.tariffSet = nil
        checked.diagnostics += examples
        return checked
    }

    static func run(_ set: TariffSet) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let processor = RequestProcessor(tariffs: set)
        for tariff in set.tariffs.values.sorted(by: { $0.id < $1.id }) {
            for version in tariff.versions {
                for (index, example) in version.examples.enumerated() {
                    let path = JSONPath([.key("examples"), .index(index)])
                    let bytes = answer(example, index: index, tariff: tariff.id, processor: processor)
                    guard case .success(let document) = JSONDocument.parse(bytes) else { continue }
                    document.withValue { result in
                        let name = "the example \"\(example.name)\""
                        if result.member("ok")?.bool != true {
                            let error = result.member("error")
                            let code = error?.member("code")?.string ?? "?"
                            let where_ = error?.member("path")?.string ?? ""
                            let message = error?.member("message")?.string ?? ""
                            diagnostics.append(
                                Diagnostic(
                                    .error, file: version.file, path: path.appending("request"),
                                    message: "\(name) cannot be priced: \(code) at \(where_.isEmpty ? "the request" : where_): \(message)"))
                            return
                        }
                        // What the request costs, under the name its form's result gives it.
                        let member = FormRegistry.form(version.rules.kind).totalMember
                        let total = result.member(member)?.string ?? "no \(member)"
                        if total != example.total.description {
                            diagnostics.append(
                                Diagnostic(
                                    .error, file: version.file, path: path.appending("total"),
                                    message: "\(name) is priced at \(total), but the tariff publishes \(example.total); correct the tariff or the example"))
                        }
                        if let vat = example.vat {
                            let priced = totalVAT(result.member("vat")) ?? "no VAT"
                            if priced != vat.description {
                                diagnostics.append(
                                    Diagnostic(
                                        .error, file: version.file, path: path.appending("vat"),
                                        message: "\(name) has VAT \(priced), but the tariff publishes \(vat)"))
                            }
                        }
                    }
                }
            }
        }
        return diagnostics
    }

    /// A result's VAT: its `amount`, or with several rates the sum of theirs.
    static func totalVAT(_ vat: JSONValue?) -> String? {
        guard let vat else { return nil }
        guard vat.kind == .array else { return vat.member("amount")?.string }
        var sum = Money.zero
        for entry in vat.elements {
            guard let amount = entry.member("amount")?.string.flatMap(Money.parse), let next = try? sum.adding(amount) else { return nil }
            sum = next
        }
        return sum.description
    }
}
