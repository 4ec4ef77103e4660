/// A deliberately naive second reading of docs/rule-vocabulary.md and docs/contract.md for
/// `items` requests: it prices one request against one tariff with exact fractions, walking the
/// blocks as the documentation states them, one item, line and block at a time. No fast paths,
/// no caches, nothing shared with the engine but the documents. Its answers are compared with
/// the engine's on generated tariffs (ReferenceSweepTests).
extension Reference {
    struct Line: Equatable, Sendable {
        var kind: String  // "fee" or "cap"
        /// The fee key (or the group's name), or the cap key.
        var name: String
        var version: String
        var feeYear: Int?
        var period: String?
        var items: [Int]
        var billed: Q?
        var amount: Q
        /// The fee's scope (`item` for cap lines).
        var scope = "item"
    }

    struct Priced: Sendable {
        var lines: [Line]
        var subtotal: Q
        var adjustment: Q?
        var vat: Q?
        var total: Q
        var versions: [String]
    }

    struct Failure: Error, Equatable, Sendable {
        var code: String
        var path: String
    }

    enum Outcome: Sendable {
        case priced(Priced)
        case failed(Failure)
    }

    struct Interpreter: Sendable {
        let tariff: Tariff

        func price(_ request: JSON) -> Outcome {
            do {
                return .priced(try pricedOrThrow(request))
            } catch let failure as Failure {
                return .failed(firstError(request, pricing: failure))
            } catch {
                preconditionFailure("reference: \(error)")
            }
        }

        /// A refused request's `error`: the first, in the order of the request's text, of every
        /// error docs/contract.md lists — each item's version, fee and inputs, the item
        /// priced alone, the adjustment — and of the error pricing the whole request stopped at.
        func firstError(_ request: JSON, pricing: Failure) -> Failure {
            let asOf = request["as_of"]?.string
            var found: [Failure] = []
            var versions: [Version] = []
            for (index, item) in request["items"]!.elements.enumerated() {
                guard let version = inForce(on: item["date"]!.string!, asOf: asOf) else {
                    found.append(Failure(code: "no_tariff_in_force", path: "items[\(index)].date"))
                    continue
                }
                versions.append(version)
                guard let fee = version.fees.first(where: { $0.key == item["fee"]!.string! }) else {
                    found.append(Failure(code: "unknown_fee", path: "items[\(index)].fee"))
                    continue
                }
                let problems = readInputs(item["inputs"], of: fee, at: "items[\(index)].inputs").problems
                found += problems
                guard problems.isEmpty else { continue }
                // The item priced alone: a request of this one item, without an adjustment.
                var alone: [(String, JSON)] = [("items", .array([item]))]
                if let asOf = request["as_of"] { alone.append(("as_of", asOf)) }
                // Not the decisions a summed line makes on its billed quantity, nor, summed over the
                // request, the line's fee year: those are the line's, not the item's.
                do { _ = try pricedOrThrow(.object(alone)) } catch let failure as Failure {
                    let scope = fee.quantity?.scope ?? "item"
                    let lines =
                        scope != "item"
                        && (failure.path == "items[0].inputs.\(fee.quantity!.input)" || (scope == "request" && failure.code == "index_missing"))
                    if !lines {
                        found.append(Failure(code: failure.code, path: failure.path.replacingOccurrences(of: "items[0]", with: "items[\(index)]")))
                    }
                } catch { preconditionFailure("reference: \(error)") }
            }
            if let adjusting = request["adjustment"] {
                if let failure = Self.reductionProblem(adjusting) {
                    found.append(failure)
                } else if let latest = versions.max(by: <), !latest.allowsAdjustments {
                    found.append(Failure(code: "invalid_request", path: "adjustment"))
                }
            }
            found.append(pricing)
            return found.min { Self.position($0.path, in: request).lexicographicallyPrecedes(Self.position($1.path, in: request)) }!
        }

