import TaxaBase

/// `{"table": {"keys": [{"input": "karl", "values": ["140", "190"]}, {"input": "tomning", "values": […]}],
/// "cells": [["1200.00", "900.00"], ["1500.00", null]]}}`: the amount is the cell the item's
/// inputs pick, in a grid written as the tariff prints it (rows × columns × …). A key picks its
/// row by the input's value (`values`) or by bands (`up_to`, tops inclusive). An empty cell
/// (`null`) or a value no row lists is not offered: the request gets `not_offered` naming the
/// inputs and their values.
package struct TableBlock: DeclaredBlock {
    package static let key = "table"
    static let declaration = BlockDeclaration(
        summary: "the amount in the cell the item's inputs pick (rows × columns × …)",
        value: .table,
        doc: """
            The amount is the cell the item's inputs pick, in a grid written as the tariff prints it: the
            first key is the rows, the second the columns, and so on. *A waste tariff's bin size × emptying
            interval, one cell empty.*
            """,
        notes: """
            A cell left empty (`null`), or a value the input can take that no row lists, is **not offered**:
            the request gets `not_offered` at `items[N].inputs`, naming every key's input and value (`fees.
            hamtning is not offered for karl = 370, tomning = varannan_vecka: the tariff leaves that cell of
            its table empty`). A value above the last `up_to` is an `invalid_request` at the input. A table
            holds at most 10 000 cells and at least one that is not empty.
            """,
        examples: [
            #"""
            { "table": {
              "keys": [ { "input": "karl", "values": ["140", "190", "370"] },
                        { "input": "tomning", "values": ["varje_vecka", "varannan_vecka"] } ],
              "cells": [ ["1200.00", "900.00"],
                         ["1500.00", "1100.00"],
                         ["2900.00", null] ] } }
            """#
        ])
    let grid: Grid<AmountSource>

    package init(parsing value: JSONValue, context: BlockContext) throws(FieldError) {
        grid = try GridParser.parse(value, context: context, what: "a table") { v, context throws(FieldError) in
            try AmountSourceParser.parse(v, context: context)
        }
    }

    package func setsAmount(after amountSet: Bool) -> Bool { true }

    package var discardsAmountSoFar: Bool { true }
    package var setsAmountItself: Bool { true }

    package func apply(_ state: inout PriceState, _ line: PricingLine) throws(BlockFailure) {
        switch grid.find(line) {
        case .cell(let source, let rows):
            let value = try line.amount(source, explain: state.trace != nil)
            state.record(value)
            state.amount = value.value
            line.steps?.started(.fixed, amount: state.current)
            if state.explaining { state.explain("\(grid.rowsText(rows, line)): \(SwedishText.kronor(value.value)).") }
        case .notOffered(let message, _):
            throw .notOffered(message: message)
        case .above(let key, let message):
            throw .input(index: grid.keys[key].input, message: message)
        }
    }

    package func describe(_ context: DescribeContext) -> String {
        let cells = grid.cellsWithRows.map { rows, cell in
            let label = zip(grid.keys, rows).map { $0.label($1) }.joined(separator: ", ")
            return "\(label): \(cell.map(context.amount) ?? "erbjuds inte")"
        }
        return "efter \(grid.keys.map(\.name).joined(separator: " och ")) [\(cells.joined(separator: "; "))]"
    }

    package var amountSources: [(path: JSONPath, source: AmountSource)] {
        grid.cellsWithRows.compactMap { rows, cell in cell.map { (Grid<AmountSource>.path(rows), $0) } }
    }
}
