/// The result record of a percentage surcharge: the rate applied, the salary cost, the exact
/// product and the rounded surcharge.
extension ResultWriter {
    public static func success(_ envelope: RequestEnvelope, _ surcharge: Surcharge, into w: inout JSONWriter) {
        beginSuccess(envelope, kind: "percentage", into: &w)
        w.key("date"); w.plainString(surcharge.date.description)
        w.key("percent"); w.plainString(surcharge.percent.description)
        w.key("salary_cost"); w.plainString(surcharge.salaryCost.description)
        w.key("unrounded"); w.plainString(surcharge.unrounded)
        w.key("surcharge"); w.plainString(surcharge.amount.description)
        w.key("text"); w.string(surcharge.text)
        if let explanation = surcharge.explanation {
            w.key("explanation")
            w.beginArray()
            for line in explanation { w.string(line) }
            w.endArray()
        }
        endSuccess(envelope, surcharge.provenance, into: &w)
    }
}
