extension ScaledDecimal {
    /// The text with exactly `scale` decimals, as it was written: "3.0" stays "3.0" and "2.90"
    /// stays "2.90" (where `description` shortens to "3" and "2.9"). Files the office edits are
    /// rewritten with it, so a value never changes its spelling behind the clerk's back.
    package var asWritten: String {
        let magnitude = String(units.magnitude)
        let sign = units < 0 ? "-" : ""
        guard scale > 0 else { return sign + magnitude }
        let padded = String(repeating: "0", count: max(0, scale + 1 - magnitude.count)) + magnitude
        let split = padded.index(padded.endIndex, offsetBy: -scale)
        return sign + padded[..<split] + "." + padded[split...]
    }
}
