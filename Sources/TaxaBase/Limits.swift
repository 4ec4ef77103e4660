/// Every limit taxa enforces on what it reads, in one place: a request and a tariff file that
/// state the same thing (a group's name, a series id, a count) are held to the same number,
/// and the "Limits" table of docs/contract.md and docs/rule-vocabulary.md state these values.
///
/// Lengths of strings are counted in Unicode scalars (what `Read.string` counts), for JSON
/// string values and object keys alike.
@usableFromInline package enum Limits {
    // Sizes of what is read.

    /// The years a command line's year or date may name (`--year`, `--from`, `--as-of`, …) and
    /// an index file may list: a typed year outside them is a typing error.
    package static let years = 1900...2200
    /// The longest request line answered, in bytes without its newline (`LineReader`).
    package static let lineBytes = 1 << 20
    /// The largest tariff or index file read, in bytes (`FileSystem.read`).
    package static let fileBytes = 16 << 20
    /// JSON nesting, requests (with `meta`) and files alike: jansson's parser refuses deeper text.
    package static let jsonDepth = 2048

    // Requests.

    package static let items = 10_000
    package static let entries = 10_000
    package static let months = 120
    /// Minutes of one time entry.
    package static let entryMinutes: Int64 = 1_000_000

    /// A time entry's `officer`.
    package static let officer = 200
    /// A time entry's `note` (from 0) and an adjustment's `reason` (from 1).
    package static let note = 2000
    /// An adjustment's `reference` (the decision it is made by).
    package static let decisionReference = 500

    /// The errors one error record lists in `errors` (`RequestDiagnosis`).
    package static let errorsListed = 20

    // Both sides.

    /// Per-capita groups, in a version and in a request's month.
    package static let groups = 100
    /// A per-capita group's actual or budgeted count.
    package static let groupCount: Int64 = 1_000_000
    /// A per-capita group's name; an activity's key; a fee name in a request.
    package static let groupName = 100
    package static let activityKey = 100
    /// A fee key, input name, group or cap key: `[a-z0-9_]`.
    package static let identifier = 60
    /// A choice value, in a tariff's list and in a request.
    package static let choiceValue = 60
    /// A tariff id (`municipality/tariff`), in a version file and in a request.
    package static let tariffID = 200
    /// A request's `id`, echoed in its result.
    package static let requestID = 200
    /// An index series id, in an index file, a tariff file and `taxa index add`.
    package static let seriesID = 40
    /// A decimal string, wherever one is read.
    @usableFromInline package static let decimalLength = 40

    // Tariff files.

    package static let fees = 200
    package static let activities = 200
    package static let inputs = 20
    package static let choiceValues = 50
    package static let blocks = 20
    /// Bands and lookups inside one another: a pipeline and the pipelines of its bands and cases.
    package static let pipelineDepth = 10
    package static let bands = 100
    package static let cases = 200
    package static let caps = 20
    package static let examples = 100
    package static let notes = 100
    /// An integer input's bounds, in magnitude.
    package static let integerInput: Int64 = 1_000_000_000
    /// A decimal input's bounds, in magnitude, and its decimals.
    package static let decimalInput: Int64 = 1_000_000_000_000
    package static let decimalInputScale = 4
    /// A percentage or a factor in a block or an index share: 0–1000, at most 6 decimals.
    @usableFromInline package static let factor: Int64 = 1000
    @usableFromInline package static let factorScale = 6

    // The vocabulary of issue 17.

    /// A `multiply` factor (a constant, a table's cell, a factor a case officer gives may be
    /// an object or plan factor of 1 200): 0–1 000 000, at most 6 decimals.
    package static let multiplyFactor: Int64 = 1_000_000
    /// Factors added up in one `sum`.
    package static let factorTerms = 10
    package static let tiers = 100
    /// A table's keys (rows, columns, …), rows per key, and cells.
    package static let tableKeys = 4
    package static let tableRows = 100
    package static let tableCells = 10_000
    /// Named definitions in one version file.
    package static let definitions = 200
    /// Decided raises recorded for one indexed amount.
    package static let raises = 100
}
