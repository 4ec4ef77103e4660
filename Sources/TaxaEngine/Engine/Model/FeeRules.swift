import TaxaBase

/// The fees of one tariff version, as the engine prices them: every kind of tariff is read
/// into this one form (the `fees` kind directly, the older kinds by their own readers).
package final class FeeRules: Sendable {
    /// In the file's order.
    package let fees: [FeeDefinition]
    package let caps: [CapRule]
    package let vat: VATRule?
    /// The rounding of the invoice total (öresavrundning), after VAT.
    package let totalRounding: TotalRounding?
    /// Whether a fee states its own VAT: then VAT is worked out per rate.
    let feeVAT: Bool

    /// The fees' keys, for finding the fee an item names.
    private let feeKeys: ByteKeys
    /// What the engine reads of each fee for each item, by the fee's position in `fees`.
    let shapes: [FeeItemShape]

    /// Where amounts written once under `definitions` lie, by their cache key.
    let definitionPaths: [String: JSONPath]

    package convenience init(fees: [FeeDefinition], caps: [CapRule] = [], vat: VATRule? = nil, totalRounding: TotalRounding? = nil) {
        self.init(fees: fees, caps: caps, vat: vat, totalRounding: totalRounding, definitionPaths: [:])
    }

    init(fees: [FeeDefinition], caps: [CapRule], vat: VATRule?, totalRounding: TotalRounding?, definitionPaths: [String: JSONPath]) {
        self.fees = fees
        self.caps = caps
        self.vat = vat
        self.totalRounding = totalRounding
        self.definitionPaths = definitionPaths
        feeVAT = fees.contains { $0.vat != nil }
        var positions: [String: Int] = [:]
        for fee in fees where positions[fee.summingKey] == nil { positions[fee.summingKey] = fee.position }
        feeKeys = ByteKeys(fees.map(\.key))
        shapes = fees.map { fee in
            FeeItemShape(
                scope: fee.scope, quantityInput: fee.quantity?.inputIndex, linePosition: positions[fee.summingKey] ?? fee.position,
                inputCount: fee.inputs.count)
        }
    }

    /// Whether `fee` is one of these fees.
    package func owns(_ fee: FeeDefinition) -> Bool {
        fee.position >= 0 && fee.position < fees.count && fees[fee.position] === fee
    }

    /// The fee named `key` (fees are few: a linear search beats hashing).
    package func fee(_ key: String) -> FeeDefinition? {
        feeIndex(key).map { fees[$0] }
    }

    /// Where the fee named `key` lies in `fees`: the engine reads it in place.
    package func feeIndex(_ key: String) -> Int? {
        if let index = feeKeys.index(of: key) { return index }
        return fees.firstIndex { $0.key == key }
    }

    /// Every amount source the version's fees and caps depend on, with where it lies, for
    /// `taxa rates` and for deriving rates and digests at load.
    package var amountSources: [(path: JSONPath, fee: FeeDefinition?, source: AmountSource)] {
        var found: [(JSONPath, FeeDefinition?, AmountSource)] = []
        for fee in fees {
            for (index, block) in fee.price.enumerated() {
                for (path, source) in block.amountSources {
                    let blockPath = fee.path.appending("price").appending(.index(index)).appending(type(of: block).key)
                    found.append((definitionPath(source) ?? blockPath.appending(path), fee, source))
                }
            }
        }
        for (index, cap) in caps.enumerated() {
            found.append((definitionPath(cap.amount) ?? JSONPath([.key("caps"), .index(index), .key("amount")]), nil, cap.amount))
        }
        return found
    }
}

extension FeeRules {
    /// Where `source` is written when it is (part of) a named definition.
    func definitionPath(_ source: AmountSource) -> JSONPath? {
        source.cacheKey.flatMap { definitionPaths[$0] }
    }
}

extension JSONPath {
    package func appending(_ other: JSONPath) -> JSONPath { JSONPath(components + other.components) }
}

/// What the engine reads of a fee for each item of a request, as plain values: read from the
/// version's list without taking a reference to the fee (only a new line keeps one).
struct FeeItemShape: Sendable {
    let scope: SummingScope
    /// Where the quantity lies among the fee's inputs.
    let quantityInput: Int?
    /// Where the fee's lines stand among a result's lines: the file position of the first fee
    /// of its group (or of the fee alone); equal exactly for the fees of one group.
    let linePosition: Int
    let inputCount: Int
}
