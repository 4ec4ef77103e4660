import TaxaBase

/// Accounting dimensions the office attaches to a fee, a cap, a VAT rule or the total rounding
/// (`{"konto": "3151", "ansvar": "6100", "momskod": "MP1"}`): copied onto every result line it
/// produces, so that the billing system posts each line without a mapping of its own. The
/// values are the office's; taxa checks their shape only.
package struct Accounting: Sendable, Equatable {
    package static let maxKeys = 20
    package static let keyLength = 1...40
    package static let valueLength = 1...100

    /// In the order the tariff file lists them.
    package let keys: [String]
    package let values: [String]
    /// `"accounting":{…}` as result lines carry it, encoded once at load: a line copies the
    /// bytes whole, where writing each string would retain and release it (they are read out
    /// of arrays) for every line of every result.
    private let encoded: [UInt8]

    package init(keys: [String], values: [String]) {
        self.keys = keys
        self.values = values
        var w = JSONWriter(reservingCapacity: 64)
        w.key("accounting")
        w.beginObject()
        for (key, value) in zip(keys, values) {
            w.key(string: key)
            w.string(value)
        }
        w.endObject()
        encoded = w.bytes
    }

    /// `"accounting":{…}` on a result line.
    package func write(into w: inout JSONWriter) {
        encoded.withUnsafeBytes { w.encodedMember($0) }
    }

    /// `konto 3151, ansvar 6100`, for `taxa rates`.
    package var text: String {
        zip(keys, values).map { "\($0) \($1)" }.joined(separator: ", ")
    }
}

/// The rounding of an invoice's total (öresavrundning): after VAT, the total is rounded to a
/// multiple of `rounding.step`, and the difference is stated on a line of its own.
package struct TotalRounding: Sendable, Equatable {
    package var rounding: MoneyRounding
    /// The line's name in its text ("Öresavrundning" unless the tariff names it).
    package var name: String
    package var text: String?
    package var accounting: Accounting?
}

/// The rounding line of a result: the total before it, and the difference it adds.
package struct RoundingLine: Sendable {
    package var rule: TotalRounding
    package var unrounded: Money
    package var amount: Money
}

/// One VAT rate of a result: the amounts it applies to (`base`, without VAT) and its VAT.
package struct VATEntry: Sendable, Equatable {
    package var rate: ScaledDecimal
    package var included: Bool
    package var base: Money
    package var amount: Money
    package var accounting: Accounting?
}

/// The VAT of a result, per rate. With one rate the result states it as it always has; with
/// several, each line names its rate and each cap line and adjustment its share per rate.
package struct VATBreakdown: Sendable {
    /// Highest rate first; VAT included before VAT added at one rate.
    package var entries: [VATEntry]
    /// Per result line (by index), the index of its entry: with several entries only.
    package var lineEntries: [Int] = []
    /// Per cap line, its amount split over the entries (several entries only).
    package var capShares: [[Money]] = []
    /// The adjustment's amount split over the entries (several entries only).
    package var adjustmentShares: [Money] = []

    package var severalRates: Bool { entries.count > 1 }
}
