/// The inputs of a line's (first) item, by the fee's input order.
///
/// Most fees declare no input or one (a quantity: minutes, m³, a salary cost, a count of
/// children), and a list of one is an allocation, a count and a release for every line priced:
/// one input is held in place, more in a list.
@usableFromInline package struct LineInputs: Sendable, RandomAccessCollection {
    @usableFromInline enum Storage: Sendable {
        case one(InputValue)
        case list([InputValue])
    }

    @usableFromInline var storage: Storage

    @inlinable package init(_ values: [InputValue]) { storage = .list(values) }

    @inlinable package init(one value: InputValue) { storage = .one(value) }

    @inlinable package var startIndex: Int { 0 }

    @inlinable package var endIndex: Int {
        switch storage {
        case .one: 1
        case .list(let values): values.count
        }
    }

    @inlinable package subscript(position: Int) -> InputValue {
        switch storage {
        case .one(let value):
            precondition(position == 0, "input index out of range")
            return value
        case .list(let values): return values[position]
        }
    }
}
