import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaService

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `taxa impact`: every request of a history priced twice by the service's own request
/// processor, once with the tariffs in force and once with a proposal, and one line per
/// request saying what changes:
/// `{"id","tariff","before","after","change","change_percent"}`, with `before_error` /
/// `after_error` (the error code) for a side that does not price it. Lines are read and
/// answered one at a time, so memory does not grow with the input (see `ImpactSummary`).
package enum ImpactRun {
    /// Reads `input` to its end; nil when every line was answered, else the exit status after a
    /// failed read or write was reported as the service reports it (`StandardStreams`): then
    /// the summary is incomplete and must not be written.
    package static func run(before: TariffSet, after: TariffSet, input: Int32 = 0, output: Int32 = 1, into summary: ImpactSummary) -> Int32? {
        signal(SIGPIPE, SIG_IGN)
        let processors = (RequestProcessor(tariffs: before), RequestProcessor(tariffs: after))
        let reader = LineReader(fd: input, limit: StreamService.lineLimit)
        let sink = OutputSink(fd: output)
        var line = JSONWriter(reservingCapacity: 256)
        reader.forEach(beforeBlockingRead: { sink.flush() }) { input in
            let number: Int
            let old: ImpactOutcome
            let new: ImpactOutcome
            // The request's `tariff` as written, for a line neither set could price.
            var written: String?
            switch input {
            case .text(let bytes, let line, _):
                number = line
                // The transient tree is released before the next line is parsed.
                let outcomes = JSONDocument.withTransient(bytes) { root in
                    let old = processors.0.outcome(of: root)
                    let new = processors.1.outcome(of: root)
                    return (old, new, (old.tariff ?? new.tariff) == nil ? root.member("tariff")?.string : nil)
                }
                switch outcomes {
                case .success(let outcomes):
                    (old, new, written) = outcomes
                case .failure:
                    old = ImpactOutcome(error: .invalidJSON, id: nil)
                    new = old
                }
            case .tooLong(let line):
                number = line
                old = ImpactOutcome(error: .lineTooLong, id: nil)
                new = old
            }
            let tariff = old.tariff ?? new.tariff ?? written
            let id = old.id ?? new.id
            summary.add(line: number, id: id, tariff: tariff, before: old, after: new)
            write(id: id, tariff: tariff, old, new, into: &line)
            sink.withBuffer { line.flushLine(into: &$0) }
            return !sink.closed
        }
        sink.flush()
        if let failure = sink.failure { return StandardStreams.status(writing: failure, what: "the impact lines") }
        if let failure = reader.failure { return StandardStreams.status(reading: failure) }
        return nil
    }

    private static func write(id: String?, tariff: String?, _ old: ImpactOutcome, _ new: ImpactOutcome, into w: inout JSONWriter) {
        w.beginObject()
        w.key("id")
        if let id { w.string(id) } else { w.null() }
        w.key("tariff")
        if let tariff { w.string(tariff) } else { w.null() }
        w.key("before")
        if let total = old.total { w.money(total) } else { w.null() }
        w.key("after")
        if let total = new.total { w.money(total) } else { w.null() }
        if let before = old.total, let after = new.total {
            let change = Int128(after.ore) - Int128(before.ore)
            w.key("change"); w.plainString(ImpactText.plain(change))
            w.key("change_percent")
            if let percent = ImpactText.percent(change, of: Int128(before.ore)) { w.plainString(ImpactText.plain(Int128(percent.units))) } else { w.null() }
        } else {
            w.key("change"); w.null()
            w.key("change_percent"); w.null()
        }
        if let code = old.errorCode { w.key("before_error"); w.string(code) }
        if let code = new.errorCode { w.key("after_error"); w.string(code) }
        w.endObject()
    }
}

/// The figures of `taxa impact` as text: money in the contract's form, changes in percent.
package enum ImpactText {
    /// "12.50", "-3450.00": öre as the contract writes money (two decimals, a point).
    static func plain(_ ore: Int128) -> String {
        if let small = Int64(exactly: ore) { return Money(ore: small).description }
        let magnitude = ore.magnitude
        let cents = magnitude % 100
        return (ore < 0 ? "-" : "") + String(magnitude / 100) + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// `change` in percent of `base`, to two decimals, halves away from zero ("2.90",
    /// "-100.00"); nil when the base is zero (no percentage of nothing).
    static func percent(_ change: Int128, of base: Int128) -> ScaledDecimal? {
        guard base != 0 else { return nil }
        let (product, overflow) = change.multipliedReportingOverflow(by: 10_000)
        guard !overflow else { return nil }
        let (quotient, remainder) = product.quotientAndRemainder(dividingBy: base)
        var hundredths = quotient
        if remainder.magnitude * 2 >= base.magnitude { hundredths += (product < 0) != (base < 0) ? -1 : 1 }
        guard let units = Int64(exactly: hundredths) else { return nil }
        return ScaledDecimal(units: units, scale: 2)
    }

    /// Öre as Swedish text: "1 234,50 kr".
    static func kronor(_ ore: Int128) -> String { SwedishText.kronor(Exact(numerator: ore, denominator: 1)) }

    /// A count with Swedish thousands: "100 000".
    static func count(_ value: Int) -> String { SwedishText.number(Exact(numerator: Int128(value), denominator: 1)) }
}
