/// Accounting dimensions the office attaches to a fee, a cap, a VAT rule or the total rounding
/// (`{"konto": "3151", "ansvar": "6100", "momskod": "MP1"}`): copied onto every result line it
/// produces, so that the billing system posts each line without a mapping of its own. The
/// values are the office's; taxa checks their shape only.
public struct Accounting: Sendable, Equatable {
    public static let maxKeys = 20
    public static let keyLength = 1...40
    public static let valueLength = 1...100

    /// In the order the tariff file lists them.
    public let keys: [String]
    public let values: [String]
    public init(keys: [String], values: [String]) {
        self.keys = keys
        self.values = values
    }

    /// `"accounting":{…}` on a result line.
    func write(into w: inout JSONWriter) {
        w.key("accounting")
        w.beginObject()
        for (key, value) in zip(keys, values) {
            w.key(string: key)
            w.string(value)
        }
        w.endObject()
    }

    /// `konto 3151, ansvar 6100`, for `taxa rates`.
    public var text: String {
        zip(keys, values).map { "\($0) \($1)" }.joined(separator: ", ")
    }
}

/// The rounding of an invoice's total (öresavrundning): after VAT, the total is rounded to a
/// multiple of `rounding.step`, and the difference is stated on a line of its own.
public struct TotalRounding: Sendable, Equatable {
    public var rounding: MoneyRounding
    /// The line's name in its text ("Öresavrundning" unless the tariff names it).
    public var name: String
    public var text: String?
    public var accounting: Accounting?
}

/// The rounding line of a result: the total before it, and the difference it adds.
public struct RoundingLine: Sendable {
    public var rule: TotalRounding
    public var unrounded: Money
    public var amount: Money
}

/// One VAT rate of a result: the amounts it applies to (`base`, without VAT) and its VAT.
public struct VATEntry: Sendable, Equatable {
    public var rate: ScaledDecimal
    public var included: Bool
    public var base: Money
    public var amount: Money
    public var accounting: Accounting?
}

/// The VAT of a result, per rate. With one rate the result states it as it always has; with
/// several, each line names its rate and each cap line and adjustment its share per rate.
public struct VATBreakdown: Sendable {
    /// Highest rate first; VAT included before VAT added at one rate.
    public var entries: [VATEntry]
    /// Per result line (by index), the index of its entry: with several entries only.
    var lineEntries: [Int] = []
    /// Per cap line, its amount split over the entries (several entries only).
    var capShares: [[Money]] = []
    /// The adjustment's amount split over the entries (several entries only).
    var adjustmentShares: [Money] = []

    public var severalRates: Bool { entries.count > 1 }
}
