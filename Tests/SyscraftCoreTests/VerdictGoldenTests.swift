import Foundation
import Testing

@testable import SyscraftCore

/// Real console logs (Fixtures/consoles, see its README) judged without booting by the one verdict function,
/// `Verdict.judge`: the diagnosis, and every result row, for each failure kind the boot diagnosis knows.
@Suite struct VerdictGoldenTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var log: String
        var kernel: Kernel
        var arch = "x86_64"
        var timedOut = false
        var programs: [String] = []
        var config: String?
        var overrides: [String: String] = [:]
        /// The diagnosis expected, nil for a boot that reported everything.
        var failure: ConsoleScanner.Failure?
        /// Words the diagnosis hint must hold.
        var hint: [String] = []
        /// Per result row, in order: passed, return value (nil: no answer), and words its reason must hold.
        var rows: [(passed: Bool, returned: Int?, reason: [String])]
        var testDescription: String { "\(log) as \(kernel)\(config.map { " (gated by \($0))" } ?? "")" }
    }

    static let kstacksizeTest = [("kstacksize_test.c", "kstacksize_test")]

    static let cases: [Case] = [
        Case(log: "x86_64-stock.log", kernel: .stock, rows: [(true, -1, [])]),
        Case(log: "x86_64-patched.log", kernel: .patched, rows: [(true, 16384, [])]),
        // The same logs judged as the other kernel: the verdict catches a kernel that is not what it claims to be.
        Case(log: "x86_64-stock.log", kernel: .patched, rows: [(false, -1, ["answered ENOSYS", "not wired"])]),
        Case(log: "x86_64-patched.log", kernel: .stock, rows: [(false, 16384, ["already patched"])]),
        Case(log: "arm64-stock.log", kernel: .stock, arch: "arm64", rows: [(true, -1, [])]),
        Case(log: "arm64-patched.log", kernel: .patched, arch: "arm64", rows: [(true, 16384, [])]),
        // A config-gated call built out (--kconfig GATE=n): ENOSYS is then the right answer on the patched kernel.
        Case(log: "x86_64-stock.log", kernel: .patched, config: "KSTACKSIZE_GATE", overrides: ["KSTACKSIZE_GATE": "n"], rows: [(true, -1, [])]),
        Case(log: "x86_64-patched.log", kernel: .patched, config: "KSTACKSIZE_GATE", overrides: ["KSTACKSIZE_GATE": "n"],
             rows: [(false, 16384, ["CONFIG_KSTACKSIZE_GATE=n", "expected -1/ENOSYS"])]),
        // A user test program: it must fail on the stock kernel and pass on the patched one.
        Case(log: "x86_64-stock-program.log", kernel: .stock, programs: ["kstacksize_test"], rows: [(true, -1, []), (true, nil, [])]),
        Case(log: "x86_64-patched-program.log", kernel: .patched, programs: ["kstacksize_test"], rows: [(true, 16384, []), (true, nil, [])]),
        Case(log: "x86_64-patched-program.log", kernel: .stock, programs: ["kstacksize_test"],
             rows: [(false, 16384, ["already patched"]), (false, nil, ["exited 0 on the stock kernel"])]),
        // Each failure kind.
        Case(log: "empty-initramfs.log", kernel: .patched, failure: .noInit, hint: ["/init could not run"], rows: [(false, nil, ["no-init", "No working init found"])]),
        Case(log: "no-initramfs.log", kernel: .patched, failure: .noInit, hint: ["executable"], rows: [(false, nil, ["no-init"])]),
        Case(log: "init-not-executable.log", kernel: .stock, failure: .noInit, hint: ["executable"], rows: [(false, nil, ["no-init", "error -13"])]),
        Case(log: "script-without-interpreter.log", kernel: .patched, failure: .noInit, hint: ["interpreter"], rows: [(false, nil, ["error -8"])]),
        Case(log: "init-exits.log", kernel: .patched, failure: .panic, hint: ["must never return"], rows: [(false, nil, ["panic", "Attempted to kill init"])]),
        Case(log: "ktap-hang.log", kernel: .patched, timedOut: true, failure: .testNeverReported, hint: ["never reported"], rows: [(false, nil, ["test-never-reported"])]),
        Case(log: "silent-hang.log", kernel: .patched, timedOut: true, failure: .hang, hint: ["printed nothing"], rows: [(false, nil, ["hang"])]),
        Case(log: "silent-hang.log", kernel: .patched, failure: .testNeverReported, hint: ["serial console never came up"], rows: [(false, nil, ["test-never-reported"])]),
        Case(log: "constructed-oops-in-syscall.log", kernel: .patched, failure: .oops, hint: ["call trace"], rows: [(false, nil, ["oops", "NULL pointer"])]),
        Case(log: "constructed-oops-after-report.log", kernel: .patched, failure: .oops, hint: ["call trace"], rows: [(true, 16384, [])]),
        Case(log: "constructed-no-root-fs.log", kernel: .patched, failure: .noRootFS, hint: ["root device"], rows: [(false, nil, ["no-root-fs"])]),
    ]

    static func log(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/consoles/\(name)", withExtension: nil), "no fixture \(name)")
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test("a console log judged without booting", arguments: cases)
    func golden(_ c: Case) throws {
        let outcome = BootOutcome(log: try Self.log(c.log), timedOut: c.timedOut, seconds: 12)
        let expectation = Expectation(
            arch: c.arch, numberKey: c.arch, calls: [.init(name: "kstacksize", number: 463, returnsThreadSize: true, config: c.config)],
            programs: c.programs.map { ($0 + ".c", $0) }, configOverrides: c.overrides)
        #expect(outcome.failure?.failure == c.failure, "\(outcome.failure.map { "\($0)" } ?? "no failure")")
        for word in c.hint { #expect(outcome.failure?.hint.contains(word) == true, "hint: \(outcome.failure?.hint ?? "")") }
        let results = Verdict.judge(outcome, kernel: c.kernel, config: KernelConfig.parse(""), expecting: expectation)
        try #require(results.count == c.rows.count, "\(results)")
        for (result, row) in zip(results, c.rows) {
            #expect(result.kernel == c.kernel && result.arch == c.arch)
            #expect(result.passed == row.passed, "\(result)")
            if result.test == nil {
                #expect(result.syscall == "kstacksize" && result.number == 463)
                #expect(result.return == row.returned, "\(result)")
                #expect(result.expected == (c.kernel == .patched ? 16384 : nil))
            } else {
                #expect(result.test == "kstacksize_test.c")
            }
            #expect(row.passed == (result.reason == nil), "\(result)")
            for word in row.reason { #expect(result.reason?.contains(word) == true, "reason: \(result.reason ?? "none")") }
        }
    }

    @Test("a call the tree has no number for fails on the patched kernel only, and is not asked of the guest")
    func unnumbered() throws {
        let outcome = BootOutcome(log: try Self.log("x86_64-patched.log"))
        let e = Expectation(arch: "x86_64", numberKey: "x86_64", calls: [.init(name: "kstacksize", number: 463), .init(name: "kgone", number: nil)])
        #expect(e.numbered.map(\.name) == ["kstacksize"])
        let patched = Verdict.judge(outcome, kernel: .patched, config: KernelConfig.parse(""), expecting: e)
        #expect(patched.map(\.syscall) == ["kgone", "kstacksize"])
        #expect(patched.first?.passed == false && patched.first?.reason?.contains("no number for x86_64") == true)
        let stock = Verdict.judge(BootOutcome(log: try Self.log("x86_64-stock.log")), kernel: .stock, config: KernelConfig.parse(""), expecting: e)
        #expect(stock.map(\.syscall) == ["kstacksize"])
    }

    @Test("the table's rows: stock and patched side by side, a row passes only when both did")
    func rows() throws {
        let e = Expectation(arch: "x86_64", numberKey: "x86_64", calls: [.init(name: "kstacksize", number: 463, returnsThreadSize: true)])
        let config = KernelConfig.parse("")
        let stock = Verdict.judge(BootOutcome(log: try Self.log("x86_64-stock.log")), kernel: .stock, config: config, expecting: e)
        let patched = Verdict.judge(BootOutcome(log: try Self.log("x86_64-patched.log")), kernel: .patched, config: config, expecting: e)
        let good = TestReport(results: stock + patched).rows
        #expect(good.count == 1 && good[0].passed && good[0].number == 463 && good[0].expected == 16384)
        #expect(good[0].stock?.return == -1 && good[0].patched?.return == 16384)
        let unpatched = Verdict.judge(BootOutcome(log: try Self.log("x86_64-stock.log")), kernel: .patched, config: config, expecting: e)
        let bad = TestReport(results: stock + unpatched).rows
        #expect(bad.count == 1 && !bad[0].passed)
    }
}
