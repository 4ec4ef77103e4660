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
    /// The amounts per part (each form says what its parts are: a fee, a cap, a group), summed
    /// over the result's lines, in the order first met.
    var parts: [(key: String, ore: Int128)] = []

    init(error code: ErrorCode, id: String?) {
        errorCode = code.rawValue
        self.id = id
    }

    init(_ amounts: PricedAmounts, envelope: RequestEnvelope) {
        id = envelope.id
        tariff = envelope.tariff.id
        total = amounts.total
        parts = amounts.parts
    }
}

extension RequestProcessor {
    /// What `process` would answer for the request `root` (already parsed), without writing
    /// the answer: the same envelope decoding and pricing, read as an outcome. `taxa impact`
    /// parses a line once and prices it with two processors.
    func outcome(of root: JSONValue) -> ImpactOutcome {
        do throws(RequestError) {
            let envelope = try RequestEnvelope.decode(root, tariffs: tariffs)
            return ImpactOutcome(try amounts(envelope), envelope: envelope)
        } catch {
            return ImpactOutcome(error: error.code, id: RequestEnvelope.echoableID(root))
        }
    }
}
