import Foundation

/// The statistics an A/B comparison of two kernels rests on (issue 13's `compare`): medians, quartiles and a two-sided
/// Mann–Whitney U test, which assumes no distribution (boot-to-boot timings under TCG are anything but normal).
public enum Statistics {
    /// A two-sided Mann–Whitney U test of sample `a` against sample `b`.
    public struct MannWhitney: Sendable, Equatable {
        /// U of the first sample: how many (a, b) pairs have a > b, ties counting a half.
        public var u: Double
        /// The two-sided p-value.
        public var p: Double
        /// The exact distribution of U was used (no ties, both samples of at most `exactLimit`); else the normal
        /// approximation with the tie correction and a continuity correction of 0.5.
        public var exact: Bool
    }

    /// Samples up to this size (and without ties) get the exact p-value.
    public static let exactLimit = 20

    public static func median(_ xs: [Double]) -> Double {
        quantile(xs, 0.5)
    }

    /// The first and third quartiles (linear interpolation between order statistics, as numpy's default).
    public static func quartiles(_ xs: [Double]) -> (q1: Double, q3: Double) {
        (quantile(xs, 0.25), quantile(xs, 0.75))
    }

    static func quantile(_ xs: [Double], _ q: Double) -> Double {
        guard !xs.isEmpty else { return .nan }
        let s = xs.sorted()
        let position = q * Double(s.count - 1)
        let low = Int(position.rounded(.down)), high = min(low + 1, s.count - 1)
        return s[low] + (s[high] - s[low]) * (position - Double(low))
    }

    /// Ranks 1...n of the pooled values, ties given the mean of the ranks they span; and the tie groups' sizes.
    static func ranks(_ values: [Double]) -> (ranks: [Double], ties: [Int]) {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var ties: [Int] = []
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count, values[order[j + 1]] == values[order[i]] { j += 1 }
            let rank = Double(i + j + 2) / 2
            for k in i...j { ranks[order[k]] = rank }
            if j > i { ties.append(j - i + 1) }
            i = j + 1
        }
        return (ranks, ties)
    }

    public static func mannWhitney(_ a: [Double], _ b: [Double]) throws(SyscraftError) -> MannWhitney {
        guard a.count >= 2, b.count >= 2 else {
            throw SyscraftError(.badInput, "a comparison needs at least 2 samples of each kernel, not \(a.count) and \(b.count)",
                                hint: "pass --runs 5 or more: with fewer, no difference can be significant")
        }
        guard (a + b).allSatisfy(\.isFinite) else {
            throw SyscraftError(.badInput, "a sample is not a finite number", hint: "check the metric lines the workload printed")
        }
        let n1 = a.count, n2 = b.count, n = n1 + n2
        let (ranks, ties) = ranks(a + b)
        let r1 = ranks[..<n1].reduce(0, +)
        let u1 = r1 - Double(n1 * (n1 + 1)) / 2
        let u2 = Double(n1 * n2) - u1
        if ties.isEmpty, n1 <= exactLimit, n2 <= exactLimit {
            // P(U <= min(U1, U2)) from the exact null distribution of U, doubled (U is symmetric about n1*n2/2).
            let counts = exactCounts(n1, n2)
            let total = counts.reduce(0, +)
            let upTo = Int(min(u1, u2).rounded())
            let tail = counts[0...upTo].reduce(0, +) / total
            return MannWhitney(u: u1, p: min(1, 2 * tail), exact: true)
        }
        let mean = Double(n1 * n2) / 2
        let tieTerm = Double(ties.reduce(0) { $0 + $1 * $1 * $1 - $1 }) / Double(n * (n - 1))
        let variance = Double(n1 * n2) / 12 * (Double(n + 1) - tieTerm)
        guard variance > 0 else { return MannWhitney(u: u1, p: 1, exact: false) }
        let z = (max(u1, u2) - mean - 0.5) / variance.squareRoot()
        return MannWhitney(u: u1, p: min(1, max(0, erfc(z / 2.0.squareRoot()))), exact: false)
    }

    /// How many of the C(n1+n2, n1) arrangements give each value of U (0...n1*n2), by the recurrence
    /// f(i, j, u) = f(i-1, j, u-j) + f(i, j-1, u).
    static func exactCounts(_ n1: Int, _ n2: Int) -> [Double] {
        let maxU = n1 * n2
        // table[i][j] is the distribution for samples of i and j.
        var table = [[[Double]]](repeating: [[Double]](repeating: [], count: n2 + 1), count: n1 + 1)
        for i in 0...n1 {
            for j in 0...n2 {
                var f = [Double](repeating: 0, count: i * j + 1)
                if i == 0 || j == 0 {
                    f[0] = 1
                } else {
                    let withoutA = table[i - 1][j], withoutB = table[i][j - 1]
                    for u in 0...(i * j) {
                        if u - j >= 0, u - j < withoutA.count { f[u] += withoutA[u - j] }
                        if u < withoutB.count { f[u] += withoutB[u] }
                    }
                }
                table[i][j] = f
            }
        }
        return Array(table[n1][n2].prefix(maxU + 1))
    }
}
