import TaxaBase

/// The named definitions of a `fees` version file, written once and used by several fees:
///
///     "definitions": {
///       "timavgift": {"amount": {"base": "974.00", "indexed_by": {…}}},
///       "andel": {"pipeline": [{"lookup": {"input": "tjanster", "cases": {…}}}]},
///       "objektfaktor": {"factor": {"bands": {"input": "area", "bands": […]}}},
///       "tjanster": {"input": {"type": "choice", "values": […]}}
///     }
///
/// and used as `{"use": NAME}` where an amount, a block, a factor or an input declaration
/// stands. An amount is read once (every fee shares its yearly values); a pipeline, a factor
/// and an input are read where they are used, against the using fee's inputs. Only parsing
/// uses this; the priced rules hold what it resolved to.
package final class Definitions: @unchecked Sendable {
    enum Kind: String, CaseIterable {
        case amount, pipeline, factor, input

        /// "an amount", "a pipeline".
        var noun: String { self == .amount || self == .input ? "an \(rawValue)" : "a \(rawValue)" }
    }

    struct Entry {
        var kind: Kind
        /// A view into the version file's document (it does not own it): the loader reads the
        /// file inside `JSONDocument.withValue`, and definitions live only while it is parsed.
        var value: JSONValue
        /// Where the definition's value lies: `definitions.NAME.KIND`.
        var path: JSONPath
        /// An amount definition, read once.
        var amount: AmountSource?
    }

    static let maxDefinitions = Limits.definitions

    private(set) var entries: [(name: String, entry: Entry)] = []
    /// Names used so far, in order of first use.
    private(set) var used: Set<String> = []
    /// Definitions being read, innermost last: a definition that uses itself is refused.
    private var resolving: [String] = []
    /// Where each amount taken from an index inside a definition is written, by its cache key:
    /// messages about it (a series not loaded, a value missing) point there.
    var amountPaths: [String: JSONPath] = [:]

    /// Reads `definitions` (an object keyed by name); amounts are read here.
    init(parsing value: JSONValue, file: String, validFrom: CivilDate?) throws(FieldError) {
        guard value.kind == .object, (1...Self.maxDefinitions).contains(value.count) else {
            throw FieldError(
                "expected an object of 1–\(Self.maxDefinitions) definitions keyed by name, got \(value.kind == .object ? "\(value.count) definitions" : value.kind.name)"
            )
        }
        for (name, member) in value.members {
            let entry = try inside(name) { () throws(FieldError) -> Entry in
                try FeeRulesParser.identifier(name, what: "a definition name")
                let object = try ObjectFields(member, what: "a definition")
                let kinds = Kind.allCases.filter { object.optional($0.rawValue) != nil }
                try object.onlyKeys(Kind.allCases.map(\.rawValue) + ["text"])
                guard kinds.count == 1, let kind = kinds.first else {
                    throw FieldError(
                        "expected exactly one of \(Kind.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")) (and an optional \"text\"), got \(kinds.isEmpty ? "none" : kinds.map(\.rawValue).joined(separator: " and "))"
                    )
                }
                _ = try object.readIfPresent("text") { v throws(FieldError) in try Read.string(v, length: 1...5000) }
                let path = JSONPath([.key("definitions"), .key(name), .key(kind.rawValue)])
                var entry = Entry(kind: kind, value: object.optional(kind.rawValue)!, path: path)
                if kind == .amount {
                    var context = BlockContext(inputs: [], quantity: nil, amountSet: false, file: file, path: path)
                    context.validFrom = validFrom
                    entry.amount = try object.read("amount") { v throws(FieldError) in
                        try AmountSourceParser.parse(v, context: context, what: "the amount \"\(name)\"")
                    }
                }
                return entry
            }
            if let key = entry.amount?.cacheKey { amountPaths[key] = entry.path }
            entries.append((name, entry))
        }
    }

    /// The name in `{"use": NAME}`, when `value` is such a reference.
    static func reference(_ value: JSONValue) -> JSONValue? {
        guard value.kind == .object, value.count == 1 else { return nil }
        return value.member("use")
    }

    /// The definition `{"use": NAME}` names, which must be of `kind`; marks it used. The
    /// error is relative to the `use` member.
    func entry(_ reference: JSONValue, kind: Kind) throws(FieldError) -> (name: String, entry: Entry) {
        try inside("use") { () throws(FieldError) -> (name: String, entry: Entry) in
            let name = try Read.string(reference, length: 1...60)
            guard let found = entries.first(where: { $0.name == name }) else {
                let known = entries.filter { $0.entry.kind == kind }.map(\.name)
                throw FieldError(
                    "names \"\(name)\", which is not defined under \"definitions\" (\(kind.noun) defined there: \(known.isEmpty ? "none" : known.joined(separator: ", ")))"
                )
            }
            guard found.entry.kind == kind else {
                throw FieldError(
                    "names \"\(name)\", which is \(found.entry.kind.noun) (\(found.entry.path)); \(kind.noun) is expected here")
            }
            used.insert(name)
            return (name, found.entry)
        }
    }

    /// Reads a pipeline, factor or input definition where it is used: `body` reads its value.
    /// An error inside names the definition and where in it, and is reported at the use.
    func read<T>(
        _ name: String, _ entry: Entry, _ body: (JSONValue) throws(FieldError) -> T
    ) throws(FieldError) -> T {
        guard !resolving.contains(name) else {
            throw FieldError(
                "uses \"\(name)\" inside itself (\((resolving + [name]).joined(separator: " → "))); a definition cannot contain itself",
                at: JSONPath([.key("use")]))
        }
        resolving.append(name)
        defer { resolving.removeLast() }
        do { return try body(entry.value) } catch {
            throw FieldError(
                "\(entry.path.appending(error.path)) (the \(entry.kind.rawValue) \"\(name)\" used here): \(error.message)", at: JSONPath([.key("use")]))
        }
    }

    /// Definitions no fee uses: each a mistake (a fee left without its amount, a misspelt
    /// name), reported at the definition.
    var unused: [FieldError] {
        entries.filter { !used.contains($0.name) }.map { name, _ in
            FieldError(
                "is defined but no fee, cap or definition uses it; use it as {\"use\": \"\(name)\"} or remove it",
                at: JSONPath([.key("definitions"), .key(name)]))
        }
    }
}
