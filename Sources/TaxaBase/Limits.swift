/// Every limit taxa enforces on what it reads, in one place: a request and a tariff file that
/// state the same thing (a group's name, a series id, a count) are held to the same number,
/// and the README's "Limits" table and docs/rule-vocabulary.md state these values.
///
/// Lengths of strings are counted in Unicode scalars (what `Read.string` counts), for JSON
/// string values and object keys alike.
public enum Limits {
    // Sizes of what is read.

    /// The longest request line answered, in bytes without its newline (`LineReader`).
    public static let lineBytes = 1 << 20
    /// The largest tariff or index file read, in bytes (`FileSystem.read`).
    public static let fileBytes = 16 << 20
    /// JSON nesting, requests (with `meta`) and files alike: jansson's parser refuses deeper text.
    public static let jsonDepth = 2048

    // Requests.

    public static let items = 10_000
    public static let entries = 10_000
    public static let months = 120
    /// Minutes of one time entry.
    public static let entryMinutes: Int64 = 1_000_000

    // Both sides.

    /// Per-capita groups, in a version and in a request's month.
    public static let groups = 100
    /// A per-capita group's actual or budgeted count.
    public static let groupCount: Int64 = 1_000_000
    /// A per-capita group's name; an activity's key; a fee name in a request.
    public static let groupName = 100
    public static let activityKey = 100
    /// A fee key, input name, group or cap key: `[a-z0-9_]`.
    public static let identifier = 60
    /// A choice value, in a tariff's list and in a request.
    public static let choiceValue = 60
    /// A tariff id (`municipality/tariff`), in a version file and in a request.
    public static let tariffID = 200
    /// An index series id, in an index file, a tariff file and `taxa index add`.
    public static let seriesID = 40
    /// A decimal string, wherever one is read.
    public static let decimalLength = 40

    // Tariff files.

    public static let fees = 200
    public static let activities = 200
    public static let inputs = 20
    public static let choiceValues = 50
    public static let blocks = 20
    /// Bands and lookups inside one another: a pipeline and the pipelines of its bands and cases.
    public static let pipelineDepth = 10
    public static let bands = 100
    public static let cases = 200
    public static let caps = 20
    public static let examples = 100
    public static let notes = 100
    /// An integer input's bounds, in magnitude.
    public static let integerInput: Int64 = 1_000_000_000
    /// A decimal input's bounds, in magnitude, and its decimals.
    public static let decimalInput: Int64 = 1_000_000_000_000
    public static let decimalInputScale = 4
    /// A percentage or a factor in a block or an index share: 0–1000, at most 6 decimals.
    public static let factor: Int64 = 1000
    public static let factorScale = 6

    // The vocabulary of issue 17.

    /// A `multiply` factor (a constant, a table's cell, a factor a case officer gives may be
    /// an object or plan factor of 1 200): 0–1 000 000, at most 6 decimals.
    public static let multiplyFactor: Int64 = 1_000_000
    /// Factors added up in one `sum`.
    public static let factorTerms = 10
    public static let tiers = 100
    /// A table's keys (rows, columns, …), rows per key, and cells.
    public static let tableKeys = 4
    public static let tableRows = 100
    public static let tableCells = 10_000
    /// Named definitions in one version file.
    public static let definitions = 200
    /// Decided raises recorded for one indexed amount.
    public static let raises = 100
}
