import TaxaBase

/// One dimension of a table: the input that picks a row (a column, …) and how its value does.
package struct GridKey: Sendable {
    /// How the input's value picks a row: by value (a choice's string, an integer's digits, a
    /// decimal written without trailing zeros; a value not listed is not offered), or by bands
    /// (the first row whose top, inclusive, is at or above it; a last top of nil takes every
    /// larger value; a value above the last top is out of the tariff's range).
    ///
    /// A struct of plain arrays rather than an enum with an array in each case: such an enum
    /// keeps its case in the spare bits of an array's pointer, which leak checkers cannot follow.
    struct Match: Sendable {
        /// The rows by value (empty for bands).
        let values: [String]
        /// The rows by bands: their tops as written and as exact values (empty by value).
        let tops: [ScaledDecimal?]
        let exactTops: [Exact?]

        var byValue: Bool { tops.isEmpty }

        static func values(_ values: [String]) -> Match { Match(values: values, tops: [], exactTops: []) }

        static func upTo(_ tops: [ScaledDecimal?]) -> Match {
            Match(values: [], tops: tops, exactTops: tops.map { $0.map(Exact.plain) })
        }
    }

    let input: Int
    let name: String
    let match: Match

    var count: Int {
        match.byValue ? match.values.count : match.tops.count
    }

    /// A row's label in texts: its value, or "till och med 50", "över 150".
    func label(_ row: Int) -> String {
        if match.byValue { return match.values[row] }
        if let top = match.tops[row] { return "till och med \(SwedishText.decimal(top))" }
        return row == 0 ? "alla" : "över \(SwedishText.decimal(match.tops[row - 1]!))"
    }
}

/// A table keyed by one or more inputs, written as the tariff prints it (rows × columns × …),
/// whose cells are amounts or factors. A cell left empty (`null`) is not offered.
package struct Grid<Cell: Sendable>: Sendable {
    let keys: [GridKey]
    /// Row-major: the last key varies fastest.
    let cells: [Cell?]

    /// Where an item's inputs lead.
    enum Found {
        case cell(Cell, rows: [Int])
        /// An empty cell, or a value no row lists: not offered.
        case notOffered(message: String, emptyCell: Bool)
        /// An input above the last top of a key.
        case above(key: Int, message: String)
    }

    /// The cell `line`'s inputs pick (on the fee's quantity input: its billed quantity).
    func find(_ line: PricingLine) -> Found {
        var position = 0
        var rows: [Int] = []
        rows.reserveCapacity(keys.count)
        for (keyIndex, key) in keys.enumerated() {
            let row: Int?
            if key.match.byValue {
                let values = key.match.values
                if case .choice(let choice) = line.inputs[key.input] {
                    // Values are distinct as text: the byte-equal one, if any, is the only match.
                    row = values.firstIndex { $0.sameBytes(choice) } ?? values.firstIndex(of: choice)
                } else {
                    row = values.firstIndex(of: line.valueText(key.input))
                }
            } else {
                let tops = key.match.tops
                let exact = key.match.exactTops
                let number = line.number(key.input)
                row = exact.firstIndex { top in top.map { !($0 < number) } ?? true }
                if row == nil {
                    return .above(
                        key: keyIndex,
                        message:
                            "is \(line.valueText(key.input))\(line.isBilledQuantity(key.input) ? " (the billed quantity of the line)" : ""), above the highest row of the table of fees.\(line.fee.key) (up to \(tops.last!!)); the tariff states no fee above it"
                    )
                }
            }
            guard let row else { return .notOffered(message: notOffered(line, missing: keyIndex), emptyCell: false) }
            rows.append(row)
            position = position * key.count + row
        }
        guard let cell = cells[position] else { return .notOffered(message: notOffered(line, missing: nil), emptyCell: true) }
        return .cell(cell, rows: rows)
    }

    /// "fees.hamtning is not offered for karl = 660, tomning = varje_vecka: the tariff leaves
    /// that cell of its table empty"; for a value no row lists (`missing`, the key), the
    /// values it does list.
    func notOffered(_ line: PricingLine, missing: Int?) -> String {
        let fee = "fees.\(line.fee.key)"
        let given = keys.map { "\($0.name) = \(line.valueText($0.input))" }.joined(separator: ", ")
        guard let missing, keys[missing].match.byValue else {
            return "\(fee) is not offered for \(given): the tariff leaves that cell of its table empty"
        }
        return
            "\(fee) is not offered for \(given): the tariff lists no price for \(keys[missing].name) = \(line.valueText(keys[missing].input)) (it lists: \(keys[missing].match.values.joined(separator: ", ")))"
    }

    /// "karl 370, tomning varje_vecka": the rows an item fell in, for explanations.
    func rowsText(_ rows: [Int], _ line: PricingLine) -> String {
        zip(keys, rows).map { key, row in
            key.match.byValue
                ? "\(key.name) \(line.valueSwedish(key.input))" : "\(key.name) \(line.valueSwedish(key.input)) (\(key.label(row)))"
        }.joined(separator: ", ")
    }

    /// Every cell with its rows, for descriptions and amount sources.
    var cellsWithRows: [(rows: [Int], cell: Cell?)] {
        cells.enumerated().map { position, cell in
            var rows: [Int] = []
            var rest = position
            for key in keys.reversed() {
                rows.insert(rest % key.count, at: 0)
                rest /= key.count
            }
            return (rows, cell)
        }
    }

    /// A cell's path inside the table (`cells[1][2]`).
    static func path(_ rows: [Int]) -> JSONPath {
        JSONPath([.key("cells")] + rows.map { .index($0) })
    }
}

