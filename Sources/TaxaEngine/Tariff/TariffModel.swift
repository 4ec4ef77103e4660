import TaxaBase

/// The council's decision behind a tariff version: who decided, when, under which reference.
package struct Decision: Sendable, Equatable {
    package var body: String
    package var reference: String
}

/// How an activity is charged. `free` activities are listed on the invoice but never billed
/// (the LÅFF tariff's 5 §: appeals).
package enum ChargeKind: String, Sendable, CaseIterable {
    case hourly
    case free
}

/// One activity a tariff names, with the paragraph and legal text that govern it.
///
/// Immutable and shared by reference: pricing looks activities up for every entry.
package final class Activity: Sendable, Equatable {
    package let key: String
    package let name: String
    package let paragraph: String
    package let charge: ChargeKind
    package let text: String

    package init(key: String, name: String, paragraph: String, charge: ChargeKind, text: String) {
        self.key = key
        self.name = name
        self.paragraph = paragraph
        self.charge = charge
        self.text = text
    }

    package static func == (a: Activity, b: Activity) -> Bool {
        a === b || (a.key == b.key && a.name == b.name && a.paragraph == b.paragraph && a.charge == b.charge && a.text == b.text)
    }
}

/// How the hourly rate follows a price index, e.g. LÅFF 2 §: the PKV percentage for year Y
/// as published in October of Y−1, applied to last year's rounded rate.
package struct Indexation: Sendable, Equatable {
    /// The percent series; empty when the raises are decided year by year (`raises`).
    package var series: String
    package var publicationMonth: Int
    package var publicationYearsBefore: Int
    package var rounding: MoneyRounding
    package var paragraph: String
    package var text: String
    /// Fee year Y takes the series' value for year Y − this (0: the fee year's own value).
    package var valueYearsBefore: Int = 0
    /// The raises the council decides itself each year, when it follows no series.
    package var raises: [DecidedRaise]? = nil
}

/// One year's raise as the council (or the board it delegated to) decided it: a percentage, or
/// no raise, with the decision that says so.
package struct DecidedRaise: Sendable, Equatable {
    package var year: Int
    /// Nil: no raise that year.
    package var percent: ScaledDecimal?
    package var decided: CivilDate
    package var decision: String
}

/// The rules of an hourly tariff version (the LÅFF kind).
///
/// Immutable and shared by reference: every entry of every request consults it.
package final class HourlyRules: Sendable, Equatable {
    package let rate: Money
    package let paragraph: String
    package let text: String
    package let incrementMinutes: Int64
    package let incrementRounding: RoundingMode
    package let indexation: Indexation?
    package let activities: [Activity]
    /// The hourly rate as the engine evaluates it: the charged activities' price per 60 minutes
    /// (indexed and derived at load when `indexation` is given).
    package let price: AmountSource
    /// The same rules as fees of the one engine (see `HourlyRules+Fees.swift`).
    package let fees: FeeRules

    /// `file` is the version's file, which keys the indexed rate derived at load.
    package init(
        rate: Money, paragraph: String, text: String, incrementMinutes: Int64, incrementRounding: RoundingMode,
        indexation: Indexation?, activities: [Activity], file: String = ""
    ) {
        self.rate = rate
        self.paragraph = paragraph
        self.text = text
        self.incrementMinutes = incrementMinutes
        self.incrementRounding = incrementRounding
        self.indexation = indexation
        self.activities = activities
        price = HourlyRules.price(rate: rate, indexation: indexation, file: file)
        fees = HourlyRules.compile(
            price: price, incrementMinutes: incrementMinutes, incrementRounding: incrementRounding, activities: activities)
    }

    package static func == (a: HourlyRules, b: HourlyRules) -> Bool {
        a === b
            || (a.rate == b.rate && a.paragraph == b.paragraph && a.text == b.text && a.incrementMinutes == b.incrementMinutes
                && a.incrementRounding == b.incrementRounding && a.indexation == b.indexation && a.activities == b.activities)
    }

    /// The activity named `key` (activities are few: a linear search beats hashing).
    package func activity(_ key: String) -> Activity? {
        for activity in activities where activity.key == key { return activity }
        return nil
    }
}

/// Where a tariff allows an individual reduction or waiver (LÅFF 8 §).
package struct AdjustmentRule: Sendable, Equatable {
    package var paragraph: String
    package var text: String
}

