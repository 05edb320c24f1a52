import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import SyscraftCore

/// `compare`'s core: metric lines, the per-metric verdict (test and effect-size threshold), the boot order, the
/// renderings and the guest's measure session.
@Suite struct ComparisonTests {
    @Test("a metric line parses; other output is not a metric; a bad metric line is an error naming it")
    func metricLines() throws {
        #expect(try MetricSample.parse("metric pipe_trips 12345.5 trips/s higher") == MetricSample(name: "pipe_trips", value: 12345.5, unit: "trips/s", better: .higher))
        #expect(try MetricSample.parse("metric\twakeup_p99  80.1 us lower") == MetricSample(name: "wakeup_p99", value: 80.1, unit: "us", better: .lower))
        #expect(try MetricSample.parse("# wakeups: 400") == nil)
        #expect(try MetricSample.parse("metrics are nice") == nil)
        #expect(try MetricSample.parse("") == nil)
        for bad in ["metric x 1 ms", "metric x abc ms lower", "metric x 1 ms smaller", "metric x inf ms lower", "metric x/y 1 ms lower"] {
            #expect(throws: SyscraftError.self, "\(bad)") { try MetricSample.parse(bad) }
        }
    }

    @Test("property: a formatted metric line parses back to the same sample", arguments: 0..<200)
    func metricRoundTrip(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed))
        let name = String((0..<(1 + Int(rng.next() % 12))).map { _ in Array("abcxyz_019.-")[Int(rng.next() % 12)] })
        let value = Double(Int64(bitPattern: rng.next()) % 1_000_000) / Double(1 + rng.next() % 1000)
        let unit = ["ms", "us", "ops/s", "%", "B"][Int(rng.next() % 5)]
        let better: MetricSample.Better = rng.next() % 2 == 0 ? .lower : .higher
        let line = "metric \(name) \(value) \(unit) \(better.rawValue)"
        #expect(try MetricSample.parse(line) == MetricSample(name: name, value: value, unit: unit, better: better))
    }

    @Test("fuzz: arbitrary lines never crash the parser; anything it accepts starts with the word metric", arguments: 0..<300)
    func metricFuzz(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &+ 7)
        let alphabet = Array("metric 0123456789.-e lowerhighms\t/_x")
        let line = String((0..<Int(rng.next() % 40)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
        if let sample = try? MetricSample.parse(line) {
            #expect(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).first == "metric")
            #expect(sample.value.isFinite)
        }
    }

    @Test("a latency that grew 10x on every boot is slower, with its factor; higher-is-better throughput that fell is slower too")
    func slower() throws {
        let base = [80.0, 82, 79, 81, 85, 78, 80, 83, 79, 84], patched = base.map { $0 * 10 + 3 }
        let latency = try Comparison.judge(name: "wakeup_p99", unit: "us", better: .lower, base: base, patched: patched)
        // 80 and 79 appear twice: the tie-corrected normal approximation.
        #expect(latency.verdict == .slower && latency.method == "normal" && latency.p < 0.001)
        #expect(abs((latency.ratio ?? 0) - latency.patched.median / latency.base.median) < 1e-12)
        #expect(abs((latency.factor ?? 0) - (latency.ratio ?? 0)) < 1e-12)
        let throughput = try Comparison.judge(name: "trips", unit: "trips/s", better: .higher, base: patched, patched: base)
        #expect(throughput.verdict == .slower && (throughput.factor ?? 0) > 9)
        let better = try Comparison.judge(name: "trips", unit: "trips/s", better: .higher, base: base, patched: patched)
        #expect(better.verdict == .faster && (better.factor ?? 0) > 9)
        #expect(Comparison.sentence(latency).hasPrefix("slower ×"))
    }

    @Test("identical samples, interleaved samples and a consistent 2% shift are all the same: the test and the 5% threshold")
    func same() throws {
        let xs = [10.0, 10.2, 9.9, 10.1, 10.05, 9.95]
        let identical = try Comparison.judge(name: "x", unit: "ms", better: .lower, base: xs, patched: xs)
        #expect(identical.verdict == .same && identical.p == 1)
        let interleaved = try Comparison.judge(name: "x", unit: "ms", better: .lower, base: xs, patched: xs.map { $0 + 0.01 })
        #expect(interleaved.verdict == .same)
        // Separated (p < 0.01) but only 2% apart: consistent, too small to call.
        let base = (0..<10).map { 100 + Double($0) * 0.01 }, shifted = base.map { $0 * 1.02 }
        let small = try Comparison.judge(name: "x", unit: "ms", better: .lower, base: base, patched: shifted)
        #expect(small.p < 0.01 && small.verdict == .same)
        #expect(Comparison.sentence(small).contains("under the 5% threshold"))
    }

    @Test("Holm-Bonferroni over the metrics: p 0.01, 0.04, 0.03, 0.005 adjust to 0.03, 0.06, 0.06, 0.02; verdicts follow the adjusted p")
    func holm() throws {
        let slow = try Comparison.judge(name: "x", unit: "ms", better: .lower, base: [1, 1.1, 0.9, 1.05], patched: [2, 2.1, 1.9, 2.05])
        let metrics = [0.01, 0.04, 0.03, 0.005].enumerated().map { i, p in
            var m = slow
            m.name = "m\(i)"
            m.p = p
            return m
        }
        let adjusted = Comparison.adjusted(metrics)
        for (got, want) in zip(adjusted.map(\.pAdjusted), [0.03, 0.06, 0.06, 0.02]) { #expect(abs(got - want) < 1e-12, "\(got) \(want)") }
        #expect(adjusted.allSatisfy { $0.verdict == .same })
        var strong = metrics
        strong[3].p = 0.001
        #expect(Comparison.adjusted(strong).map(\.verdict) == [.same, .same, .same, .slower])
        // Alone, a metric keeps its p.
        #expect(Comparison.adjusted([metrics[0]]).first?.pAdjusted == 0.01)
    }

    @Test("one boot of a kernel is refused with the fix; so is a metric printed on one kernel only, or with two units")
    func refusals() {
        #expect(throws: SyscraftError.self) { try Comparison.judge(name: "x", unit: "ms", better: .lower, base: [1], patched: [2, 3]) }
        let m = { (v: Double, unit: String) in MetricSample(name: "x", value: v, unit: unit, better: .lower) }
        #expect(throws: SyscraftError.self) { try Comparison.judge(base: [[m(1, "ms")], [m(2, "ms")]], patched: [[], []]) }
        #expect(throws: SyscraftError.self) { try Comparison.judge(base: [[m(1, "ms")], [m(2, "ms")]], patched: [[m(1, "us")], [m(2, "us")]]) }
        do {
            _ = try Comparison.judge(name: "x", unit: "ms", better: .lower, base: [1], patched: [2, 3])
        } catch {
            #expect(error.hint?.contains("--runs") == true)
        }
    }

    @Test("metrics keep the order the workload printed them in; each run's lines are that run's samples")
    func collect() throws {
        let run = { (a: Double, b: Double) in
            [MetricSample(name: "b", value: b, unit: "ms", better: .lower), MetricSample(name: "a", value: a, unit: "ops", better: .higher)]
        }
        let metrics = try Comparison.judge(base: [run(1, 2), run(1.1, 2.1), run(0.9, 1.9)], patched: [run(1, 2), run(1.2, 2.2), run(1, 2)])
        #expect(metrics.map(\.name) == ["b", "a"])
        #expect(metrics[0].base.samples == [2, 2.1, 1.9] && metrics[1].patched.samples == [1, 1.2, 1])
    }

    @Test("the boots alternate: base first in even rounds, patched first in odd ones; as many of each")
    func schedule() {
        let order = Comparison.schedule(rounds: 4)
        #expect(order == [.stock, .patched, .patched, .stock, .stock, .patched, .patched, .stock])
        for n in 1...9 {
            let s = Comparison.schedule(rounds: n)
            #expect(s.filter { $0 == .stock }.count == n && s.count == 2 * n)
        }
    }

    @Test("--expect NAME:VERDICT parses, holds or not; a bad one is refused")
    func expect() throws {
        let e = try Comparison.Expectation.parse("wakeup_p99:slower")
        #expect(e == Comparison.Expectation(metric: "wakeup_p99", verdict: .slower))
        for bad in ["wakeup_p99", "x:worse", ":slower", "a:b:c"] { #expect(throws: SyscraftError.self) { try Comparison.Expectation.parse(bad) } }
        let metric = try Comparison.judge(name: "wakeup_p99", unit: "us", better: .lower, base: [1, 1.1, 0.9, 1.02, 1.05], patched: [9, 9.1, 8.9, 9.05, 9.2])
        let c = Comparison(metrics: [metric], rounds: 5, arch: "x86_64", cpus: 2, baseKernel: "HEAD", patchedKernel: "the working tree")
        #expect(c.check(e).holds)
        #expect(!c.check(try .parse("wakeup_p99:same")).holds)
        #expect(c.check(try .parse("nothing:same")).found == nil)
    }

    @Test("JSON keeps the contract's names: metrics[].name/unit/better/base.median/base.samples/patched/ratio/verdict/p, rounds")
    func json() throws {
        let metric = try Comparison.judge(name: "ppid_loop", unit: "ms", better: .lower, base: [10, 11, 10.5], patched: [20, 21, 20.5])
        let c = Comparison(metrics: [metric], rounds: 3, arch: "x86_64", cpus: 1, baseKernel: "HEAD", patchedKernel: "the working tree")
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(c)) as? [String: Any])
        #expect(object["rounds"] as? Int == 3)
        let m = try #require((object["metrics"] as? [[String: Any]])?.first)
        #expect(m["name"] as? String == "ppid_loop" && m["unit"] as? String == "ms" && m["better"] as? String == "lower")
        #expect(m["verdict"] as? String == "same" && m["p"] is Double && abs((m["ratio"] as? Double ?? 0) - 20.5 / 10.5) < 1e-9)
        let base = try #require(m["base"] as? [String: Any]), patched = try #require(m["patched"] as? [String: Any])
        #expect(base["median"] as? Double == 10.5 && base["samples"] as? [Double] == [10, 11, 10.5] && patched["median"] as? Double == 20.5)
        #expect(try JSONDecoder().decode(Comparison.self, from: JSONEncoder().encode(c)) == c)
    }

    @Test("the table, the text plot and the SVG show every metric; the SVG is well-formed XML")
    func renderings() throws {
        let a = try Comparison.judge(name: "wakeup_p99", unit: "us", better: .lower, base: [80, 81, 79, 82, 80.5], patched: [90_000, 95_000, 88_000, 99_000, 91_000])
        let b = try Comparison.judge(name: "pipe_trips", unit: "trips/s", better: .higher, base: [5000, 5100, 4900, 5050, 4950], patched: [5010, 5090, 4910, 5040, 4960])
        let c = Comparison(metrics: [a, b], rounds: 5, arch: "x86_64", cpus: 2, baseKernel: "HEAD (abc)", patchedKernel: "the working tree & <co>")
        let table = c.table()
        #expect(table.contains("wakeup_p99") && table.contains("slower ×") && table.contains("no significant difference"))
        let plot = c.textPlot(width: 30)
        #expect(plot.contains("log scale") && plot.split(separator: "\n").count == 6)
        let svg = c.svg()
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(svg.components(separatedBy: "<circle").count - 1 == 20)
    }

    @Test("the measure session times the command with kcall -t and reports the guest's CPUs; the parser reads them")
    func measureSession() throws {
        let script = GuestShell.initScript(.measure(["schedbench"]))
        #expect(script.contains("# syscraft-cpus $(nproc)") && script.contains("kcall -t") && script.contains("metric wall "))
        var parser = GuestOutputParser()
        for line in ["[    0.5] Run /init as init process", "# syscraft-cpus 2", "# syscraft-run", "metric x 1 ms lower", "metric wall 12.345 ms lower", "# syscraft-exit 0"] {
            parser.consume(line)
        }
        #expect(parser.cpus == 2 && parser.exitStatus == 0)
        #expect(try MetricSample.parseAll(parser.runOutput).map(\.name) == ["x", "wall"])
        #expect(!GuestShell.initScript(.command(["true"])).contains("syscraft-cpus"))
    }
}
