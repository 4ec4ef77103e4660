import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaService

/// Text made safe for an HTML page: every character that could open markup is escaped, so a
/// tariff's own words are shown as they are written and never read as markup.
package enum HTMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// Escaped text with every amount in it ("1 002,00 kr", "−133,00 kr", "2,9 %") marked and
    /// kept on one line, so a reader's eye finds the figures, and every other number written
    /// with thousands ("1 000 000") kept on one line.
    static func withAmounts(_ text: String) -> String {
        let figure = #/(−?[0-9]{1,3}(?: [0-9]{3})*(?:,[0-9]+)? (?:kr|%))|([0-9]{1,3}(?: [0-9]{3})+(?:,[0-9]+)?)/#
        var out = ""
        var rest = Substring(text)
        while let match = rest.firstMatch(of: figure) {
            out += escape(String(rest[..<match.range.lowerBound]))
            let kind = match.output.1 != nil ? "amount" : "nb"
            out += "<span class=\"\(kind)\">" + escape(String(rest[match.range])) + "</span>"
            rest = rest[match.range.upperBound...]
        }
        return out + escape(String(rest))
    }
}
