import TaxaBase

/// `{"use": NAME}`: the blocks of a pipeline defined once under `definitions` (Eksjö's "30 %
/// för vatten, 70 % för avlopp", in every fee), read against this fee's inputs. It is checked
/// as one block where it stands (an amount it replaces, what it leaves set) and then spliced
/// into the pipeline (`BlockRegistry.parsePipeline`): the fee prices with the defined blocks as
/// if written there, at no cost per request.
package struct UseBlock: DeclaredBlock {
    package static let key = "use"
    static let declaration = BlockDeclaration(
        summary: "the blocks of a pipeline defined under `definitions`",
        value: .definition,
        doc: """
            The blocks of a pipeline defined under `definitions`, read against this fee's inputs and run
            where the `use` stands.
            """,
        examples: [#"{ "use": "andel_vatten" }"#])
    let name: String
    let blocks: [any PriceBlock]
    let leavesAmount: Bool

    init(name: String, blocks: [any PriceBlock]) {
        self.name = name
        self.blocks = blocks
        leavesAmount = true
    }

    package init(parsing value: JSONValue, context: BlockContext) throws(FieldError) {
        guard let definitions = context.definitions else {
            throw FieldError("names a definition, but the version file has no \"definitions\"")
        }
        // `value` is the name; `entry` and `read` report at the `use` key, which the registry adds.
        do throws(FieldError) {
            let (name, entry) = try definitions.entry(value, kind: .pipeline)
            self.name = name
            var inner = context
            inner.path = entry.path
            inner.depth += 1
            (blocks, leavesAmount) = try definitions.read(name, entry) { v throws(FieldError) in try BlockRegistry.parsePipeline(v, context: inner) }
        } catch {
            var located = error
            if located.path.components.first == .key("use") { located.path.components.removeFirst() }
            throw located
        }
    }

    package func setsAmount(after amountSet: Bool) -> Bool { leavesAmount }

    package var discardsAmountSoFar: Bool { TaxaEngine.discardsAmountSoFar(blocks) }
    package var setsAmountItself: Bool { blocks.last?.setsAmountItself ?? false }

    package func apply(_ state: inout PriceState, _ line: PricingLine) throws(BlockFailure) {
        try BlockRegistry.run(blocks, &state, line)
    }

    package func describe(_ context: DescribeContext) -> String { context.pipeline(blocks) }

    /// The amounts of the defined blocks, located at the `use` that brings them in.
    package var amountSources: [(path: JSONPath, source: AmountSource)] {
        blocks.flatMap { $0.amountSources.map { (JSONPath.root, $0.source) } }
    }
}
