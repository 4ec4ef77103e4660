import TaxaBase

/// What a block accepts under its key, declared once in the block's own file (swift-format's
/// one rule per file): the block's parser reads its keys through it (`DeclaredObject`), and
/// `generate-vocabulary` writes the block definitions of schemas/tariff-version.schema.json
/// and the block reference of docs/rule-vocabulary.md from it, so the four can not drift apart.
package struct BlockDeclaration: Sendable {
    /// What the block does, one line: the docs' table of blocks.
    var summary: String
    /// The value under the block's key.
    var value: KeyShape
    /// The reference text before the table of keys (Markdown paragraphs).
    var doc: String
    /// Text after the table of keys (Markdown paragraphs), or "".
    var notes: String = ""
    /// Examples of the block as written in a tariff file, each a JSON object with the block's
    /// key (valid JSON: the tests read each against a fee, the schema lists them).
    var examples: [String]
}

/// The JSON a key (or a block's whole value) takes.
indirect enum KeyShape: Sendable {
    /// Any amount form (`"3450.00"`, an index share, an indexed base, `{"use": NAME}`).
    case amount
    /// A factor (`multiply`'s value: a constant or an object naming where it is read from).
    case factor
    /// A factor constant: a decimal string from 0 to `Limits.multiplyFactor`, at most
    /// `Limits.factorScale` decimals (`FactorParser.constant`).
    case factorValue
    /// A grid of cells keyed by inputs (`table`).
    case table
    /// A pipeline of blocks.
    case pipeline
    /// The name of an input the fee declares; `numeric`: an integer or decimal one.
    case input(numeric: Bool)
    /// The name of a definition of the version file.
    case definition
    case integer(ClosedRange<Int64>)
    /// A decimal string of at most `scale` decimals; `signed`: may be negative; `positive`: above 0.
    case decimal(scale: Int, signed: Bool = false, positive: Bool = false)
    /// A percentage or factor of the vocabulary (`Read.factor`): 0 to `Limits.factor`, at most
    /// `Limits.factorScale` decimals.
    case ratio
    /// A string of `length` characters.
    case string(ClosedRange<Int>)
    /// One of these strings.
    case oneOf([String])
    /// A rounding rule `{"step", "mode"}`.
    case rounding
    case object(ObjectShape)
    /// An array of `count` elements, each `element`; `noun` names them ("bands"); `distinct`: no
    /// two the same.
    case array(KeyShape, count: ClosedRange<Int>, noun: String, distinct: Bool = false)
    /// A value of `shape`, or `null`.
    case nullable(KeyShape)
    /// A table's cells: arrays nested one level per key.
    case cells
    /// An object keyed by the values an input can take, each member an `element`.
    case cases(KeyShape, count: ClosedRange<Int>)
    /// Any one of these forms.
    case either([KeyShape])
}

/// An object's keys, in the order its parser reads them and the docs list them.
struct ObjectShape: Sendable {
    /// What the object is, for "expected … as a JSON object".
    var what: String
    var keys: [DeclaredKey]
    /// Keys of which at least one must be present.
    var atLeastOne: [String] = []
    /// Keys of which exactly one must be present.
    var exactlyOne: [String] = []

    var names: [String] { keys.map(\.name) }

    func key(_ name: String) -> DeclaredKey? { keys.first { $0.name == name } }
}

/// One key of an object: its name, its JSON, whether it must be there, and one sentence saying
/// what it is.
struct DeclaredKey: Sendable {
    enum Presence: Sendable, Equatable {
        case required
        case optional
        /// Optional, this value when absent (as written in the docs: "1").
        case defaulted(String)
    }

    var name: String
    var shape: KeyShape
    var presence: Presence
    var doc: String

    init(_ name: String, _ shape: KeyShape, _ presence: Presence, _ doc: String) {
        self.name = name
        self.shape = shape
        self.presence = presence
        self.doc = doc
    }
}

/// A block whose keys are declared: every block of `BlockRegistry`.
protocol DeclaredBlock: PriceBlock {
    static var declaration: BlockDeclaration { get }
}
