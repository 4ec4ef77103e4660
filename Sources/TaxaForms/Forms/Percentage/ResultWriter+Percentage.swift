import TaxaBase
import TaxaEngine

/// The result record of a percentage surcharge: the rate applied, the salary cost, the exact
/// product and the rounded surcharge.
extension ResultWriter {
    static func success(_ envelope: RequestEnvelope, _ surcharge: Surcharge, into w: inout JSONWriter) {
        beginSuccess(envelope, kind: .percentage, into: &w)
        w.key("date"); w.string { $0.appendDate(surcharge.date) }
        w.key("percent"); w.string { $0.appendDecimal(Int128(surcharge.percent.units), scale: surcharge.percent.scale) }
        w.key("salary_cost"); w.money(surcharge.salaryCost)
        w.key("unrounded"); w.string { $0.appendKronorText(surcharge.exact) }
        w.key("surcharge"); w.money(surcharge.amount)
        w.key("text"); w.string { surcharge.appendText(to: &$0) }
        if let explanation = surcharge.explanation { w.key("explanation"); strings(explanation, into: &w) }
        endSuccess(envelope, surcharge.provenance, into: &w)
    }
}
