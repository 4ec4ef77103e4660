import TaxaBase

/// `{"multiply": FACTOR}`: the amount so far × a factor — a constant (`"52"`, "52 veckor"), an
/// input the case officer gives (`{"input": "n"}`), or a factor read from the tariff's
/// tables (`{"bands": …}`, `{"lookup": …}`, `{"table": …}`), optionally named as the tariff
/// names it (`"name": "OF"`). SKR's mPBB × OF × HF × N is one fee: an amount and three of these.
package struct MultiplyBlock: DeclaredBlock {
    package static let key = "multiply"
    static let declaration = BlockDeclaration(
        summary: "the amount so far × a factor: a constant, an input, or read from bands, a lookup or a table (texts say \"× 52\")",
        value: .factor,
        doc: """
            The amount so far × a factor: a constant, a factor the case officer gives, or one read from the
            tariff's bands, lookups or tables, optionally named as the tariff names it.
            """,
        notes: """
            The line's text shows the step: `57,30 kr, × 8 (OF) = 458,40 kr, × 24 (HF) = 11 001,60 kr, × 0,8
            (N) = 8 801,28 kr, avrundat till hela kronor, hälften uppåt = 8 801,00 kr`. SKR's PBL model
            *"mPBB × OF × HF × N"* is one fee: `{"fixed": {"index": "PBB", "times": "0.001"}}`, three
            `multiply` and a `round`.
            """,
        examples: [
            #"{ "multiply": "52" }"#,
            #"{ "multiply": { "name": "N", "factor": "0.8" } }"#,
            #"{ "multiply": { "name": "N", "input": "n" } }"#,
            #"{ "multiply": { "name": "OF", "bands": { "input": "area", "bands": [ { "up_to": "50", "factor": "4" }, { "up_to": "100", "factor": "6" }, { "factor": "8" } ] } } }"#,
            #"{ "multiply": { "name": "HF", "lookup": { "input": "arende", "cases": { "nybyggnad": "24", "tillbyggnad": "20", "fasadandring": null }, "otherwise": "1" } } }"#,
            #"{ "multiply": { "table": { "keys": [ { "input": "area", "up_to": [ "100", null ] } ], "cells": [ "1", "1.5" ] } } }"#,
            #"{ "multiply": { "name": "HF1 + HF2", "sum": [ "24", { "input": "n" } ] } }"#,
            #"{ "multiply": { "use": "objektfaktor" } }"#,
        ])
    let factor: FactorSource
    /// The factor's name in the tariff ("OF", "HF", "N"), for texts.
    let name: String?
    /// The same, held for the line's text.
    let label: LineSteps.StepLabel.Words?

    init(factor: FactorSource, name: String?) {
        self.factor = factor
        self.name = name
        label = name.map(LineSteps.StepLabel.Words.init)
    }

    package init(parsing value: JSONValue, context: BlockContext) throws(FieldError) {
        try context.requireAmount(Self.key)
        (factor, name) = try FactorParser.parseNamed(value, context: context)
        label = name.map(LineSteps.StepLabel.Words.init)
    }

    package func setsAmount(after amountSet: Bool) -> Bool { amountSet }

    package func apply(_ state: inout PriceState, _ line: PricingLine) throws(BlockFailure) {
        let (value, choice) = try factor.evaluate(line, explain: state.explaining)
        let before = state.current
        do { state.amount = try before.times(value) } catch { throw .overflow(error) }
        if state.current != before { line.steps?.steps.append(.multiply(result: state.current, label: label.map(LineSteps.StepLabel.init))) }
        if state.explaining {
            let label = name ?? "Faktor"
            let chosen = choice.map { " (\($0))" } ?? ""
            state.explain(
                "\(label) \(SwedishText.number(value))\(chosen): \(SwedishText.kronor(before)) × \(SwedishText.number(value)) = \(SwedishText.kronor(state.current))."
            )
        }
    }

    /// "× 52", "× OF efter area [till och med 50: 4; …]".
    package func describe(_ context: DescribeContext) -> String {
        "× " + (name.map { "\($0) " } ?? "") + factor.description
    }
}