        /// Where `path` lies in `request`: each member's place in its object (past the end for a
        /// member that is not there), each element's index.
        static func position(_ path: String, in request: JSON) -> [Int] {
            var key: [Int] = []
            var current: JSON? = request
            for part in path.split(separator: ".") {
                let name = part.prefix { $0 != "[" }
                if case .object(let members) = current {
                    let index = members.firstIndex { $0.0 == name }
                    key.append(index ?? members.count)
                    current = index.map { members[$0].1 }
                } else {
                    key.append(Int.max)
                    current = nil
                }
                if let open = part.firstIndex(of: "[") {
                    let element = Int(part[part.index(after: open)..<part.index(before: part.endIndex)])!
                    key.append(element)
                    current = current?.elements.indices.contains(element) == true ? current!.elements[element] : nil
                }
            }
            return key
        }

        /// A reduction is a percentage above 0 and at most 100, with at most 4 decimals.
        static func reductionProblem(_ adjusting: JSON) -> Failure? {
            guard adjusting["kind"]?.string == "reduction" else { return nil }
            let text = adjusting["percent"]?.string ?? ""
            guard let percent = Q(decimal: text), Q.zero < percent, percent <= Q(100), !text.hasPrefix("-"),
                text.split(separator: ".").dropFirst().first.map({ $0.count <= 4 }) ?? true
            else { return Failure(code: "invalid_request", path: "adjustment.percent") }
            return nil
        }

        /// One request item as read: its version, fee and inputs after defaults.
        struct Item {
            var index: Int
            var date: String
            var version: Version
            var fee: Fee
            var inputs: [String: Value]
            var year: Int { Int(date.prefix(4))! }
        }

        private func pricedOrThrow(_ request: JSON) throws -> Priced {
            let asOf = request["as_of"]?.string
            if let adjusting = request["adjustment"], let failure = Self.reductionProblem(adjusting) { throw failure }
            var items: [Item] = []
            for (index, item) in request["items"]!.elements.enumerated() {
                let date = item["date"]!.string!
                guard let version = inForce(on: date, asOf: asOf) else {
                    throw Failure(code: "no_tariff_in_force", path: "items[\(index)].date")
                }
                guard let fee = version.fees.first(where: { $0.key == item["fee"]!.string! }) else {
                    throw Failure(code: "unknown_fee", path: "items[\(index)].fee")
                }
                items.append(
                    Item(index: index, date: date, version: version, fee: fee, inputs: try inputs(item["inputs"], of: fee, at: "items[\(index)].inputs")))
            }
            let versionsUsed = Self.ordered(items.map(\.version))
            var lines = try feeLines(items, asOf: asOf)
            lines += try capLines(lines, asOf: asOf)
            // An adjustment needs the request's latest version to allow it; checked once the
            // lines are priced.
            if request["adjustment"] != nil, !versionsUsed.last!.allowsAdjustments {
                throw Failure(code: "invalid_request", path: "adjustment")
            }

            let subtotal = lines.reduce(Q.zero) { $0 + $1.amount }
            var adjustment: Q? = nil
            if let adjusting = request["adjustment"] {
                if adjusting["kind"]!.string! == "waiver" {
                    adjustment = -subtotal
                } else {
                    adjustment = -Rounding.ore.apply(subtotal * Q(decimal: adjusting["percent"]!.string!)! / Q(100))
                }
            }
            let afterAdjustment = subtotal + (adjustment ?? .zero)
            var vat: Q? = nil
            var total = afterAdjustment
            if let rule = versionsUsed.last!.vat {
                if rule.included {
                    vat = rule.rounding.apply(afterAdjustment * rule.rate / (Q(100) + rule.rate))
                } else {
                    vat = rule.rounding.apply(afterAdjustment * rule.rate / Q(100))
                    total = afterAdjustment + vat!
                }
            }
            return Priced(lines: lines, subtotal: subtotal, adjustment: adjustment, vat: vat, total: total, versions: versionsUsed.map(\.name))
        }

        /// The version in force on `date`: among those decided by `asOf`, the latest `valid_from`
        /// on or before the date (of two, the later decision); none if it ended before the date.
        func inForce(on date: String, asOf: String?) -> Version? {
            let candidates = tariff.versions.filter { $0.validFrom <= date && (asOf == nil || $0.decided <= asOf!) }
            guard let latest = candidates.max(by: <) else { return nil }
            if let until = latest.validUntil, until < date { return nil }
            return latest
        }

