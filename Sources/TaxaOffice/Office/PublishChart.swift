import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaService

/// The history of an amount as an inline SVG column chart: one column per year, each labelled
/// with its amount as Swedish text, the published year marked. Drawn with whole numbers only
/// (heights are öre scaled by integer division), so the same data draws the same bytes.
package enum PublishChart {
    static let height = 260
    static let top = 34
    static let bottom = 44
    static let column = 96
    static let margin = 16

    /// `id` must be unique on the page (it names the chart's title for assistive technology).
    static func svg(_ history: AmountHistory, id: String, year: Int) -> String {
        let points = history.points
        let width = max(2 * margin + points.count * column, 320)
        let plot = height - top - bottom
        let largest = points.map { floorOre($0.value) }.max() ?? 1
        let values = points.map { "\($0.year): \(SwedishText.kronor($0.value))" }.joined(separator: "; ")
        var out =
            "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\">"
        out += "<title id=\"\(id)-title\">\(HTMLText.escape(history.label))</title>"
        out += "<desc id=\"\(id)-desc\">\(HTMLText.escape(values))</desc>"
        let baseline = top + plot
        out += "<line class=\"axis\" x1=\"\(margin)\" y1=\"\(baseline)\" x2=\"\(width - margin)\" y2=\"\(baseline)\"/>"
        for (index, point) in points.enumerated() {
            let ore = floorOre(point.value)
            let barHeight = largest > 0 ? max(Int(Int128(max(ore, 0)) * Int128(plot) / Int128(largest)), 1) : 1
            let x = margin + index * column + 14
            let barWidth = column - 28
            let center = x + barWidth / 2
            let marked = point.year == year ? " marked" : ""
            out += "<g class=\"bar\(marked)\">"
            out += "<rect x=\"\(x)\" y=\"\(baseline - barHeight)\" width=\"\(barWidth)\" height=\"\(barHeight)\"/>"
            out +=
                "<text class=\"value\" x=\"\(center)\" y=\"\(baseline - barHeight - 8)\" text-anchor=\"middle\">\(HTMLText.escape(SwedishText.kronor(point.value)))</text>"
            out += "<text class=\"year\" x=\"\(center)\" y=\"\(baseline + 22)\" text-anchor=\"middle\">\(point.year)</text>"
            out += "</g>"
        }
        out += "</svg>"
        return out
    }

    /// The amount in whole öre, rounded down (geometry only; the labels are exact).
    private static func floorOre(_ value: Exact) -> Int64 {
        let (quotient, remainder) = value.numerator.quotientAndRemainder(dividingBy: value.denominator)
        let floored = remainder < 0 ? quotient - 1 : quotient
        return Int64(clamping: floored)
    }
}
