/// The result record of a percentage surcharge: the rate applied, the salary cost, the exact
/// product and the rounded surcharge.
extension ResultWriter {
    public static func success(_ envelope: RequestEnvelope, _ surcharge: Surcharge, into w: inout JSONWriter) {
        beginSuccess(envelope, kind: "percentage", into: &w)
        w.key("date"); w.plainString(surcharge.date.description)
        w.key("percent"); w.plainString(surcharge.percent.description)
        w.key("salary_cost"); w.money(surcharge.salaryCost)
        w.key("unrounded"); w.string { $0.appendKronorText(surcharge.exact) }
        w.key("surcharge"); w.money(surcharge.amount)
        w.key("text"); w.string { surcharge.appendText(to: &$0) }
        if let explanation = surcharge.explanation { w.key("explanation"); strings(explanation, into: &w) }
        endSuccess(envelope, surcharge.provenance, into: &w)
    }
}