        static func ordered(_ versions: [Version]) -> [Version] {
            var seen: [Version] = []
            for version in versions.sorted(by: <) where !seen.contains(where: { $0 === version }) {
                seen.append(version)
            }
            return seen
        }

        /// The item's inputs, checked against the fee's declarations, with defaults filled in.
        private func inputs(_ given: JSON?, of fee: Fee, at path: String) throws -> [String: Value] {
            let read = readInputs(given, of: fee, at: path)
            if let first = read.problems.first { throw first }
            return read.values
        }

        /// The item's inputs with defaults filled in, and every problem with them: each given
        /// input in the order written, then each missing required one.
        func readInputs(_ given: JSON?, of fee: Fee, at path: String) -> (values: [String: Value], problems: [Failure]) {
            var values: [String: Value] = [:]
            var problems: [Failure] = []
            for (name, value) in given?.members ?? [] {
                let invalid = Failure(code: "invalid_request", path: "\(path).\(name)")
                guard let input = fee.inputs.first(where: { $0.name == name }) else {
                    problems.append(invalid)
                    continue
                }
                switch input.kind {
                case .integer(let min, let max):
                    guard case .number(let text) = value, let integer = Int(text), (min...max).contains(Q(integer)) else {
                        problems.append(invalid)
                        continue
                    }
                    values[name] = .number(Q(integer))
                case .decimal(let scale, let min, let max):
                    guard let text = value.string, let number = Q(decimal: text), (min...max).contains(number),
                        !text.contains(".") || text.split(separator: ".")[1].count <= scale
                    else {
                        problems.append(invalid)
                        continue
                    }
                    values[name] = .number(number)
                case .choice(let choices):
                    guard let text = value.string, choices.contains(text) else {
                        problems.append(invalid)
                        continue
                    }
                    values[name] = .choice(text)
                }
            }
            let given = Set((given?.members ?? []).map(\.0))
            for input in fee.inputs where !given.contains(input.name) {
                guard let fallback = input.defaultValue else {
                    problems.append(Failure(code: "invalid_request", path: "\(path).\(input.name)"))
                    continue
                }
                values[input.name] = fallback
            }
            return (values, problems)
        }

        /// One line per priced group: the items of one fee (or one `group` of fees) under one
        /// version, in one period of the scope, with the same other inputs.
        private func feeLines(_ items: [Item], asOf: String?) throws -> [Line] {
            struct Key: Hashable {
                var name: String
                var version: String
                var period: String
                var others: [String: Value]
            }
            var groups: [Key: [Item]] = [:]
            var order: [Key] = []
            for item in items {
                let quantity = item.fee.quantity
                let scope = quantity?.scope ?? "item"
                let period =
                    switch scope {
                    case "item": "item \(item.index)"
                    case "day": item.date
                    case "month": String(item.date.prefix(7))
                    case "year": String(item.date.prefix(4))
                    default: "request"
                    }
                var others = item.inputs
                if let quantity { others[quantity.input] = nil }
                let key = Key(name: quantity?.group ?? item.fee.key, version: item.version.name, period: period, others: others)
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append(item)
            }
            // Lines of one fee: by version, then by period (items priced alone by their place
            // in the request), then by their first item.
            func periodOrder(_ scope: String, _ item: Item) -> String {
                switch scope {
                case "item": String(repeating: "0", count: 6 - String(item.index).count) + String(item.index)
                case "request": ""
                case "month": String(item.date.prefix(7))
                case "year": String(item.date.prefix(4))
                default: item.date
                }
            }
            var lines: [(position: Int, period: String, line: Line)] = []
            for key in order {
                let members = groups[key]!
                let first = members[0]
                let quantity = first.fee.quantity
                let scope = quantity?.scope ?? "item"
                let year = scope == "request" ? members.map(\.year).max()! : first.year
                var billed: Q? = nil
                if let quantity {
                    var sum = members.reduce(Q.zero) { total, item in
                        guard case .number(let q) = item.inputs[quantity.input]! else { preconditionFailure() }
                        return total + q
                    }
                    sum = sum - Q(quantity.less)
                    if let increment = quantity.increment {
                        let units = sum / Q(increment)
                        let whole: Int128 =
                            switch quantity.rounding! {
                            case "up": units.ceiling
                            case "down": units.floor
                            default: (units + Q(1, 2)).floor
                            }
                        sum = Q(whole) * Q(increment)
                    }
                    billed = sum
                }
                // Blocks deciding on the quantity input (bands, lookup, percent) see the billed
                // quantity — summed, less `less`, in whole increments — not one item's value.
                var inputs = first.inputs
                if let quantity, let billed { inputs[quantity.input] = .number(billed) }
                let context = Context(
                    interpreter: self, version: first.version, year: year, inputs: inputs, billed: billed,
                    quantityInput: quantity?.input, firstItem: members.map(\.index).min()!, asOf: asOf)
                var amount = try context.run(first.fee.price, from: nil)
                guard let unrounded = amount else { preconditionFailure("reference: a pipeline set no amount") }
                amount = Rounding.ore.apply(unrounded)
                let period: String? =
                    switch scope {
                    case "item", "day": first.date
                    case "month": String(first.date.prefix(7))
                    case "year": String(first.date.prefix(4))
                    default: nil
                    }
                // A group stands where its first member stands.
                let position = first.version.fees.firstIndex { $0.key == first.fee.key || ($0.quantity?.group).map { $0 == key.name } == true }!
                let versionOrder = tariff.versions.filter { $0 < first.version }.count
                lines.append(
                    (
                        position * 1000 + versionOrder, periodOrder(scope, members[0]),
                        Line(
                            kind: "fee", name: key.name, version: first.version.name, feeYear: year, period: period, items: members.map(\.index),
                            billed: billed, amount: amount!, scope: scope)
                    ))
            }
            return lines.sorted { ($0.position, $0.period, $0.line.items[0]) < ($1.position, $1.period, $1.line.items[0]) }.map(\.line)
        }

