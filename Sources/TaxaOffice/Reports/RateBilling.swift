import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaService

/// What `taxa rates` shows of a version beyond its prices: each fee's own VAT and accounting
/// codes, the caps' and VAT's codes, and the rounding of the invoice total.
package struct RateBilling: Sendable {
    /// Per fee, in the order of the row's fees: its own VAT in Swedish ("moms 6 % ingår"), or nil.
    package var feeVAT: [String?] = []
    package var feeAccounting: [Accounting?] = []
    /// Per cap, in the order of the row's caps.
    package var capAccounting: [Accounting?] = []
    package var vatAccounting: Accounting?
    /// "öresavrundning av summan: avrundat till hela kronor, hälften uppåt".
    package var rounding: String?
    package var roundingAccounting: Accounting?

    init() {}

    init(_ rules: FeeRules) {
        feeVAT = rules.fees.map { $0.vat.map(RateBilling.describe) }
        feeAccounting = rules.fees.map(\.accounting)
        capAccounting = rules.caps.map(\.accounting)
        vatAccounting = rules.vat?.accounting
        rounding = rules.totalRounding.map { "\($0.name.lowercased()) av summan efter moms: \(SwedishText.rounding($0.rounding))" }
        roundingAccounting = rules.totalRounding?.accounting
    }

    /// "momsfri" or "moms 6 % ingår i beloppet" / "moms 25 % läggs till".
    static func describe(_ rule: VATRule) -> String {
        rule.rate.units == 0 ? "momsfri" : "moms \(SwedishText.percent(rule.rate)) \(rule.included ? "ingår i beloppet" : "läggs till")"
    }

    /// The text lines under fee `index` of a row.
    func feeText(_ index: Int) -> String {
        var out = ""
        if index < feeVAT.count, let vat = feeVAT[index] { out += "        \(vat)\n" }
        if index < feeAccounting.count, let accounting = feeAccounting[index] { out += "        kontering: \(accounting.text)\n" }
        return out
    }

    /// Writes fee `index`'s own VAT and accounting codes into its JSON object.
    func writeFee(_ index: Int, into w: inout JSONWriter) {
        if index < feeVAT.count, let vat = feeVAT[index] { w.key("vat"); w.string(vat) }
        if index < feeAccounting.count { feeAccounting[index]?.write(into: &w) }
    }
}
