import Foundation
import Testing

@testable import SyscraftCore

/// The Mann–Whitney U test and the summaries `compare` will report, on samples whose answers were checked by hand and
/// against scipy 1.17 (`scipy.stats.mannwhitneyu(a, b, alternative="two-sided", method=...)`).
@Suite struct StatisticsTests {
    @Test("fully separated samples of 5: U = 0, exact p = 2/C(10,5) = 2/252")
    func separated() throws {
        let r = try Statistics.mannWhitney([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])
        #expect(r.u == 0 && r.exact)
        #expect(abs(r.p - 2.0 / 252) < 1e-12)
        // Swapped: U is the other sample's, p the same.
        let s = try Statistics.mannWhitney([6, 7, 8, 9, 10], [1, 2, 3, 4, 5])
        #expect(s.u == 25 && abs(s.p - r.p) < 1e-12)
    }

    @Test("ties: mid-ranks, the tie-corrected normal approximation (scipy asymptotic: U 2.5, p 0.136658)")
    func ties() throws {
        let r = try Statistics.mannWhitney([1, 2, 2, 3], [2, 3, 4, 5])
        #expect(r.u == 2.5 && !r.exact)
        #expect(abs(r.p - 0.1366582477381475) < 1e-9, "\(r.p)")
        let close = try Statistics.mannWhitney([3.1, 2.9, 3.0, 3.2, 3.05, 2.95], [3.0, 3.1, 2.9, 3.15, 3.05, 2.92])
        #expect(close.u == 19 && abs(close.p - 0.9357362806427562) < 1e-9, "\(close)")
    }

    @Test("20 against 20 without ties: exact (scipy exact: U 120, p 0.0304113)")
    func exactTwenty() throws {
        let r = try Statistics.mannWhitney((1...20).map(Double.init), (5..<25).map { Double($0) + 0.5 })
        #expect(r.u == 120 && r.exact)
        #expect(abs(r.p - 0.030411256038764864) < 1e-9, "\(r.p)")
    }

    @Test("identical samples: no difference (p = 1)")
    func identical() throws {
        #expect(try Statistics.mannWhitney([5, 5, 5], [5, 5, 5]).p == 1)
        #expect(try Statistics.mannWhitney([1, 2, 3], [1, 2, 3]).p == 1)
    }

    @Test("one sample per kernel is refused with a clear message")
    func tooFew() {
        #expect(throws: SyscraftError.self) { try Statistics.mannWhitney([1], [2, 3]) }
        do { _ = try Statistics.mannWhitney([1], [2]) } catch { #expect(error.message.contains("at least 2 samples")) }
        #expect(throws: SyscraftError.self) { try Statistics.mannWhitney([1, .nan], [2, 3]) }
    }

    @Test("the exact distribution sums to C(n1+n2, n1) and is symmetric")
    func exactDistribution() {
        for (n1, n2) in [(2, 3), (5, 5), (7, 4), (12, 9)] {
            let f = Statistics.exactCounts(n1, n2)
            var binomial = 1.0
            for k in 0..<n1 { binomial = binomial * Double(n1 + n2 - k) / Double(k + 1) }
            #expect(abs(f.reduce(0, +) - binomial) < 1e-6)
            #expect(f == Array(f.reversed()))
        }
    }

    @Test("a property: p stays in (0, 1], and swapping the samples keeps p and turns U into n1*n2 - U")
    func swapProperty() throws {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let a = (0..<Int.random(in: 2...12, using: &rng)).map { _ in Double(Int.random(in: 0...15, using: &rng)) }
            let b = (0..<Int.random(in: 2...12, using: &rng)).map { _ in Double(Int.random(in: 0...15, using: &rng)) }
            let r = try Statistics.mannWhitney(a, b), s = try Statistics.mannWhitney(b, a)
            #expect(r.p > 0 && r.p <= 1)
            #expect(abs(r.p - s.p) < 1e-12 && abs(r.u + s.u - Double(a.count * b.count)) < 1e-9, "\(a) \(b)")
        }
    }

    @Test("median and quartiles as numpy's default percentile")
    func summaries() {
        #expect(Statistics.median([3, 1, 2]) == 2 && Statistics.median([4, 1, 3, 2]) == 2.5)
        let q = Statistics.quartiles([1, 2, 3, 4, 5, 6, 7, 8])
        #expect(q.q1 == 2.75 && q.q3 == 6.25)
    }
}
