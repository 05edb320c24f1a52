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
        Case(log: "constructed-oops-in-syscall.log", kernel: .patched, failure: .oops, hint: ["call trace"],
             rows: [(false, nil, ["oops in __do_sys_koops", "NULL pointer", "call trace: do_syscall_64 < entry_SYSCALL_64_after_hwframe"])]),
        // An oops after the report still fails the boot, in a row of its own (the call itself answered).
        Case(log: "constructed-oops-after-report.log", kernel: .patched, failure: .oops, hint: ["call trace"],
             rows: [(true, 16384, []), (false, nil, ["the kernel oops", "BUG: unable to handle page fault"])]),
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
            if result.test == nil, result.syscall == nil {
                #expect(!row.passed, "a row for the whole boot is a failure")
            } else if result.test == nil {
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

    @Test("a log with the serial console's CRLF line ends reads as the same lines as one without")
    func crlfLog() throws {
        for name in ["x86_64-patched-program.log", "constructed-oops-in-syscall.log"] {
            let text = try Self.log(name).replacing("\r\n", with: "\n")
            let crlf = BootOutcome(log: text.replacing("\n", with: "\r\n"))
            let lf = BootOutcome(log: text)
            #expect(crlf.console.recent == lf.console.recent && crlf.console.recent.count > 5, "\(name): \(crlf.console.recent)")
            #expect(crlf.guest.calls == lf.guest.calls && crlf.guest.done == lf.guest.done)
            #expect(crlf.console.oopsReport == lf.console.oopsReport)
        }
        let oops = BootOutcome(log: try Self.log("constructed-oops-in-syscall.log"))
        #expect(oops.console.oopsFunction() == "__do_sys_koops")
        #expect(oops.console.oopsCallTrace() == ["do_syscall_64", "entry_SYSCALL_64_after_hwframe"])
        #expect(oops.console.oopsReport.first?.hasPrefix("BUG: kernel NULL pointer dereference") == true)
        #expect(oops.console.oopsReport.last == " </TASK>", "ends before the panic line: \(oops.console.oopsReport)")
    }

    /// A real oops: koops(1) dereferences NULL inside a test program on the patched x86_64 6.12 kernel (no kallsyms:
    /// bare addresses, named from the kernel's System.map, of which the fixture keeps the lines around them).
    @Test("a test program killed by an oops in the syscall: the oops, its function and call trace, not 'exit 137'")
    func realOops() throws {
        var outcome = BootOutcome(log: try Self.log("x86_64-oops-program.log"))
        #expect(outcome.failure?.failure == .oops && outcome.guest.done)
        #expect(outcome.console.oopsFunction() == nil, "a bare address is no name")
        outcome.symbols = SymbolMap(systemMap: try Self.log("x86_64-oops-program.System.map"))
        #expect(outcome.console.oopsFunction(symbols: outcome.symbols) == "__x64_sys_koops")
        #expect(outcome.console.oopsCallTrace(symbols: outcome.symbols) == ["do_syscall_64", "entry_SYSCALL_64_after_hwframe"])
        #expect(outcome.symbols?.annotate("RIP: 0010:0xffffffff81065781") == "RIP: 0010:0xffffffff81065781 (__x64_sys_koops+0x9)")
        let e = Expectation(
            arch: "x86_64", numberKey: "x86_64",
            calls: [.init(name: "kstacksize", number: 463, returnsThreadSize: true), .init(name: "koops", number: 464)],
            programs: [("koops_test.c", "koops_test")])
        let results = Verdict.judge(outcome, kernel: .patched, config: KernelConfig.parse(""), expecting: e)
        try #require(results.count == 4, "\(results)")
        #expect(results[0].passed && results[0].return == 16384 && results[1].passed && results[1].return == 0)
        let program = results[2]
        #expect(program.test == "koops_test.c" && !program.passed && program.exitStatus == 137)
        #expect(program.reason?.hasPrefix("killed (exit 137) by a kernel oops in __x64_sys_koops: BUG: kernel NULL pointer dereference") == true, "\(program)")
        #expect(program.reason?.contains("call trace: do_syscall_64 < entry_SYSCALL_64_after_hwframe") == true, "\(program)")
        let boot = results[3]
        #expect(boot.syscall == nil && boot.test == nil && !boot.passed && boot.reason?.hasPrefix("the kernel oops in __x64_sys_koops") == true)
        #expect(!TestReport(results: results).allPassed)
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
