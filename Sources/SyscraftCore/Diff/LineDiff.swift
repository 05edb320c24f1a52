/// Line-based diffing (Myers' O(ND) algorithm) and unified-diff rendering.
public enum LineDiff {
    public enum Op: Equatable, Sendable {
        case same(String)
        case added(String)
        case removed(String)
    }

    /// Splits text into lines without their terminators. A final newline does not make an empty last line.
    public static func lines(_ text: String) -> [String] {
        if text.isEmpty { return [] }
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if text.hasSuffix("\n") { parts.removeLast() }
        return parts
    }

    /// The edit script turning `a` into `b`.
    public static func diff(_ a: [String], _ b: [String]) -> [Op] {
        // Trim the common prefix and suffix first: edits to kernel files are small.
        var start = 0
        while start < a.count, start < b.count, a[start] == b[start] { start += 1 }
        var endA = a.count, endB = b.count
        while endA > start, endB > start, a[endA - 1] == b[endB - 1] {
            endA -= 1
            endB -= 1
        }
        var ops: [Op] = a[0..<start].map { .same($0) }
        ops += myers(Array(a[start..<endA]), Array(b[start..<endB]))
        ops += a[endA..<a.count].map { .same($0) }
        return ops
    }

    private static func myers(_ a: [String], _ b: [String]) -> [Op] {
        let n = a.count, m = b.count
        if n == 0 { return b.map { .added($0) } }
        if m == 0 { return a.map { .removed($0) } }
        let max = n + m
        let offset = max
        var v = [Int](repeating: 0, count: 2 * max + 2)
        var trace: [[Int]] = []
        outer: for d in 0...max {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                    x = v[offset + k + 1]
                } else {
                    x = v[offset + k - 1] + 1
                }
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[offset + k] = x
                if x >= n, y >= m { break outer }
            }
        }
        // Backtrack.
        var ops: [Op] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let vd = trace[d]
            let k = x - y
            let prevK: Int
            if k == -d || (k != d && vd[offset + k - 1] < vd[offset + k + 1]) {
                prevK = k + 1
            } else {
                prevK = k - 1
            }
            let prevX = vd[offset + prevK]
            let prevY = prevX - prevK
            while x > prevX, y > prevY {
                ops.append(.same(a[x - 1]))
                x -= 1
                y -= 1
            }
            if d > 0 {
                if x == prevX {
                    ops.append(.added(b[y - 1]))
                    y -= 1
                } else {
                    ops.append(.removed(a[x - 1]))
                    x -= 1
                }
            }
        }
        return ops.reversed()
    }

    public static func addedAndRemoved(old: String, new: String) -> (added: [String], removed: [String]) {
        var added: [String] = [], removed: [String] = []
        for op in diff(lines(old), lines(new)) {
            switch op {
            case .added(let l): added.append(l)
            case .removed(let l): removed.append(l)
            case .same: break
            }
        }
        return (added, removed)
    }

    /// A `diff -u` style patch for one file (git's a/ b/ prefixes; /dev/null for created or deleted files).
    public static func unified(path: String, old: String?, new: String?, context: Int = 3) -> String {
        let a = lines(old ?? ""), b = lines(new ?? "")
        let ops = diff(a, b)
        guard ops.contains(where: { if case .same = $0 { return false } else { return true } }) || (old == nil) != (new == nil)
        else { return "" }
        var out = ""
        out += "--- " + (old == nil ? "/dev/null" : "a/\(path)") + "\n"
        out += "+++ " + (new == nil ? "/dev/null" : "b/\(path)") + "\n"
        // Group ops into hunks.
        var idx = 0
        var aLine = 0, bLine = 0
        var positions: [(Int, Int)] = []  // (aLine, bLine) before each op
        for op in ops {
            positions.append((aLine, bLine))
            switch op {
            case .same: aLine += 1; bLine += 1
            case .added: bLine += 1
            case .removed: aLine += 1
            }
        }
        let changed = ops.indices.filter { if case .same = ops[$0] { return false } else { return true } }
        while idx < changed.count {
            let first = changed[idx]
            var last = first
            var j = idx + 1
            while j < changed.count, changed[j] - last <= 2 * context + 1 {
                last = changed[j]
                j += 1
            }
            let lo = max(0, first - context)
            let hi = min(ops.count - 1, last + context)
            var aCount = 0, bCount = 0
            var body = ""
            for i in lo...hi {
                switch ops[i] {
                case .same(let l): body += " \(l)\n"; aCount += 1; bCount += 1
                case .added(let l): body += "+\(l)\n"; bCount += 1
                case .removed(let l): body += "-\(l)\n"; aCount += 1
                }
            }
            let (a0, b0) = positions[lo]
            let aStart = aCount == 0 ? a0 : a0 + 1
            let bStart = bCount == 0 ? b0 : b0 + 1
            out += "@@ -\(aStart)\(aCount == 1 ? "" : ",\(aCount)") +\(bStart)\(bCount == 1 ? "" : ",\(bCount)") @@\n"
            out += body
            idx = j
        }
        if let new, !new.isEmpty, !new.hasSuffix("\n") { out += "\\ No newline at end of file\n" }
        return out
    }
}