        /// For each cap and calendar month, a line with the negative difference when the listed
        /// fees' lines dated in that month sum to more than the cap (rounded to öre, half up),
        /// computed for the month's year by the latest version among those lines. Cap lines
        /// stand in the order of each cap and month's first capped line (for one line, in the
        /// order of the caps in the file).
        private func capLines(_ lines: [Line], asOf: String?) throws -> [Line] {
            var groups: [(cap: String, month: String, lines: [Line])] = []
            for line in lines where line.period != nil && line.period!.count >= 7 {
                let month = String(line.period!.prefix(7))
                let version = tariff.versions.first { $0.name == line.version }!
                for cap in version.caps where cap.fees.contains(line.name) {
                    if let group = groups.firstIndex(where: { $0.cap == cap.key && $0.month == month }) {
                        groups[group].lines.append(line)
                    } else {
                        groups.append((cap.key, month, [line]))
                    }
                }
            }
            var capLines: [Line] = []
            for group in groups {
                let version = Self.ordered(group.lines.map { line in tariff.versions.first { $0.name == line.version }! }).last!
                guard let rule = version.caps.first(where: { $0.key == group.cap }) else { continue }
                let context = Context(
                    interpreter: self, version: version, year: Int(group.month.prefix(4))!, inputs: [:], billed: nil, quantityInput: nil,
                    firstItem: group.lines[0].items[0],
                    asOf: asOf)
                let limit = Rounding.ore.apply(try context.amount(rule.amount))
                let charged = group.lines.reduce(Q.zero) { $0 + $1.amount }
                if charged > limit {
                    capLines.append(
                        Line(
                            kind: "cap", name: group.cap, version: version.name, feeYear: nil, period: group.month, items: [], billed: nil,
                            amount: limit - charged))
                }
            }
            return capLines
        }

        /// What a line's blocks see: the fee year, the line's inputs and billed quantity.
        struct Context {
            var interpreter: Interpreter
            var version: Version
            var year: Int
            var inputs: [String: Value]
            var billed: Q?
            /// The fee's quantity input, if it has one.
            var quantityInput: String?
            var firstItem: Int
            var asOf: String?

            func number(_ input: String) -> Q {
                guard case .number(let q) = inputs[input]! else { preconditionFailure("reference: \(input) is not a number") }
                return q
            }

