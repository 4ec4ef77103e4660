import TaxaBase
import TaxaEngine

/// One line of an hourly result: which of the engine's lines it shows, and what the result
/// needs beside that line.
///
/// It refers to its engine line by index and holds only plain values: the version, the rate
/// derivation and the activities stay where the engine and the tariff keep them and are read
/// from there (see `Invoice`), not copied into every line of every request (each copy a count
/// on an object that every request shares).
package struct FeeLine: Sendable, Equatable {
    /// The engine's line shown: an index into `Invoice.priced.lines`.
    package var line: Int
    package var kind: ChargeKind
    /// The hourly rate the line is priced at (the indexed rate, or the rate as decided); zero
    /// for free lines.
    package var hourlyRate: Money = .zero
    /// The increment billed (15 minutes for LÅFF), for the text; 0 for free lines.
    package var incrementMinutes: Int64 = 0
    /// The derivation in Swedish, present when the request asked for `explain`.
    package var explanation: [String]? = nil
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

    /// What `lines[index]` costs: a free line costs nothing.
    package func amount(_ index: Int) -> Money {
        lines[index].kind == .free ? .zero : priced.lines[lines[index].line].amount
    }

    /// The minutes summed on `lines[index]` (a sum of at most 10 000 integers ≤ 10⁶).
    package func minutes(_ index: Int) -> Int64 {
        Int64(priced.lines[lines[index].line].quantity?.numerator ?? 0)
    }

    /// The minutes billed on `lines[index]`: whole increments.
    package func billedMinutes(_ index: Int) -> Int64 {
        Int64(priced.lines[lines[index].line].billed?.numerator ?? 0)
    }

    /// Calls `body` with each activity of `lines[index]` as the engine's fee of it, in the
    /// tariff's order: an hourly version's fees are its activities, each with its key, name and
    /// paragraph, at the activity's position (`HourlyRules.compile`), and a line's fees are in
    /// the file's order.
    package func forEachActivity(_ index: Int, _ body: (FeeDefinition) -> Void) {
        let line = lines[index].line
        body(priced.lines[line].fee)
        for other in priced.lines[line].otherFees.indices { body(priced.lines[line].otherFees[other]) }
    }

    /// Calls `body` with each distinct paragraph of `lines[index]`'s activities, in the order
    /// first met (activities are few: each is compared with those before it).
    package func forEachParagraph(_ index: Int, _ body: (String) -> Void) {
        let line = lines[index].line
        let count = priced.lines[line].otherFees.count + 1
        for position in 0..<count {
            let paragraph = self.paragraph(line, position)
            var seen = false
            for earlier in 0..<position where self.paragraph(line, earlier) == paragraph {
                seen = true
                break
            }
            if !seen { body(paragraph) }
        }
    }

    /// The paragraph of the `position`th fee of the engine's line `line` (an activity always has one).
    private func paragraph(_ line: Int, _ position: Int) -> String {
        (position == 0 ? priced.lines[line].fee.paragraph : priced.lines[line].otherFees[position - 1].paragraph) ?? ""
    }

    /// The activities' keys of `lines[index]` joined by "+": the part `taxa impact` sums it in.
    package func activityKey(_ index: Int) -> String {
        var key = ""
        forEachActivity(index) { fee in
            if !key.isEmpty { key += "+" }
            key += fee.key
        }
        return key
    }
}