/// The rule kinds taxa knows. A new kind is a new case here and a new rule file, sharing the
/// loading, versions, money and the contract's envelope.
package struct TariffRules: Sendable {
    package enum Kind: String, Sendable, CaseIterable {
        case hourly
        case perCapita = "per_capita"
        case percentage
        case fees
    }

    package let kind: Kind
    /// The version's fees as the engine prices them: every kind is read into this one form.
    package let fees: FeeRules
    /// The kind's own rules, for its request form and result (nil for the other kinds).
    package let hourly: HourlyRules?
    package let perCapita: PerCapitaRules?
    package let percentage: PercentageRules?

    // Plain optional references rather than an enum with payloads: an enum keeps its case in the
    // spare bits of the pointer, which hides the rules from leak checkers as if they were lost.
    private init(
        kind: Kind, fees: FeeRules, hourly: HourlyRules? = nil, perCapita: PerCapitaRules? = nil,
        percentage: PercentageRules? = nil
    ) {
        self.kind = kind
        self.fees = fees
        self.hourly = hourly
        self.perCapita = perCapita
        self.percentage = percentage
    }

    package static func hourly(_ rules: HourlyRules) -> TariffRules { TariffRules(kind: .hourly, fees: rules.fees, hourly: rules) }
    package static func perCapita(_ rules: PerCapitaRules) -> TariffRules { TariffRules(kind: .perCapita, fees: rules.fees, perCapita: rules) }
    package static func percentage(_ rules: PercentageRules) -> TariffRules { TariffRules(kind: .percentage, fees: rules.fees, percentage: rules) }
    package static func fees(_ rules: FeeRules) -> TariffRules { TariffRules(kind: .fees, fees: rules) }

    package var kindName: String { kind.rawValue }

    /// The version's fees as the engine prices them.
    package var feeRules: FeeRules? { fees }
}

/// One version of a tariff: the rules in force from `validFrom`, decided on `decided`.
///
/// A class, not a struct: every priced line refers to its version, and sharing one reference is
/// far cheaper than copying a dozen strings per request. Immutable once read, hence `Sendable`.
@usableFromInline package final class TariffVersion: Sendable, Equatable {
    package init(
        tariffID: String, title: String, validFrom: CivilDate, validUntil: CivilDate? = nil, decided: CivilDate,
        isRevision: Bool = false, decision: Decision, currency: String, rules: TariffRules,
        adjustments: AdjustmentRule?, examples: [FeeExample] = [], file: String, fileDigest: String = ""
    ) {
        self.tariffID = tariffID
        self.title = title
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.decided = decided
        self.isRevision = isRevision
        self.decision = decision
        self.currency = currency
        self.rules = rules
        self.adjustments = adjustments
        self.examples = examples
        self.file = file
        self.fileDigest = fileDigest
        name = isRevision ? "\(validFrom)+\(decided)" : validFrom.description
    }

    /// Versions are the same when they come from the same file with the same content.
    @usableFromInline package static func == (a: TariffVersion, b: TariffVersion) -> Bool {
        a === b || (a.file == b.file && a.fileDigest == b.fileDigest && a.validFrom == b.validFrom && a.decided == b.decided)
    }

    package let tariffID: String
    package let title: String
    package let validFrom: CivilDate
    /// The last day the version applies (`valid_until`), for rules decided for one period such
    /// as a year's per-capita amounts; nil when it applies until a later version replaces it.
    package let validUntil: CivilDate?
    package let decided: CivilDate
    /// True for a later decision for the same `valid_from` as an earlier one, which it
    /// supersedes; such a file is named `<valid_from>+<decided>.json`.
    package let isRevision: Bool
    package let decision: Decision
    package let currency: String
    package let rules: TariffRules
    package let adjustments: AdjustmentRule?
    /// Worked examples as published, priced by `taxa check` and at load.
    package let examples: [FeeExample]
    /// The file it was loaded from, relative to the tariff root (for messages and provenance).
    package let file: String
    /// `sha256:…` of the file's exact bytes, so a price can be traced to the file that made it.
    package let fileDigest: String
    /// The version's name in results: its `valid_from` date, plus `+<decided>` for a revision.
    /// Stored, not computed: it is written on every result line.
    package let name: String
}

/// A tariff with all its versions, oldest first (by `valid_from`, then by `decided`).
///
/// A class: every request refers to its tariff, and one reference is cheaper to count than the
/// id and the list of versions a copy would count. Immutable once read, hence `Sendable`.
package final class Tariff: Sendable {
    package let id: String
    package let versions: [TariffVersion]

    package init(id: String, versions: [TariffVersion]) {
        self.id = id
        self.versions = versions
    }

    /// The version in force on `date`: the latest `valid_from` on or before it, among the
    /// versions decided on or before `asOf` (all versions when `asOf` is nil); of two with the
    /// same `valid_from`, the later decision. None when that version ended (`valid_until`)
    /// before `date`. Relies on `versions` being sorted by (`validFrom`, `decided`).
    package func version(on date: CivilDate, asOf: CivilDate? = nil) -> TariffVersion? {
        versionIndex(on: date, asOf: asOf).map { versions[$0] }
    }

    /// Where `version(on:asOf:)` lies in `versions`: the engine reads the version in place,
    /// without taking a reference for each item.
    package func versionIndex(on date: CivilDate, asOf: CivilDate? = nil) -> Int? {
        var index = versions.count - 1
        while index >= 0 {
            if versions[index].validFrom <= date && (asOf.map { versions[index].decided <= $0 } ?? true) {
                if let until = versions[index].validUntil, until < date { return nil }
                return index
            }
            index -= 1
        }
        return nil
    }
}