/// Reads a table: `{"keys": [{"input": …, "values": […]} | {"input": …, "up_to": […]}, …],
/// "cells": [[…], …]}`, with `cell` reading one non-null cell.
package enum GridParser {
    static let maxKeys = Limits.tableKeys
    static let maxRows = Limits.tableRows
    static let maxCells = Limits.tableCells

    /// A table's keys, declared once: read through this, and written into the schema's `table`
    /// definition and the docs' `table` section by `generate-vocabulary`.
    static let table = ObjectShape(
        what: "a table",
        keys: [
            DeclaredKey(
                "keys", .array(.object(key), count: 1...maxKeys, noun: "keys"), .required,
                "one per input that picks a row, a column, …; each a different input of the fee"),
            DeclaredKey(
                "cells", .cells, .required,
                "each of exactly as many entries as its key has rows; a cell is any amount (in `multiply`, a factor), or `null` (not offered)"
            ),
        ])
    static let key = ObjectShape(
        what: "a key",
        keys: [
            DeclaredKey("input", .input(numeric: false), .required, "the input that picks this key's row"),
            DeclaredKey(
                "values", .array(.string(1...Limits.choiceValue), count: 1...maxRows, noun: "values", distinct: true), .optional,
                "the rows by value: a choice's strings, an integer's digits, a decimal written without trailing zeros (`\"2.5\"`)"),
            DeclaredKey(
                "up_to", .array(.nullable(.decimal(scale: 4, signed: true)), count: 1...maxRows, noun: "tops"), .optional,
                "the rows by bands of an integer or decimal input: tops (inclusive), increasing; the last may be `null` (every larger value)"),
        ],
        exactlyOne: ["values", "up_to"])

    static func parse<Cell>(
        _ value: JSONValue, context: BlockContext, what: String,
        cell: (JSONValue, BlockContext) throws(FieldError) -> Cell
    ) throws(FieldError) -> Grid<Cell> {
        var shape = table
        shape.what = what
        return try DeclaredObject.read(value, shape) { object throws(FieldError) in
            var keys: [GridKey] = []
            let list = try object.read("keys") { v throws(FieldError) in
                try Read.array(v, count: 1...maxKeys, of: "keys, one per input that picks a row, a column, …")
            }
            for (index, element) in list.enumerated() {
                let key = try inside("keys") { () throws(FieldError) in
                    try inside(index: index) { () throws(FieldError) in try parseKey(element, context: context) }
                }
                if keys.contains(where: { $0.input == key.input }) {
                    throw FieldError("names the input \(key.name) twice; each key is a different input", at: JSONPath([.key("keys"), .index(index)]))
                }
                keys.append(key)
            }
            let total = keys.reduce(1) { $0 * $1.count }
            guard total <= maxCells else {
                throw FieldError("has \(total) cells; a table holds at most \(maxCells)", at: JSONPath([.key("keys")]))
            }
            var cells: [Cell?] = []
            cells.reserveCapacity(total)
            var cellContext = context
            cellContext.path = context.path.appending("cells")
            try object.read("cells") { v throws(FieldError) in
                try readCells(v, keys: keys[...], context: cellContext, into: &cells, cell: cell)
            }
            guard cells.contains(where: { $0 != nil }) else {
                throw FieldError("has only empty cells; a table prices at least one", at: JSONPath([.key("cells")]))
            }
            return Grid(keys: keys, cells: cells)
        }
    }

    private static func parseKey(_ value: JSONValue, context: BlockContext) throws(FieldError) -> GridKey {
        try DeclaredObject.read(value, key) { object throws(FieldError) -> GridKey in
            let (index, input) = try object.read("input") { v throws(FieldError) in try context.input(v, numeric: false) }
            switch (object.has("values"), object.has("up_to")) {
            case (true, false):
                var values: [String] = []
                let list = try object.present("values") { v throws(FieldError) in try Read.array(v, count: 1...maxRows, of: "values of the input") }
                for (position, element) in list.enumerated() {
                    let text = try inside("values") { () throws(FieldError) in
                        try inside(index: position) { () throws(FieldError) -> String in
                            let text = try Read.string(element, length: 1...Limits.choiceValue)
                            try LookupBlock.check(text, against: input, summed: context.isSummedQuantity(index))
                            guard !values.contains(text) else { throw FieldError("\"\(text)\" is listed twice") }
                            return text
                        }
                    }
                    values.append(text)
                }
                return GridKey(input: index, name: input.name, match: .values(values))
            case (false, true):
                guard case .choice = input.kind else {
                    let list = try object.present("up_to") { v throws(FieldError) in try Read.array(v, count: 1...maxRows, of: "tops (inclusive)") }
                    let domain = context.domain(of: index)
                    var tops: [ScaledDecimal?] = []
                    for (position, element) in list.enumerated() {
                        let top = try inside("up_to") { () throws(FieldError) in
                            try inside(index: position) { () throws(FieldError) -> ScaledDecimal? in
                                if element.kind == .null {
                                    guard position == list.count - 1 else {
                                        throw FieldError("is null (no top) but is not the last row; only the last row may take every larger value")
                                    }
                                    return nil
                                }
                                let top = try Read.decimal(element, maxScale: 4, allowNegative: true, what: "a row's top (inclusive)")
                                if let previous = tops.last ?? nil, !(Exact.plain(previous) < Exact.plain(top)) {
                                    throw FieldError("is \(top), not above the previous row's top \(previous); list rows from the lowest")
                                }
                                return top
                            }
                        }
                        if let problem = domain?.unreachable(above: tops.last ?? nil, upTo: top) {
                            throw FieldError(
                                "the row up to \(top.map(\.description) ?? "any value") \(problem)", at: JSONPath([.key("up_to"), .index(position)]))
                        }
                        tops.append(top)
                    }
                    return GridKey(input: index, name: input.name, match: .upTo(tops))
                }
                throw FieldError(
                    "names the input \"\(input.name)\", a choice: rows by \"up_to\" need an integer or decimal input; list its \"values\"",
                    at: JSONPath([.key("input")]))
            default:
                throw FieldError("expected exactly one of \"values\" (a row per value) or \"up_to\" (a row per band, each up to a top, inclusive)")
            }
        }
    }

    /// Reads the nested arrays of cells for `keys` in row-major order.
    private static func readCells<Cell>(
        _ value: JSONValue, keys: ArraySlice<GridKey>, context: BlockContext, into cells: inout [Cell?],
        cell: (JSONValue, BlockContext) throws(FieldError) -> Cell
    ) throws(FieldError) {
        guard let key = keys.first else {
            if value.kind == .null {
                cells.append(nil)
            } else {
                cells.append(try cell(value, context))
            }
            return
        }
        let rows = (0..<key.count).map { key.label($0) }
        guard value.kind == .array, value.count == key.count else {
            throw FieldError(
                "expected an array of \(key.count) (one per row of \(key.name): \(rows.joined(separator: ", "))), got \(value.kind == .array ? "\(value.count)" : value.kind.name)"
            )
        }
        for (index, element) in value.elements.enumerated() {
            var inner = context
            inner.path = context.path.appending(.index(index))
            try inside(index: index) { () throws(FieldError) in
                try readCells(element, keys: keys.dropFirst(), context: inner, into: &cells, cell: cell)
            }
        }
    }
}
