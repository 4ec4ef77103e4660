import TaxaBase

/// The error codes of the contract. The billing system branches on these; never rename one.
package enum ErrorCode: String, Sendable, CaseIterable {
    case invalidJSON = "invalid_json"
    case invalidRequest = "invalid_request"
    case unknownTariff = "unknown_tariff"
    case unknownActivity = "unknown_activity"
    case noTariffInForce = "no_tariff_in_force"
    case indexMissing = "index_missing"
    case lineTooLong = "line_too_long"
    case unknownFee = "unknown_fee"
    /// A blank or whitespace-only line, answered only with `--answer-blank`.
    case emptyLine = "empty_line"
    case notOffered = "not_offered"
}

/// Why one request got no result: a code, where in the request, and what was expected.
@usableFromInline package struct RequestError: Error, Sendable, Equatable {
    package var code: ErrorCode
    package var path: JSONPath
    package var message: String

    package init(_ code: ErrorCode, _ message: String, at path: JSONPath = .root) {
        self.code = code
        self.path = path
        self.message = message
    }

    /// A schema problem is an `invalid_request`.
    package init(_ field: FieldError) {
        self.init(.invalidRequest, field.message, at: field.path)
    }

    /// An amount too large to represent is refused with a message, never trapped on.
    @usableFromInline package init(_ overflow: ArithmeticOverflow, at path: JSONPath = .root) {
        self.init(.invalidRequest, "the amounts in this request are too large to compute exactly (\(overflow.operation)); split the request", at: path)
    }
}
