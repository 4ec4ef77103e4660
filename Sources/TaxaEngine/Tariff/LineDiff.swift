import TaxaBase

/// A unified diff of two texts by lines, so `taxa index add --dry-run` shows the clerk exactly
/// the lines the rewrite would change, with a little context, as `git diff` would.
package enum LineDiff {
    private enum Line { case same(String), removed(String), added(String) }

    package static func unified(before: String, after: String, from: String, to: String, context: Int = 2) -> String {
        let old = lines(before)
        let new = lines(after)
        let edits = script(old, new)
        guard edits.contains(where: { if case .same = $0 { false } else { true } }) else { return "" }
        var out = "--- \(from)\n+++ \(to)\n"
        // Group changes whose context overlaps into one hunk.
        let changed = edits.indices.filter { if case .same = edits[$0] { false } else { true } }
        var start = 0
        while start < changed.count {
            var end = start
            while end + 1 < changed.count, changed[end + 1] - changed[end] <= 2 * context + 1 { end += 1 }
            let low = max(0, changed[start] - context)
            let high = min(edits.count - 1, changed[end] + context)
            // Line numbers where the hunk begins in each text.
            var oldLine = 1
            var newLine = 1
            for edit in edits[..<low] {
                switch edit {
                case .same: oldLine += 1; newLine += 1
                case .removed: oldLine += 1
                case .added: newLine += 1
                }
            }
            var body = ""
            var oldCount = 0
            var newCount = 0
            for edit in edits[low...high] {
                switch edit {
                case .same(let text): body += " \(text)\n"; oldCount += 1; newCount += 1
                case .removed(let text): body += "-\(text)\n"; oldCount += 1
                case .added(let text): body += "+\(text)\n"; newCount += 1
                }
            }
            out += "@@ -\(range(oldLine, oldCount)) +\(range(newLine, newCount)) @@\n" + body
            start = end + 1
        }
        return out
    }

    private static func range(_ line: Int, _ count: Int) -> String {
        count == 1 ? "\(line)" : "\(count == 0 ? line - 1 : line),\(count)"
    }

    private static func lines(_ text: String) -> [String] {
        var result = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if result.last == "" { result.removeLast() }
        return result
    }

    /// The edit script: common prefix and suffix kept, the middle by longest common
    /// subsequence (or replaced whole when it is too large to compare line by line).
    private static func script(_ old: [String], _ new: [String]) -> [Line] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
            old[old.count - 1 - suffix] == new[new.count - 1 - suffix]
        { suffix += 1 }
        let a = Array(old[prefix..<(old.count - suffix)])
        let b = Array(new[prefix..<(new.count - suffix)])
        var middle: [Line] = []
        if a.count * b.count > 4_000_000 {
            middle = a.map(Line.removed) + b.map(Line.added)
        } else {
            // lcs[i][j]: the longest common subsequence of a[i...] and b[j...].
            var lcs = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
            for i in stride(from: a.count - 1, through: 0, by: -1) {
                for j in stride(from: b.count - 1, through: 0, by: -1) {
                    lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
                }
            }
            var i = 0
            var j = 0
            while i < a.count || j < b.count {
                if i < a.count, j < b.count, a[i] == b[j] {
                    middle.append(.same(a[i])); i += 1; j += 1
                } else if i < a.count, j == b.count || lcs[i + 1][j] >= lcs[i][j + 1] {
                    middle.append(.removed(a[i])); i += 1
                } else {
                    middle.append(.added(b[j])); j += 1
                }
            }
        }
        return old[..<prefix].map(Line.same) + middle + old[(old.count - suffix)...].map(Line.same)
    }
}
