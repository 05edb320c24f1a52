import Foundation

/// One measurement a workload printed in the guest: `metric NAME VALUE UNIT lower|higher` (which direction is
/// better). `compare` also times the workload itself (`wall`, in ms, guest side).
public struct MetricSample: Sendable, Equatable {
    public enum Better: String, Sendable, Codable, Equatable {
        case lower, higher
    }

    public var name: String
    public var value: Double
    public var unit: String
    public var better: Better

    public init(name: String, value: Double, unit: String, better: Better) {
        self.name = name
        self.value = value
        self.unit = unit
        self.better = better
    }

    /// The metric every comparison has: the workload's wall time, measured by the guest's init around it.
    public static let wallName = "wall"

    /// Parses one output line; nil when it is not a metric line (any other output is the workload's own).
    /// A metric line with a bad value or direction is an error: a typo must not silently drop a metric.
    public static func parse(_ line: String) throws(SyscraftError) -> MetricSample? {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.first == "metric" else { return nil }
        let usage = "print 'metric NAME VALUE UNIT lower|higher', e.g. 'metric pipe_rtt 12.5 us lower'"
        guard words.count == 5 else { throw SyscraftError(.badInput, "the workload printed a bad metric line '\(line)'", hint: usage) }
        let name = String(words[1])
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) }) else {
            throw SyscraftError(.badInput, "bad metric name '\(name)' in '\(line)'", hint: "use letters, digits, _ - and . only")
        }
        guard let value = Double(words[2]), value.isFinite else {
            throw SyscraftError(.badInput, "metric \(name): '\(words[2])' is not a finite number", hint: usage)
        }
        guard let better = Better(rawValue: String(words[4])) else {
            throw SyscraftError(.badInput, "metric \(name): '\(words[4])' is not lower or higher", hint: usage)
        }
        return MetricSample(name: name, value: value, unit: String(words[3]), better: better)
    }

    /// Every metric line of a run's output, in order.
    public static func parseAll(_ lines: [String]) throws(SyscraftError) -> [MetricSample] {
        var samples: [MetricSample] = []
        for line in lines { if let sample = try parse(line) { samples.append(sample) } }
        return samples
    }
}

/// An A/B comparison of two kernels (`syscraft compare`): per metric, both kernels' samples, medians, spreads, the
/// ratio patched/base and a verdict from a two-sided Mann–Whitney U test. The JSON field names are a contract.
public struct Comparison: Sendable, Equatable, Codable {
    public enum Verdict: String, Sendable, Codable, Equatable {
        /// The patched kernel is significantly worse on this metric (whichever way is better).
        case slower
        /// The patched kernel is significantly better.
        case faster
        /// No significant difference.
        case same
    }

    /// One kernel's samples of a metric.
    public struct Side: Sendable, Equatable, Codable {
        public var median: Double
        public var q1: Double
        public var q3: Double
        public var min: Double
        public var max: Double
        public var samples: [Double]

        public init(_ samples: [Double]) {
            self.samples = samples
            median = Statistics.median(samples)
            (q1, q3) = Statistics.quartiles(samples)
            min = samples.min() ?? .nan
            max = samples.max() ?? .nan
        }
    }

    public struct Metric: Sendable, Equatable, Codable {
        public var name: String
        public var unit: String
        public var better: MetricSample.Better
        public var base: Side
        public var patched: Side
        /// patched median / base median; nil when the base median is 0.
        public var ratio: Double?
        public var verdict: Verdict
        /// The test's two-sided p-value.
        public var p: Double
        /// The p-value adjusted for the comparison's other metrics (Holm–Bonferroni): what the verdict compares
        /// with `alpha`, so that an A/A comparison of five metrics still says "same" on all of them 99% of the time.
        public var pAdjusted: Double
        /// How the p-value was computed: "exact" or "normal" (with tie and continuity corrections).
        public var method: String

        enum CodingKeys: String, CodingKey {
            case name, unit, better, base, patched, ratio, verdict, p, pAdjusted = "p_adjusted", method
        }

        /// The verdict from `pAdjusted` and the medians.
        mutating func decide() {
            let bigEnough: Bool
            if let ratio { bigEnough = abs(ratio - 1) >= Comparison.minEffect } else { bigEnough = patched.median != 0 }
            verdict = .same
            if pAdjusted < Comparison.alpha, bigEnough {
                verdict = (patched.median > base.median) == (better == .lower) ? .slower : .faster
            }
        }

        /// How many times worse (slower) or better (faster) the patched kernel is: ≥ 1.
        public var factor: Double? {
            guard let ratio, ratio > 0 else { return nil }
            let worse = better == .lower ? ratio : 1 / ratio
            return verdict == .faster ? 1 / worse : worse
        }
    }

    public var metrics: [Metric]
    /// Boots of each kernel (a round boots both, alternating which goes first).
    public var rounds: Int
    public var arch: String
    /// What the guest's `nproc` said on each kernel (the same for both, normally).
    public var cpus: Int?
    /// The base and patched kernels, in words (e.g. "HEAD (3f2a1c0)", "the working tree").
    public var baseKernel: String
    public var patchedKernel: String
    /// The test and its thresholds: a difference is significant when the Holm-adjusted p < alpha and the medians
    /// differ by at least `minEffect` (a relative change: 0.05 is 5%).
    public var test: String = Comparison.testName
    public var alpha: Double = Comparison.alpha
    public var minEffect: Double = Comparison.minEffect
    /// Wall-clock seconds of one round (two boots and two workload runs), median.
    public var roundSeconds: Double?

