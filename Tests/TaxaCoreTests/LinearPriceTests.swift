import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// `LinearPrice` evaluates a constant per-unit pipeline without running its blocks: it must
/// leave exactly the state the blocks leave, for every sign, fraction, divisor and rounding.
@Suite struct LinearPriceTests {
    static let version = TestSupport.shippedTariffs.tariffs["oxelosund/bep"]!.versions[0]

    /// A small deterministic generator (the cases are the same on every run).
    struct Generator {
        var state: UInt64
        mutating func next(_ range: ClosedRange<Int64>) -> Int64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return range.lowerBound + Int64((state >> 33) % UInt64(range.upperBound - range.lowerBound + 1))
        }
    }

    static func blocks(price: Money, per: Int64, rounding: MoneyRounding?) -> [any PriceBlock] {
        var blocks: [any PriceBlock] = [PerUnitBlock(price: .constant(price), per: per)]
        if let rounding { blocks.append(RoundBlock(rounding: rounding)) }
        return blocks
    }

    static func run(_ blocks: [any PriceBlock], _ quantity: Exact) throws -> PriceState {
        let fee = FeeDefinition(
            key: "k", name: "k", paragraph: nil, text: "", inputs: [], quantity: nil, price: blocks, position: 0,
            path: .root)
        var state = PriceState(explain: false)
        try BlockRegistry.run(
            blocks, &state,
            PricingLine(
                fee: fee, version: version, feeYear: 2023, inputs: LineInputs([]), quantity: quantity,
                access: IndexAccess(indices: [:], asOf: nil, rates: nil)))
        return state
    }

    @Test func leavesTheStateTheBlocksLeave() throws {
        var random = Generator(state: 20_261_126)
        let steps: [Int64] = [1, 100, 10_000, 50]
        var compared = 0
        for _ in 0..<5_000 {
            let price = Money(ore: random.next(-10_000_000...100_000_000))
            let per: Int64 = [1, 12, 60, 7, 1_000_000][Int(random.next(0...4))]
            let rounding: MoneyRounding? =
                random.next(0...4) == 0
                ? nil
                : MoneyRounding(
                    step: Money(ore: steps[Int(random.next(0...3))]),
                    mode: RoundingMode.allCases[Int(random.next(0...Int64(RoundingMode.allCases.count - 1)))])
            let quantity = Exact(numerator: Int128(random.next(-100_000...100_000)), denominator: Int128(random.next(1...60)))
            let blocks = Self.blocks(price: price, per: per, rounding: rounding)
            let linear = try #require(LinearPrice(blocks))
            let expected = try Self.run(blocks, quantity)
            let state = try linear.state(quantity)
            #expect(state.amount == expected.amount, "\(quantity) × \(price) / \(per), \(String(describing: rounding))")
            #expect(state.beforeRounding == expected.beforeRounding)
            #expect(state.unitPrice == expected.unitPrice)
            #expect(state.per == expected.per)
            #expect(state.uses.isEmpty && expected.uses.isEmpty)
            compared += 1
        }
        #expect(compared == 5_000)
    }

    @Test func aBEPCellIsTheCouncilsFigure() throws {
        // 1-3 år, January 2023: (244 − 310) × 142 549,00 ÷ 12 = −784 019,50, rounded half away from zero.
        let blocks = Self.blocks(
            price: Money(ore: 14_254_900), per: 12, rounding: MoneyRounding(step: Money(ore: 100), mode: .halfAwayFromZero))
        let state = try #require(LinearPrice(blocks)).state(Exact(numerator: -66, denominator: 1))
        #expect(state.beforeRounding?.kronorText == "-784019.5")
        #expect(state.amount.map { try? $0.money().description } == "-784020.00")
    }

    /// Fees whose pipelines hold the blocks of issue 17: only a defined pipeline that is a constant
    /// per-unit price (and a rounding) is linear; tiers, tables, factors and added amounts never.
    static let vocabulary: TariffSet = {
        let quantity = #""inputs":{"q":{"type":"integer","min":-100000,"max":100000}},"quantity":{"input":"q","unit":"st","scope":"item"}"#
        let fees = [
            #""defined":{"name":"D","text":"t",\#(quantity),"price":[{"use":"styckpris"}]}"#,
            #""added":{"name":"A","text":"t",\#(quantity),"price":[{"per_unit":{"price":"12.34","per":7}},{"add":"40.00"}]}"#,
            #""times":{"name":"T","text":"t",\#(quantity),"price":[{"per_unit":{"price":"12.34","per":7}},{"multiply":"52"}]}"#,
            #""rounded_times":{"name":"R","text":"t",\#(quantity),"price":[{"use":"styckpris"},{"multiply":"1.5"}]}"#,
            #""tiered":{"name":"V","text":"t","inputs":{"q":{"type":"integer","min":0,"max":100000}},"quantity":{"input":"q","unit":"st","scope":"item"},"price":[{"tiers":{"mode":"volume","per":7,"tiers":[{"unit_price":"12.34"}]}}]}"#,
            #""graduated":{"name":"G","text":"t","inputs":{"q":{"type":"integer","min":0,"max":100000}},"quantity":{"input":"q","unit":"st","scope":"item"},"price":[{"tiers":{"mode":"graduated","per":7,"tiers":[{"up_to":"10","unit_price":"12.34"},{"unit_price":"12.34"}]}}]}"#,
            #""grid":{"name":"G","text":"t","inputs":{"k":{"type":"choice","values":["a"]}},"price":[{"table":{"keys":[{"input":"k","values":["a"]}],"cells":["1.00"]}}]}"#,
        ]
        return try! FeeFixture.tariffs(
            #""definitions":{"styckpris":{"pipeline":[{"per_unit":{"price":"12.34","per":7}},{"round":{"step":"0.50","mode":"half_away_from_zero"}}]}},"fees":{"#
                + fees.joined(separator: ",") + "}")
    }()

    static func fee(_ key: String) -> FeeDefinition {
        vocabulary.tariffs["t/a"]!.versions[0].rules.fees.fee(key)!
    }

    static func runFee(_ fee: FeeDefinition, _ quantity: Exact) throws -> PriceState {
        var state = PriceState(explain: false)
        try BlockRegistry.run(
            fee.price, &state,
            PricingLine(
                fee: fee, version: vocabulary.tariffs["t/a"]!.versions[0], feeYear: 2024, inputs: LineInputs(one: .integer(0)), quantity: quantity,
                access: IndexAccess(indices: [:], asOf: nil, rates: nil)))
        return state
    }

    @Test func onlyADefinedConstantPerUnitPipelineIsLinearAmongTheNewBlocks() {
        #expect(Self.fee("defined").linear != nil)
        for key in ["added", "times", "rounded_times", "tiered", "graduated", "grid"] {
            #expect(Self.fee(key).linear == nil, "\(key) must run its blocks")
        }
    }

    /// The defined pipeline priced by `LinearPrice` leaves the state its blocks leave; a volume
    /// tier with the same constant price, and graduated tiers of one price, the same amount.
    @Test func aDefinedPipelineAndOnePriceTiersPriceAsTheBlocks() throws {
        var random = Generator(state: 17)
        let defined = Self.fee("defined")
        let linear = try #require(defined.linear)
        for _ in 0..<2_000 {
            let quantity = Exact(numerator: Int128(random.next(-100_000...100_000)), denominator: 1)
            let expected = try Self.runFee(defined, quantity)
            let state = try linear.state(quantity)
            #expect(state.amount == expected.amount && state.beforeRounding == expected.beforeRounding && state.unitPrice == expected.unitPrice)
            guard !(quantity < .zero) else { continue }
            let plain = try #require(LinearPrice([PerUnitBlock(price: .constant(Money(ore: 1234)), per: 7)])).state(quantity)
            #expect(try Self.runFee(Self.fee("tiered"), quantity).amount == plain.amount, "volume \(quantity)")
            #expect(try Self.runFee(Self.fee("graduated"), quantity).amount == plain.amount, "graduated \(quantity)")
        }
    }

    @Test func onlyAConstantPerUnitPriceThenARoundIsLinear() {
        let round = RoundBlock(rounding: MoneyRounding(step: Money(ore: 1), mode: .halfUp))
        let perUnit = PerUnitBlock(price: .constant(Money(ore: 100)), per: 1)
        #expect(LinearPrice([perUnit]) != nil)
        #expect(LinearPrice([perUnit, round]) != nil)
        #expect(LinearPrice([round, perUnit]) == nil)
        #expect(LinearPrice([perUnit, round, round]) == nil)
        #expect(LinearPrice([FixedBlock(amount: .constant(Money(ore: 100)))]) == nil)
        #expect(LinearPrice([perUnit, AddBlock(amount: .constant(Money(ore: 100)), text: nil)]) == nil)
        #expect(LinearPrice([perUnit, MultiplyBlock(factor: .constant(ScaledDecimal(units: 52, scale: 0)), name: nil)]) == nil)
        #expect(LinearPrice([UseBlock(name: "u", blocks: [perUnit, round])]) != nil)
        #expect(LinearPrice([UseBlock(name: "u", blocks: [perUnit, round]), round]) == nil)
    }
}
