import TaxaBase

/// Every block of the rule vocabulary, by its key in tariff files: the one list a new block is
/// added to. Its own file goes beside this one and declares its keys (`DeclaredBlock`); then
/// `swift run generate-vocabulary` writes its schema definition and its section of the docs.
package enum BlockRegistry {
    static let blocks: [any DeclaredBlock.Type] = [
        FixedBlock.self,
        PerUnitBlock.self,
        PercentBlock.self,
        ShareBlock.self,
        RoundBlock.self,
        MinBlock.self,
        MaxBlock.self,
        BandsBlock.self,
        LookupBlock.self,
        AddBlock.self,
        MultiplyBlock.self,
        TiersBlock.self,
        TableBlock.self,
        UseBlock.self,
    ]

    /// The blocks that set an amount whatever came before, for messages.
    static let setterNames = "fixed, per_unit, percent, tiers or table"

    /// Reads a pipeline, an array of 1–20 blocks; returns the blocks and whether they leave an
    /// amount set. A block whose amount the next block replaces before anything reads it is
    /// refused: `[{"fixed": A}, {"fixed": "40.00"}]` would price 40,00 kr and drop A silently.
    static func parsePipeline(_ value: JSONValue, context: BlockContext) throws(FieldError) -> ([any PriceBlock], Bool) {
        // Bands and lookups nest pipelines; pricing recurses through them on a worker's stack.
        guard context.depth <= Limits.pipelineDepth else {
            throw FieldError(
                "nests bands and lookups \(context.depth) deep; a price may nest them at most \(Limits.pipelineDepth) deep")
        }
        let list = try Read.array(value, count: 1...Limits.blocks, of: "blocks, each an object with one key such as {\"fixed\": \"3450.00\"}")
        var blocks: [any PriceBlock] = []
        var amountSet = context.amountSet
        // The block read last, as written (a `use` is one block here).
        var lastRead: (any PriceBlock)?
        for (index, element) in list.enumerated() {
            var inner = context
            inner.amountSet = amountSet
            inner.path = context.path.appending(.index(index))
            let block = try inside(index: index) { () throws(FieldError) in try parse(element, context: inner) }
            if let previous = lastRead, previous.setsAmountItself, block.discardsAmountSoFar {
                let key = type(of: block).key
                throw FieldError(
                    "sets an amount that the next block (\(key)) replaces before anything uses it, so it never counts; to add the two write {\"add\": …}, to multiply {\"multiply\": …}, or remove one",
                    at: JSONPath([.index(index - 1), .key(type(of: previous).key)]))
            }
            amountSet = block.setsAmount(after: amountSet)
            // A defined pipeline is checked as one block and priced as its blocks written here.
            if let use = block as? UseBlock { blocks += use.blocks } else { blocks.append(block) }
            lastRead = block
        }
        return (blocks, amountSet)
    }

    /// Reads one block: an object with exactly one key naming it.
    static func parse(_ value: JSONValue, context: BlockContext) throws(FieldError) -> any PriceBlock {
        let members = value.kind == .object ? value.members : []
        guard members.count == 1 else {
            throw FieldError(
                "expected a block: an object with exactly one key, one of: \(names); got \(value.kind == .object ? "an object with \(members.count) keys" : value.kind.name)"
            )
        }
        let key = members[0].key
        var inner = context
        inner.path = context.path.appending(key)
        for type in blocks where type.key == key {
            do throws(FieldError) {
                return try type.make(parsing: members[0].value, context: inner)
            } catch {
                throw error.prefixed(.key(key))
            }
        }
        throw FieldError("unknown block \"\(key)\"; expected one of: \(names)", at: JSONPath([.key(key)]))
    }

    static let names = blocks.map { $0.key }.joined(separator: ", ")

    static func run(_ blocks: [any PriceBlock], _ state: inout PriceState, _ line: PricingLine) throws(BlockFailure) {
        // By index: a loop over the blocks copies each one out (its box retained and released).
        for index in blocks.indices { try blocks[index].apply(&state, line) }
    }
}
