import Foundation

/// Compares one engine answer (a result line) with the reference interpreter's outcome: the
/// error's code and path, or every line (kind, fee or cap, version, fee year, period, items,
/// billed quantity, amount), the subtotal, adjustment, VAT, total and the versions used. The
/// answer is read with Foundation's JSON reader: neither the engine's nor the interpreter's.
extension Reference {
    /// nil when they agree, else what differs.
    static func disagreement(engine answer: String, reference outcome: Outcome) -> String? {
        guard let result = (try? JSONSerialization.jsonObject(with: Data(answer.utf8))).map(Answer.init) else { return "the engine's answer is not JSON" }
        switch outcome {
        case .failed(let failure):
            guard result["ok"]?.bool == false else { return "the reference refuses (\(failure.code) at \(failure.path)); the engine prices it" }
            let code = result["error"]?["code"]?.string ?? "?"
            let path = result["error"]?["path"]?.string ?? "?"
            return code == failure.code && path == failure.path
                ? nil : "error \(code) at \(path); the reference says \(failure.code) at \(failure.path)"
        case .priced(let priced):
            guard result["ok"]?.bool == true else {
                return "the engine refuses (\(result["error"]?["code"]?.string ?? "?") at \(result["error"]?["path"]?.string ?? "?")); the reference prices it"
            }
            var differences: [String] = []
            func check(_ what: String, _ engine: String?, _ reference: String?) {
                if engine != reference { differences.append("\(what): engine \(engine ?? "none"), reference \(reference ?? "none")") }
            }
            let lines = result["lines"]?.elements ?? []
            check("line count", String(lines.count), String(priced.lines.count))
            for (n, (line, expected)) in zip(lines, priced.lines).enumerated() {
                check("lines[\(n)].kind", line["kind"]?.string, expected.kind)
                check("lines[\(n)].name", line[expected.kind == "cap" ? "cap" : "fee"]?.string, expected.name)
                check("lines[\(n)].version", line["version"]?.string, expected.version)
                check("lines[\(n)].period", line["period"]?.string, expected.period)
                if expected.kind == "fee" {
                    check("lines[\(n)].fee_year", line["fee_year"]?.integer.map(String.init), expected.feeYear.map(String.init))
                    check("lines[\(n)].items", line["items"]?.integers, expected.items.map(String.init).joined(separator: ","))
                    check(
                        "lines[\(n)].quantity.billed", line["quantity"]?["billed"]?.string.flatMap(Fraction.init(decimal:))?.description,
                        expected.billed?.description)
                }
                check("lines[\(n)].amount", line["amount"]?.string, expected.amount.money)
            }
            check("subtotal", result["subtotal"]?.string, priced.subtotal.money)
            check("adjustment", result["adjustment"]?["amount"]?.string, priced.adjustment?.money)
            check("vat", result["vat"]?["amount"]?.string, priced.vat?.money)
            check("total", result["total"]?.string, priced.total.money)
            check("versions", result["versions"]?.strings, priced.versions.joined(separator: ","))
            return differences.isEmpty ? nil : differences.joined(separator: "; ")
        }
    }
}

extension Reference {
    /// A value of Foundation's JSON reader, with the accessors the comparison needs.
    struct Answer {
        let value: Any

        init(_ value: Any) { self.value = value }

        subscript(key: String) -> Answer? { (value as? [String: Any])?[key].map(Answer.init) }
        var elements: [Answer] { (value as? [Any] ?? []).map(Answer.init) }
        var string: String? { value as? String }
        var bool: Bool? { value as? Bool }
        var integer: Int? { (value as? NSNumber)?.intValue }
        var integers: String { elements.compactMap { $0.integer.map(String.init) }.joined(separator: ",") }
        var strings: String { elements.compactMap(\.string).joined(separator: ",") }
    }
}