            func run(_ blocks: [Block], from start: Q?) throws -> Q? {
                var amount = start
                for block in blocks {
                    switch block {
                    case .fixed(let value): amount = try self.amount(value)
                    case .perUnit(let price, let per): amount = billed! * (try self.amount(price)) / Q(per)
                    case .percent(let of, let percent, let ofAtMost):
                        var base = number(of)
                        if let ofAtMost, case let limit = try self.amount(ofAtMost), limit < base { base = limit }
                        amount = base * percent / Q(100)
                    case .share(let factor): amount = amount! * factor
                    case .round(let rule): amount = rule.apply(amount!)
                    case .min(let floor):
                        let floor = try self.amount(floor)
                        if amount! < floor { amount = floor }
                    case .max(let ceiling):
                        let ceiling = try self.amount(ceiling)
                        if ceiling < amount! { amount = ceiling }
                    case .bands(let input, let bands):
                        let value = number(input)
                        guard let band = bands.first(where: { value <= $0.upTo }) else { throw invalid(input) }
                        amount = try run(band.price, from: amount)
                    case .lookup(let input, let cases, let otherwise):
                        let value = inputs[input]!
                        // A case the lookup leaves out is not offered (docs: "not_offered", at the input).
                        guard let blocks = cases.first(where: { value.isNamed(by: $0.0) })?.1 ?? otherwise else {
                            throw Failure(code: "not_offered", path: "items[\(firstItem)].inputs.\(input)")
                        }
                        amount = try run(blocks, from: amount)
                    case .tiers(let graduated, let per, let tiers):
                        amount = try self.tiers(graduated: graduated, per: per, tiers)
                    case .table(let table):
                        amount = try self.amount(try cell(of: table))
                    case .multiply(let factor):
                        amount = amount! * (try self.factor(factor))
                    case .add(let added):
                        amount = amount! + (try self.amount(added))
                    case .use(let name):
                        amount = try run(version.definitions.pipelines[name]!, from: amount)
                    }
                }
                return amount
            }

            /// An `invalid_request` at the input's path (its value lies above every band or row).
            func invalid(_ input: String) -> Failure {
                Failure(code: "invalid_request", path: "items[\(firstItem)].inputs.\(input)")
            }

            /// Tiers on the billed quantity. Tier i holds the quantities above tier i − 1's top up
            /// to its own (the first from 0, holding 0). Graduated: the units in each tier the
            /// quantity reaches at its unit price, and its flat amount; volume: every unit at the
            /// price of the tier the quantity falls in, and that tier's flat amount.
            func tiers(graduated: Bool, per: Int, _ tiers: [(upTo: Q?, unitPrice: Amount?, flat: Amount?)]) throws -> Q {
                let quantity = billed!
                let input = quantityInput!
                // The quantity is checked against the tiers before any amount is read.
                guard !(quantity < .zero), tiers.last!.upTo.map({ !($0 < quantity) }) ?? true else { throw invalid(input) }
                var total = Q.zero
                var below: Q? = nil  // the previous tier's top
                for tier in tiers {
                    let reached = below.map { $0 < quantity } ?? true
                    guard reached else { break }
                    let inside = tier.upTo.map { !($0 < quantity) } ?? true
                    if graduated {
                        let top = inside ? quantity : tier.upTo!
                        let units = top - (below ?? .zero)
                        if let price = tier.unitPrice { total = total + units * (try amount(price)) / Q(per) }
                        if let flat = tier.flat { total = total + (try amount(flat)) }
                    } else if inside {
                        if let price = tier.unitPrice { total = total + quantity * (try amount(price)) / Q(per) }
                        if let flat = tier.flat { total = total + (try amount(flat)) }
                    }
                    if inside { return total }
                    below = tier.upTo
                }
                throw invalid(input)
            }

