import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaService

/// What one side of `taxa impact` got for a request: its id, tariff, total and the amount of
/// each fee, or the code of the error the service would answer.
package struct ImpactOutcome {
    var id: String?
    var tariff: String?
    /// Nil when the side did not price the request.
    var total: Money?
    var errorCode: String?
    /// The amounts per fee (a fee's key, a cap's, the activities of an hourly line, a
    /// per-capita group), summed over the result's lines, in the order first met.
    var parts: [(key: String, ore: Int128)] = []

    init(error code: ErrorCode, id: String?) {
        errorCode = code.rawValue
        self.id = id
    }

    init(_ result: PricedResult, envelope: RequestEnvelope) {
        id = envelope.id
        tariff = envelope.tariff.id
        switch result {
        case .hourly(let invoice):
            total = invoice.total
            for line in invoice.lines { add(line.activities.joined(separator: "+"), line.amount) }
        case .perCapita(let settlement):
            total = settlement.total
            for month in settlement.months {
                for cell in month.groups { add(cell.group.key, cell.amount) }
            }
        case .percentage(let surcharge):
            total = surcharge.amount
            add(surcharge.version.rules.fees.fees.first?.key ?? "", surcharge.amount)
        case .fees(let invoice):
            total = invoice.total
            for line in invoice.lines { add(line.fee.key, line.amount) }
            for cap in invoice.caps { add(cap.cap.key, cap.amount) }
        }
    }

    private mutating func add(_ key: String, _ amount: Money) {
        if let index = parts.firstIndex(where: { $0.key == key }) {
            parts[index].ore += Int128(amount.ore)
        } else {
            parts.append((key: key, ore: Int128(amount.ore)))
        }
    }
}

extension RequestProcessor {
    /// What `process` would answer for the request `root` (already parsed), without writing
    /// the answer: the same envelope decoding and pricing, read as an outcome. `taxa impact`
    /// parses a line once and prices it with two processors.
    func outcome(of root: JSONValue) -> ImpactOutcome {
        do throws(RequestError) {
            let envelope = try RequestEnvelope.decode(root, tariffs: tariffs)
            return ImpactOutcome(try price(envelope), envelope: envelope)
        } catch {
            return ImpactOutcome(error: error.code, id: RequestEnvelope.echoableID(root))
        }
    }
}