    public static let testName = "two-sided Mann-Whitney U, Holm-adjusted over the metrics"
    public static let alpha = 0.01
    public static let minEffect = 0.05

    enum CodingKeys: String, CodingKey {
        case metrics, rounds, arch, cpus, baseKernel = "base_kernel", patchedKernel = "patched_kernel", test, alpha
        case minEffect = "min_effect", roundSeconds = "round_seconds"
    }

    public init(metrics: [Metric], rounds: Int, arch: String, cpus: Int?, baseKernel: String, patchedKernel: String) {
        self.metrics = metrics
        self.rounds = rounds
        self.arch = arch
        self.cpus = cpus
        self.baseKernel = baseKernel
        self.patchedKernel = patchedKernel
    }

    /// Judges one metric from both kernels' samples: significant only when the (adjusted) p < `alpha` and the
    /// medians differ by `minEffect` or more (a difference too small to matter is "same" even when it is consistent).
    public static func judge(name: String, unit: String, better: MetricSample.Better, base: [Double], patched: [Double]) throws(SyscraftError) -> Metric {
        let test = try Statistics.mannWhitney(patched, base)
        let b = Side(base), p = Side(patched)
        let ratio: Double? = b.median == 0 ? nil : p.median / b.median
        var metric = Metric(name: name, unit: unit, better: better, base: b, patched: p, ratio: ratio, verdict: .same, p: test.p,
                            pAdjusted: test.p, method: test.exact ? "exact" : "normal")
        metric.decide()
        return metric
    }

    /// Holm–Bonferroni over one comparison's metrics: the i-th smallest p (from 0) is multiplied by (m - i), made
    /// monotone, capped at 1; each verdict is then decided again from its adjusted p.
    public static func adjusted(_ metrics: [Metric]) -> [Metric] {
        let m = metrics.count
        var result = metrics
        var running = 0.0
        for (rank, index) in metrics.indices.sorted(by: { metrics[$0].p < metrics[$1].p }).enumerated() {
            running = max(running, min(1, Double(m - rank) * metrics[index].p))
            result[index].pAdjusted = running
            result[index].decide()
        }
        return result
    }

    /// Judges every metric from the runs' samples: `base` and `patched` hold each run's metric lines. A metric
    /// must say the same unit and direction everywhere, and appear on both kernels.
    public static func judge(base: [[MetricSample]], patched: [[MetricSample]]) throws(SyscraftError) -> [Metric] {
        var order: [String] = []
        var kind: [String: (unit: String, better: MetricSample.Better)] = [:]
        var values: [String: (base: [Double], patched: [Double])] = [:]
        for (runs, isBase) in [(base, true), (patched, false)] {
            for run in runs {
                for sample in run {
                    if let known = kind[sample.name] {
                        guard known.unit == sample.unit, known.better == sample.better else {
                            throw SyscraftError(.badInput, "metric \(sample.name) is printed as \(known.unit) \(known.better.rawValue) and as \(sample.unit) \(sample.better.rawValue)",
                                                hint: "print each metric with one unit and one direction")
                        }
                    } else {
                        kind[sample.name] = (sample.unit, sample.better)
                        order.append(sample.name)
                    }
                    if isBase { values[sample.name, default: ([], [])].base.append(sample.value) } else { values[sample.name, default: ([], [])].patched.append(sample.value) }
                }
            }
        }
        var metrics: [Metric] = []
        for name in order {
            guard let k = kind[name], let v = values[name] else { continue }
            guard !v.base.isEmpty, !v.patched.isEmpty else {
                throw SyscraftError(.badInput, "metric \(name) was printed only on the \(v.base.isEmpty ? "patched" : "base") kernel",
                                    hint: "print every metric on both kernels (a workload that fails on one is reported as a failed run)")
            }
            do { metrics.append(try judge(name: name, unit: k.unit, better: k.better, base: v.base, patched: v.patched)) } catch {
                throw SyscraftError(error.kind, "metric \(name): \(error.message)", hint: error.hint)
            }
        }
        return adjusted(metrics)
    }

    /// The order of the boots: round i boots base then patched when i is even, patched then base when odd, so a
    /// drift (a warming host, a neighbour's load) falls on both kernels alike.
    public static func schedule(rounds: Int) -> [Kernel] {
        (0..<rounds).flatMap { $0 % 2 == 0 ? [Kernel.stock, .patched] : [.patched, .stock] }
    }

    /// Which metric `--expect NAME:VERDICT` names, and whether it holds.
    public func check(_ expectation: Expectation) -> (holds: Bool, found: Metric?) {
        guard let metric = metrics.first(where: { $0.name == expectation.metric }) else { return (false, nil) }
        return (metric.verdict == expectation.verdict, metric)
    }

    /// `--expect NAME:slower|faster|same`.
    public struct Expectation: Sendable, Equatable {
        public var metric: String
        public var verdict: Verdict

        public static func parse(_ text: String) throws(SyscraftError) -> Expectation {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, let verdict = Verdict(rawValue: String(parts[1])) else {
                throw SyscraftError(.badInput, "--expect '\(text)' is not NAME:slower, NAME:faster or NAME:same",
                                    hint: "name a metric the workload prints, e.g. --expect wakeup_p99:slower")
            }
            return Expectation(metric: String(parts[0]), verdict: verdict)
        }
    }
}
