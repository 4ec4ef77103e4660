/// Exact decimal text for `units / 10^scale`, for showing unrounded intermediate values
/// (e.g. 1201 × 1.029 = 1235.829) to auditors. Display only; never parsed back.
@usableFromInline package func decimalText(_ units: Int128, scale: Int) -> String {
    let negative = units < 0
    var digits = String(units.magnitude)
    if scale > 0 {
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        while digits.hasSuffix("0") { digits.removeLast() }
        if digits.hasSuffix(".") { digits.removeLast() }
    }
    return (negative ? "-" : "") + digits
}
