import TaxaBase
import TaxaEngine

/// The result record of a percentage surcharge: the rate applied, the salary cost, the exact
/// product and the rounded surcharge.
extension ResultWriter {
    static func success(_ envelope: RequestEnvelope, _ surcharge: Surcharge, into w: inout JSONWriter) {
        beginSuccess(envelope, kind: .percentage, into: &w)
        // The closures capture plain values: one capturing `surcharge` copies it, retains and all.
        let date = surcharge.date
        let percent = surcharge.percent
        let exact = surcharge.exact
        let version = surcharge.version
        let salaryCost = surcharge.salaryCost
        let amount = surcharge.amount
        w.key("date"); w.string { $0.appendDate(date) }
        w.key("percent"); w.string { $0.appendDecimal(Int128(percent.units), scale: percent.scale) }
        w.key("salary_cost"); w.money(salaryCost)
        w.key("unrounded"); w.string { $0.appendKronorText(exact) }
        w.key("surcharge"); w.money(amount)
        w.key("text")
        w.string {
            Surcharge.appendText(version: version, percent: percent, salaryCost: salaryCost, exact: exact, amount: amount, to: &$0)
        }
        if let explanation = surcharge.explanation { w.key("explanation"); strings(explanation, into: &w) }
        endSuccess(envelope, surcharge.provenance, into: &w)
    }
}