            /// The cell the inputs pick, key by key in the table's order: a value no row lists is
            /// not offered, a value above the last top is invalid; then an empty cell is not offered.
            func cell<Cell>(of table: Table<Cell>) throws -> Cell {
                var index = 0
                for key in table.keys {
                    let rows = key.values?.count ?? key.tops!.count
                    let row: Int
                    if let values = key.values {
                        guard let found = values.firstIndex(where: { inputs[key.input]!.isNamed(by: $0) }) else {
                            throw Failure(code: "not_offered", path: "items[\(firstItem)].inputs")
                        }
                        row = found
                    } else {
                        let value = number(key.input)
                        guard let found = key.tops!.firstIndex(where: { top in top.map { !($0 < value) } ?? true }) else { throw invalid(key.input) }
                        row = found
                    }
                    index = index * rows + row
                }
                guard let cell = table.cells[index] else { throw Failure(code: "not_offered", path: "items[\(firstItem)].inputs") }
                return cell
            }

            func factor(_ factor: Factor) throws -> Q {
                switch factor {
                case .constant(let q):
                    return q
                case .input(let name):
                    return number(name)
                case .bands(let input, let tops):
                    let value = number(input)
                    guard let band = tops.first(where: { band in band.upTo.map { !($0 < value) } ?? true }) else { throw invalid(input) }
                    return band.factor
                case .lookup(let input, let cases, let otherwise):
                    let value = inputs[input]!
                    let chosen: Q?? = cases.first(where: { value.isNamed(by: $0.0) }).map { $0.1 } ?? otherwise.map { .some($0) }
                    guard case .some(.some(let q)) = chosen else {
                        throw Failure(code: "not_offered", path: "items[\(firstItem)].inputs.\(input)")
                    }
                    return q
                case .table(let table):
                    return try cell(of: table)
                case .sum(let factors):
                    return try factors.reduce(Q.zero) { $0 + (try self.factor($1)) }
                case .named(let name):
                    return try self.factor(version.definitions.factors[name]!)
                }
            }

            func amount(_ amount: Amount) throws -> Q {
                switch amount {
                case .constant(let q):
                    return q
                case .named(let name):
                    return try self.amount(version.definitions.amounts[name]!)
                case .indexPercent(let series, let percent):
                    return try seriesAmount(series) * percent / Q(100)
                case .indexTimes(let series, let times, let dividedBy, let rounding):
                    let value = try seriesAmount(series) * times / Q(dividedBy)
                    return rounding?.apply(value) ?? value
                case .indexed(let base, let by):
                    var value = base
                    guard version.validFromYear < year else { return value }
                    for y in (version.validFromYear + 1)...year {
                        switch by {
                        case .series(let id, let month, let publicationYearsBefore, let valueYearsBefore, let rounding):
                            let raise = try percentValue(id, year: y - valueYearsBefore, publishedIn: y - publicationYearsBefore, month: month)
                            value = rounding.apply(value * (Q.one + raise / Q(100)))
                        case .raises(let decisions, let rounding):
                            guard let decision = decisions[y], asOf == nil || decision.decided <= asOf! else {
                                throw Failure(code: "index_missing", path: "items[\(firstItem)].date")
                            }
                            value = rounding.apply(value * (Q.one + (decision.raise ?? .zero) / Q(100)))
                        }
                    }
                    return value
                }
            }

            /// An amount series' value for the fee year: from the latest publication listing it.
            func seriesAmount(_ id: String) throws -> Q {
                let series = interpreter.tariff.series[id]!
                let listing = series.publications.filter { $0.values[year] != nil && (asOf == nil || $0.published <= asOf!) }
                guard let latest = listing.max(by: { $0.published < $1.published }) else {
                    throw Failure(code: "index_missing", path: "items[\(firstItem)].date")
                }
                return latest.values[year]!
            }

            /// A percentage series' value for year `y`, from its latest publication of `month` in
            /// year `publishedIn` listing it.
            func percentValue(_ id: String, year y: Int, publishedIn: Int, month: Int) throws -> Q {
                let series = interpreter.tariff.series[id]!
                let prefix = "\(publishedIn)-" + (month < 10 ? "0" : "") + "\(month)"
                let listing = series.publications.filter { $0.published.hasPrefix(prefix) && $0.values[y] != nil && (asOf == nil || $0.published <= asOf!) }
                guard let latest = listing.max(by: { $0.published < $1.published }) else {
                    throw Failure(code: "index_missing", path: "items[\(firstItem)].date")
                }
                return latest.values[y]!
            }
        }
    }
}
