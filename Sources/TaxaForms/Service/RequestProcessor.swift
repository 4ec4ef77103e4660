import TaxaBase
import TaxaEngine

/// Turns one input line into exactly one result line. Pure with respect to its input and the
/// loaded tariff set, so workers on several threads can share one.
package struct RequestProcessor: Sendable {
    package let tariffs: TariffSet

    package init(tariffs: TariffSet) { self.tariffs = tariffs }

    /// Answers the line `bytes` (without its newline) numbered `line`. `raw` is the line as
    /// received (see `InputLine`), hashed only if the answer is an error; nil means `bytes`.
    package func process(
        _ bytes: UnsafeRawBufferPointer, line: Int, raw: UnsafeRawBufferPointer? = nil,
        into w: inout JSONWriter
    ) {
        // The envelope (its `meta`) and the decoders' values are views into the request's tree,
        // which lives until the answer is written.
        let parsed = JSONDocument.withTransient(bytes) { root in
            do throws(RequestError) {
                let envelope = try RequestEnvelope.decode(root, tariffs: tariffs)
                // The form writes nothing unless pricing succeeded.
                try FormRegistry.form(of: envelope.tariff).answer(envelope, tariffs, &w)
            } catch {
                ResultWriter.error(
                    id: RequestEnvelope.echoableID(root), line: line, inputSHA256: SHA256.hex(raw ?? bytes),
                    error, errors: RequestDiagnosis.errors(root, tariffs: tariffs, first: error), into: &w)
            }
        }
        guard case .failure(let syntax) = parsed else { return }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
            // Only a reader that answers blank lines (`--answer-blank`) hands one on.
            ResultWriter.error(
                id: nil, line: line, inputSHA256: SHA256.hex(raw ?? bytes),
                RequestError(.emptyLine, "the line is blank; expected one JSON request per line"), into: &w)
            return
        }
        ResultWriter.error(
            id: nil, line: line, inputSHA256: SHA256.hex(raw ?? bytes),
            RequestError(.invalidJSON, "not valid JSON at column \(syntax.column): \(syntax.message); expected one JSON object per line"),
            into: &w)
    }

    /// The answer for a line longer than the limit, which was skipped unread (so it has no
    /// `input_sha256`).
    package func tooLong(line: Int, limit: Int, into w: inout JSONWriter) {
        ResultWriter.error(
            id: nil, line: line, inputSHA256: nil,
            RequestError(.lineTooLong, "the line is longer than \(limit) bytes; it was skipped. Send one request of at most \(limit) bytes per line"),
            into: &w)
    }

    /// What the request priced to, read as amounts: `taxa impact` compares two tariff sets'
    /// answers to one request by these.
    package func amounts(_ envelope: RequestEnvelope) throws(RequestError) -> PricedAmounts {
        try FormRegistry.form(of: envelope.tariff).amounts(envelope, tariffs)
    }
}
