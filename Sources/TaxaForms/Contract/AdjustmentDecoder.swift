import TaxaBase
import TaxaEngine

/// Reads a request's `adjustment`, a reduction or waiver by decision, the same in every form
/// that allows one (hourly entries, `items`):
/// `{"kind": "reduction", "percent": "50", "reference": "MSN 2024-04-10 § 31", "reason"?: …}` or
/// `{"kind": "waiver", "reference": …, "reason"?: …}`.
enum AdjustmentDecoder {
    static let reductionKeys = ByteKeys(["kind", "percent", "reference", "reason"])
    static let waiverKeys = ByteKeys(["kind", "reference", "reason"])

    static func decode(_ value: JSONValue) throws(FieldError) -> RequestedAdjustment {
        let object = try ObjectFields(value, what: "an adjustment")
        let kind = try object.read("kind") { v throws(FieldError) in try Read.string(v, length: 1...40) }
        let reference = { () throws(FieldError) in
            try object.read("reference") { v throws(FieldError) in try Read.string(v, length: 1...Limits.decisionReference) }
        }
        let reason = { () throws(FieldError) in
            try object.readIfPresent("reason") { v throws(FieldError) in try Read.string(v, length: 1...Limits.note) }
        }
        switch kind {
        case "reduction":
            try object.onlyKeys(reductionKeys)
            let percent = try object.read("percent") { v throws(FieldError) -> ScaledDecimal in
                let percent = try Read.decimal(v, maxScale: 4, what: "a percentage")
                guard percent.units > 0, let scaled = percent.rescaled(to: 4), scaled <= 100_0000 else {
                    throw FieldError("expected a percentage above 0 and at most 100, got \"\(percent)\"")
                }
                return percent
            }
            return .reduction(percent: percent, reference: try reference(), reason: try reason())
        case "waiver":
            try object.onlyKeys(waiverKeys)
            return .waiver(reference: try reference(), reason: try reason())
        default:
            throw FieldError("expected \"reduction\" or \"waiver\", got \"\(kind)\"", at: JSONPath([.key("kind")]))
        }
    }
}
