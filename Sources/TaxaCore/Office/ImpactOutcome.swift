/// What one side of `taxa impact` got for a request: the service's own result line for it,
/// read back for its id, tariff, total and the amount of each fee, or its error code.
struct ImpactOutcome {
    var id: String?
    var tariff: String?
    /// Nil when the side did not price the request.
    var total: Money?
    var errorCode: String?
    /// The amounts per fee (a fee's key, a cap's, the activities of an hourly line, a
    /// per-capita group), summed over the result's lines, in the order first met.
    var parts: [(key: String, ore: Int128)] = []

    /// Reads a result line as `RequestProcessor` writes it. A line that cannot be read back is
    /// an error of taxa itself, reported as such rather than skipped.
    init(result bytes: [UInt8], percentageFee: (String) -> String) {
        guard case .success(let document) = JSONDocument.parse(bytes) else {
            errorCode = "unreadable_result"
            return
        }
        let result = document.value
        id = result.member("id")?.string
        guard result.member("ok")?.bool == true else {
            errorCode = result.member("error")?.member("code")?.string ?? "unreadable_result"
            return
        }
        tariff = result.member("tariff")?.string
        guard let total = (result.member("total") ?? result.member("surcharge"))?.string.flatMap(Money.parse) else {
            errorCode = "unreadable_result"
            return
        }
        self.total = total
        for line in result.member("lines")?.elements ?? [] {
            let key: String
            if let fee = line.member("fee")?.string {
                key = fee
            } else if let cap = line.member("cap")?.string {
                key = cap
            } else {
                key = (line.member("activities")?.elements ?? []).compactMap(\.string).joined(separator: "+")
            }
            add(key, line.member("amount")?.string)
        }
        for month in result.member("months")?.elements ?? [] {
            for cell in month.member("groups")?.elements ?? [] { add(cell.member("group")?.string ?? "", cell.member("amount")?.string) }
        }
        if result.member("surcharge") != nil, let tariff { add(percentageFee(tariff), result.member("surcharge")?.string) }
    }

    private mutating func add(_ key: String, _ amount: String?) {
        guard let amount = amount.flatMap(Money.parse) else { return }
        if let index = parts.firstIndex(where: { $0.key == key }) {
            parts[index].ore += Int128(amount.ore)
        } else {
            parts.append((key: key, ore: Int128(amount.ore)))
        }
    }
}
