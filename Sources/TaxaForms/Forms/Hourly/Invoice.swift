import TaxaBase
import TaxaEngine

/// One line of an hourly result: which of the engine's lines it shows, and what the result
/// needs beside that line.
///
/// It refers to its engine line by index and holds only plain values: the version, the rate
/// derivation and the activities stay where the engine and the tariff keep them and are read
/// from there (see `Invoice`), not copied into every line of every request (each copy a count
/// on an object that every request shares). Explanations are kept beside the lines, in
/// `Invoice`, so that a list of lines is destroyed without visiting each.
package struct FeeLine: Sendable, Equatable {
    /// The engine's line shown: an index into `Invoice.priced.lines`.
    package var line: Int
    package var kind: ChargeKind
    /// The hourly rate the line is priced at (the indexed rate, or the rate as decided); zero
    /// for free lines.
    package var hourlyRate = Money(ore: 0)
    /// The increment billed (15 minutes for LÅFF), for the text; 0 for free lines.
    package var incrementMinutes: Int64 = 0
}

/// A priced hourly request: the engine's result as it came, and the result's lines in the
/// order shown (the charged ones first, then the free ones, each in the engine's order).
///
/// Everything a line shows is read here from its engine line in place, for the result, its
/// text, its explanation and `taxa impact` alike: one reading, so they cannot disagree.
package struct Invoice: Sendable {
    /// The engine's lines, subtotal, adjustment, total and provenance (caps, VAT and rounding
    /// are never set by an hourly version).
    package var priced: FeeInvoice
    package var lines: [FeeLine]
    /// Each line's derivation in Swedish, when the request asked for `explain`; empty otherwise.
    package var explanations: [[String]] = []

    /// Whether `lines[index]` is charged by the hour (not free). A switch: `==` on the enum
    /// of another module goes through its generic witness.
    package func isHourly(_ index: Int) -> Bool {
        switch lines[index].kind {
        case .hourly: true
        case .free: false
        }
    }

    /// What `lines[index]` costs: a free line costs nothing.
    package func amount(_ index: Int) -> Money {
        isHourly(index) ? priced.lines[lines[index].line].amount : Money(ore: 0)
    }

    /// The minutes summed on `lines[index]` (a sum of at most 10 000 integers ≤ 10⁶).
    package func minutes(_ index: Int) -> Int64 {
        Int64(priced.lines[lines[index].line].quantity?.numerator ?? 0)
    }

    /// The minutes billed on `lines[index]`: whole increments.
    package func billedMinutes(_ index: Int) -> Int64 {
        Int64(priced.lines[lines[index].line].billed?.numerator ?? 0)
    }

    /// Calls `body` with the key of each activity of `lines[index]`, in the tariff's order: an
    /// hourly version's fees are its activities, each with its key, name and paragraph, at the
    /// activity's position (`HourlyRules.compile`), and a line's fees are in the file's order.
    package func forEachActivityKey(_ index: Int, _ body: (String) -> Void) {
        let line = lines[index].line
        for position in 0...priced.lines[line].otherFees.count { withFee(line, position) { body($0.key) } }
    }

    /// Calls `body` with each distinct paragraph of `lines[index]`'s activities, in the order
    /// first met (activities are few: each is compared with those before it).
    package func forEachParagraph(_ index: Int, _ body: (String) -> Void) {
        let line = lines[index].line
        for position in 0...priced.lines[line].otherFees.count {
            withFee(line, position) { fee in
                for earlier in 0..<position where withFee(line, earlier, { $0.paragraph == fee.paragraph }) { return }
                if let paragraph = fee.paragraph { body(paragraph) }  // an activity always has one
            }
        }
    }

    /// Calls `body` with the name of the version of `lines[index]`, read like its fees (see
    /// `withFee`).
    package func withVersionName(_ index: Int, _ body: (String) -> Void) {
        Unmanaged.passUnretained(priced.lines[lines[index].line].version)._withUnsafeGuaranteedRef { body($0.name) }
    }

    /// Calls `body` with the name of `lines[index]`'s first activity (a free line has one).
    package func withFirstActivityName(_ index: Int, _ body: (String) -> Void) {
        withFee(lines[index].line, 0) { body($0.name) }
    }

    /// Calls `body` with the `position`th fee of the engine's line `line`, without counting a
    /// reference to it: it belongs to the tariff, shared by every request and thread, where a
    /// count is an atomic operation on a contended cache line. The engine's line, which `self`
    /// holds, holds the fee for as long as `body` runs.
    private func withFee<R>(_ line: Int, _ position: Int, _ body: (FeeDefinition) -> R) -> R {
        let fee = Unmanaged.passUnretained(position == 0 ? priced.lines[line].fee : priced.lines[line].otherFees[position - 1])
        return fee._withUnsafeGuaranteedRef(body)
    }

    /// The activities' keys of `lines[index]` joined by "+": the part `taxa impact` sums it in.
    package func activityKey(_ index: Int) -> String {
        var key = ""
        forEachActivityKey(index) { activity in
            if !key.isEmpty { key += "+" }
            key += activity
        }
        return key
    }
}
