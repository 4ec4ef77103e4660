import TaxaBase

/// `{"bands": {"input": INPUT, "bands": [{"up_to": "50000.00", "price": [BLOCK…]}, …]}}`: one
/// band applies, the first whose top (inclusive) is at or above the input; it continues the
/// pipeline with its own blocks. An input above the highest stated top is refused, never guessed.
/// Bands on the fee's quantity input are chosen by the billed quantity (`PricingLine.number`).
package struct BandsBlock: DeclaredBlock {
    package static let key = "bands"
    static let declaration = BlockDeclaration(
        summary: "bands of an input, each continuing with its own blocks",
        value: .object(shape),
        doc: """
            The first band whose `up_to` (inclusive) is at or above the input continues the pipeline with its
            own blocks, then the blocks after `bands`. An input above the last `up_to` is an
            `invalid_request` naming the input.
            """,
        examples: [
            #"""
            { "bands": { "input": "omsattning", "bands": [
              { "up_to": "50000.00",  "price": [ { "fixed": { "index": "PBB", "percent": "1.5" } } ] },
              { "up_to": "100000.00", "price": [ { "fixed": { "index": "PBB", "percent": "2.5" } } ] } ] } }
            """#
        ])
    static let shape = ObjectShape(
        what: "bands",
        keys: [
            DeclaredKey("input", .input(numeric: true), .required, "the input the bands are of (on the quantity input, the billed quantity)"),
            DeclaredKey("bands", .array(.object(band), count: 1...Limits.bands, noun: "bands"), .required, "the bands, from the lowest"),
        ])
    static let band = ObjectShape(
        what: "a band",
        keys: [
            DeclaredKey("up_to", .decimal(scale: 4, signed: true), .required, "the band's top (inclusive), above the previous band's"),
            DeclaredKey("price", .pipeline, .required, "the blocks of this band"),
        ])
    package let input: Int
    package let inputName: String
    package let bands: [(upTo: ScaledDecimal, blocks: [any PriceBlock])]
    /// The bands' tops as exact values, made once: an item's input is compared with them.
    let tops: [Exact]
    let leavesAmount: Bool

    package init(parsing value: JSONValue, context: BlockContext) throws(FieldError) {
        var bands: [(ScaledDecimal, [any PriceBlock])] = []
        var leaves = true
        let (index, declared, list) = try DeclaredObject.read(value, Self.shape) { object throws(FieldError) in
            let (index, declared) = try object.read("input") { v throws(FieldError) in try context.input(v, numeric: true) }
            return (index, declared, try object.read("bands") { v throws(FieldError) in try Read.array(v, count: 1...Limits.bands, of: "bands") })
        }
        input = index
        inputName = declared.name
        for (position, element) in list.enumerated() {
            let band = try inside("bands") { () throws(FieldError) in
                try inside(index: position) { () throws(FieldError) -> (ScaledDecimal, [any PriceBlock], Bool) in
                    try DeclaredObject.read(element, Self.band) { band throws(FieldError) in
                        let top = try band.read("up_to") { v throws(FieldError) in
                            try Read.decimal(v, maxScale: 4, allowNegative: true, what: "the band's top (inclusive)")
                        }
                        if let previous = bands.last?.0, !(Exact.plain(previous) < Exact.plain(top)) {
                            throw FieldError(
                                "is \(top), not above the previous band's top \(previous); list bands from the lowest",
                                at: JSONPath([.key("up_to")]))
                        }
                        if let problem = context.domain(of: index)?.unreachable(above: bands.last?.0, upTo: top) {
                            throw FieldError("the band \(problem)", at: JSONPath([.key("up_to")]))
                        }
                        var inner = context
                        inner.path = context.path.appending("bands").appending(.index(position)).appending("price")
                        inner.depth += 1
                        let (blocks, sets) = try band.read("price") { v throws(FieldError) in try BlockRegistry.parsePipeline(v, context: inner) }
                        return (top, blocks, sets)
                    }
                }
            }
            bands.append((band.0, band.1))
            leaves = leaves && band.2
        }
        self.bands = bands
        tops = bands.map { Exact.plain($0.0) }
        leavesAmount = leaves
    }

    package func setsAmount(after amountSet: Bool) -> Bool { leavesAmount }

    /// Every band starts by setting an amount of its own.
    package var discardsAmountSoFar: Bool { bands.allSatisfy { TaxaEngine.discardsAmountSoFar($0.blocks) } }

    package var setsAmountItself: Bool { bands.allSatisfy { $0.blocks.last?.setsAmountItself ?? false } }

    package func apply(_ state: inout PriceState, _ line: PricingLine) throws(BlockFailure) {
        let value = line.number(input)
        guard let position = tops.firstIndex(where: { !($0 < value) }) else {
            let billed = line.isBilledQuantity(input) ? " (the billed quantity of the line)" : ""
            throw .input(
                index: input,
                message:
                    "is \(line.valueText(input))\(billed), above the highest band of \(line.fee.key) (up to \(bands.last!.upTo)); the tariff states no fee above it"
            )
        }
        if state.explaining {
            let lower = position == 0 ? "" : "över \(SwedishText.decimal(bands[position - 1].upTo)) och "
            let billed = line.isBilledQuantity(input) ? " (debiterad mängd)" : ""
            state.explain(
                "\(inputName) \(SwedishText.number(value))\(billed): band \(position + 1), \(lower)till och med \(SwedishText.decimal(bands[position].upTo)).")
        }
        try BlockRegistry.run(bands[position].blocks, &state, line)
    }

    package func describe(_ context: DescribeContext) -> String {
        let bands = self.bands.map { "till och med \(SwedishText.decimal($0.upTo)): \(context.pipeline($0.blocks))" }
        return "efter \(inputName) [" + bands.joined(separator: "; ") + "; därutöver ingen avgift angiven]"
    }

    package var amountSources: [(path: JSONPath, source: AmountSource)] {
        var found: [(path: JSONPath, source: AmountSource)] = []
        for (position, band) in bands.enumerated() {
            for (index, block) in band.blocks.enumerated() {
                for (path, source) in block.amountSources {
                    found.append(
                        (JSONPath([.key("bands"), .index(position), .key("price"), .index(index), .key(type(of: block).key)]).appending(path), source))
                }
            }
        }
        return found
    }
}

extension Exact {
    /// A plain decimal number (not money) as an exact value, for comparing inputs.
    package static func plain(_ value: ScaledDecimal) -> Exact {
        Exact(numerator: Int128(value.units), denominator: powerOfTen(value.scale))
    }
}
