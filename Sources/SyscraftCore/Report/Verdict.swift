/// One boot as the verdict sees it: what the guest reported, what the console showed, and how the boot ended.
/// Made while QEMU runs, or replayed from a console log (`BootOutcome(log:)`), so a log can be judged without booting.
public struct BootOutcome: Sendable {
    public var guest: GuestOutputParser
    public var console: ConsoleScanner
    /// The boot ran into its timeout (QEMU was killed).
    public var timedOut: Bool
    public var seconds: Double
    /// The booted kernel's System.map, to name the addresses of an oops (set after the boot; nil when unknown).
    public var symbols: SymbolMap?

    public init(guest: GuestOutputParser = GuestOutputParser(), console: ConsoleScanner = ConsoleScanner(), timedOut: Bool = false, seconds: Double = 0) {
        self.guest = guest
        self.console = console
        self.timedOut = timedOut
        self.seconds = seconds
    }

    /// A console log read back line by line, as it was streamed.
    public init(log: String, timedOut: Bool = false, seconds: Double = 0) {
        self.init(timedOut: timedOut, seconds: seconds)
        // Each line was written with its newline: the text after the last one is not a line (an empty log has none).
        // Split on the scalar: a serial console's "\r\n" is one Character, which a Character split would not cut.
        var lines = log.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var text = String(String.UnicodeScalarView(line))
            while text.unicodeScalars.last == "\r" { text.unicodeScalars.removeLast() }
            return text
        }
        if lines.last?.isEmpty == true { lines.removeLast() }
        for line in lines { consume(line) }
    }

    public mutating func consume(_ line: String) {
        guest.consume(line)
        console.consume(line)
    }

    /// Nil when the guest reported everything; otherwise what went wrong (an oops counts even after the report).
    public var failure: ConsoleScanner.Finding? {
        if guest.done, console.diagnosis?.failure != .oops { return nil }
        if guest.done, let d = console.diagnosis { return d }
        return console.silentFailure(timedOut: timedOut, seconds: Int(seconds.rounded()))
    }
}

/// What a boot is expected to show: each added syscall's call and each test program.
public struct Expectation: Sendable, Equatable {
    public struct Call: Sendable, Equatable {
        public var name: String
        /// The number the tree's table gives it on this arch's ABI; nil when the tree has none there.
        public var number: Int?
        /// Its body is `return THREAD_SIZE;`: the patched kernel's answer is known from the config.
        public var returnsThreadSize: Bool
        /// Its Kconfig gate (without `CONFIG_`), if any.
        public var config: String?
        /// Added with --only-arch for other arches: this arch reserves the number and must answer ENOSYS.
        public var notImplemented: String?

        public init(name: String, number: Int?, returnsThreadSize: Bool = false, config: String? = nil, notImplemented: String? = nil) {
            self.name = name
            self.number = number
            self.returnsThreadSize = returnsThreadSize
            self.config = config
            self.notImplemented = notImplemented
        }
    }

    public var arch: String
    /// The key the arch's numbers are read under ("x86_64", "riscv", ...), for messages.
    public var numberKey: String
    public var calls: [Call]
    /// The `--test` programs, by file name ("kstacksize_test.c") and the name the guest reports them under.
    public var programs: [(file: String, guestName: String)]
    /// `--kconfig NAME=VALUE` of the build: a call gated by an option set to n must answer ENOSYS.
    public var configOverrides: [String: String]

    public init(arch: String, numberKey: String, calls: [Call], programs: [(file: String, guestName: String)] = [], configOverrides: [String: String] = [:]) {
        self.arch = arch
        self.numberKey = numberKey
        self.calls = calls
        self.programs = programs
        self.configOverrides = configOverrides
    }

    public static func == (a: Expectation, b: Expectation) -> Bool {
        a.arch == b.arch && a.numberKey == b.numberKey && a.calls == b.calls && a.configOverrides == b.configOverrides
            && a.programs.map(\.file) == b.programs.map(\.file) && a.programs.map(\.guestName) == b.programs.map(\.guestName)
    }

    /// The calls the guest can make (those the tree numbers on this arch).
    public var numbered: [Call] { calls.filter { $0.number != nil } }
}

/// The one place a verdict is decided: from a boot's outcome and what was expected of it, every result row.
public enum Verdict {
    public static let enosys = 38

    /// ENOSYS as the arch's userspace sees it: 38 (asm-generic/errno.h) except where the arch kept its own errno
    /// numbers from the Unix it first ran: alpha 78 (OSF/1), mips 89 (IRIX), sparc 90 (SunOS), parisc 251 (HP-UX),
    /// from each `arch/*/include/uapi/asm/errno.h`. EFAULT (14) and EINVAL (22) are the same everywhere.
    public static func enosys(arch: String) -> Int {
        if arch.hasPrefix("mips") { return 89 }
        if arch.hasPrefix("alpha") { return 78 }
        if arch.hasPrefix("sparc") { return 90 }
        if arch.hasPrefix("parisc") || arch.hasPrefix("hppa") { return 251 }
        return enosys
    }

    /// The results of one kernel's boot. Stock: each call must answer -1/ENOSYS and each test program must fail.
    /// Patched: each call must not answer ENOSYS (and must answer THREAD_SIZE when that is its body), unless its config
    /// gate is built out (`--kconfig NAME=n`), and each test program must exit 0. A call or program the guest never
    /// reported fails with the boot's diagnosis.
    public static func judge(_ outcome: BootOutcome, kernel: Kernel, config: KernelConfig, expecting e: Expectation) -> [TestResult] {
        var results: [TestResult] = []
        let failure = outcome.failure
        let oops = oopsSummary(outcome.console, symbols: outcome.symbols)
        if kernel == .patched {
            for call in e.calls where call.number == nil {
                results.append(TestResult(kernel: .patched, arch: e.arch, syscall: call.name, passed: false,
                                          reason: "\(call.name) has no number for \(e.numberKey) in this tree"))
            }
        }
        for call in e.numbered {
            let expected = kernel == .patched && call.returnsThreadSize && call.notImplemented == nil
                ? ThreadSize.expected(arch: e.arch, config: config) : nil
            guard let seen = outcome.guest.calls.first(where: { $0.name == call.name }) else {
                let why = oops.map { "killed by a kernel \($0)" } ?? failure.map { "\($0.failure.rawValue): \($0.line) (\($0.hint))" }
                    ?? "the guest never reported"
                results.append(TestResult(kernel: kernel, arch: e.arch, syscall: call.name, number: call.number, expected: expected, passed: false, reason: why))
                continue
            }
            let builtOut = kernel == .patched && call.config.map { e.configOverrides[$0] == "n" } == true
            let verdict = if kernel == .patched, let only = call.notImplemented {
                judgeUnimplemented(only: only, arch: e.arch, returned: seen.returned, errno: seen.errno)
            } else if builtOut {
                judgeBuiltOut(option: call.config ?? "", arch: e.arch, returned: seen.returned, errno: seen.errno)
            } else {
                judge(kernel: kernel, arch: e.arch, returned: seen.returned, errno: seen.errno, expected: expected)
            }
            results.append(TestResult(kernel: kernel, arch: e.arch, syscall: call.name, number: seen.number, return: seen.returned,
                                      errno: seen.errno, expected: expected, passed: verdict.passed, reason: verdict.reason))
        }
        for program in e.programs {
            guard let run = outcome.guest.programs.first(where: { $0.name == program.guestName }) else {
                results.append(TestResult(kernel: kernel, arch: e.arch, test: program.file, passed: false,
                                          reason: failure.map { "\($0.failure.rawValue): \($0.hint)" } ?? "the test never reported"))
                continue
            }
            // On the stock kernel the new syscall is missing, so (like the built-in ENOSYS check) a test that fails
            // there is the expected outcome. A program the kernel killed while it oopsed fails on either kernel.
            let killedByOops = oops != nil && run.exitStatus >= 128
            let passed = killedByOops ? false : kernel == .stock ? run.exitStatus != 0 : run.exitStatus == 0
            let reason: String? = passed ? nil : killedByOops
                ? "killed (exit \(run.exitStatus)) by a kernel \(oops ?? "")"
                : kernel == .stock
                ? "exited 0 on the stock kernel: does the test really exercise the new syscall?"
                : "exited with status \(run.exitStatus)"
            results.append(TestResult(kernel: kernel, arch: e.arch, test: program.file, exitStatus: run.exitStatus,
                                      output: run.output.joined(separator: "\n"), passed: passed, reason: reason))
        }
        // An oops the guest lived through (it finished its report) still fails the boot: one row of its own.
        if let oops, outcome.guest.done {
            results.append(TestResult(kernel: kernel, arch: e.arch, passed: false, reason: "the kernel \(oops)"))
        }
        return results
    }

    /// "oops in __do_sys_koops: BUG: kernel NULL pointer dereference, address: 0000000000000000; call trace:
    /// do_syscall_64 < entry_SYSCALL_64_after_hwframe", or nil when the console shows no oops.
    static func oopsSummary(_ console: ConsoleScanner, symbols: SymbolMap?) -> String? {
        guard let first = console.findings.first(where: { $0.failure == .oops }) else { return nil }
        var text = "oops" + (console.oopsFunction(symbols: symbols).map { " in \($0)" } ?? "") + ": " + first.line
        let trace = console.oopsCallTrace(symbols: symbols)
        if !trace.isEmpty { text += "; call trace: " + trace.prefix(8).joined(separator: " < ") }
        return text
    }

    /// The one row for a kernel that could not be built, booted or given its initramfs.
    public static func unrun(_ kernel: Kernel, arch: String, reason: String) -> TestResult {
        TestResult(kernel: kernel, arch: arch, passed: false, reason: reason)
    }

    /// An added syscall's built-in call. Stock: passes when the kernel answered -1/ENOSYS. Patched: passes when it did
    /// not, and matched `expected` if known.
    static func judge(kernel: Kernel, arch: String, returned: Int, errno: Int, expected: Int?) -> (passed: Bool, reason: String?) {
        let enosys = enosys(arch: arch)
        if kernel == .stock {
            if returned == -1 && errno == enosys { return (true, nil) }
            return (false, "the stock kernel answered \(returned) (errno \(errno)), expected -1/ENOSYS: is this tree already patched?")
        }
        if returned == -1 && errno == enosys {
            return (false, "the patched kernel answered ENOSYS: the syscall is not wired for this arch, or the kernel was not rebuilt")
        }
        if let expected, returned != expected {
            return (false, "returned \(returned), expected \(expected)")
        }
        return (true, nil)
    }

    /// Implemented on other arches only (--only-arch): this arch reserves the number and its COND_SYSCALL stub answers.
    static func judgeUnimplemented(only: String, arch: String, returned: Int, errno: Int) -> (passed: Bool, reason: String?) {
        if returned == -1 && errno == enosys(arch: arch) { return (true, nil) }
        return (false, "implemented on \(only) only, but \(arch) answered \(returned) (errno \(errno)), expected -1/ENOSYS from its COND_SYSCALL stub")
    }

    /// Built without its option: the COND_SYSCALL stub must answer, as on a kernel that never had it.
    static func judgeBuiltOut(option: String, arch: String, returned: Int, errno: Int) -> (passed: Bool, reason: String?) {
        if returned == -1 && errno == enosys(arch: arch) { return (true, nil) }
        return (false, "CONFIG_\(option)=n but the kernel answered \(returned) (errno \(errno)), expected -1/ENOSYS")
    }
}

/// How a `syscraft run` (or `shell`) ended: the command's own exit status, or what stopped the guest first.
public enum RunVerdict: Sendable, Equatable {
    /// The command ran and exited with this status (0-255); the kernel stayed sound.
    case exited(Int)
    /// A panic, an oops, a hang past the timeout, a guest that never reached init: no status to report.
    case failed(ConsoleScanner.Finding)
}

extension Verdict {
    /// The verdict of a guest that ran one command: its exit status, unless the kernel oopsed or panicked (even after
    /// the command exited: a broken kernel never passes as a clean exit), or the guest never got to say it.
    public static func run(_ outcome: BootOutcome) -> RunVerdict {
        if let d = outcome.console.diagnosis, d.failure == .oops || d.failure == .panic {
            var finding = d
            if let oops = oopsSummary(outcome.console, symbols: outcome.symbols) { finding.line = oops }
            return .failed(finding)
        }
        if let status = outcome.guest.exitStatus { return .exited(status) }
        if outcome.timedOut, outcome.console.sawInit {
            return .failed(ConsoleScanner.Finding(
                failure: .hang, line: outcome.console.recent.last ?? "(no output)",
                hint: "the command did not exit within \(Int(outcome.seconds.rounded()))s: it blocks or loops, or needs a longer --timeout"))
        }
        return .failed(outcome.failure ?? outcome.console.silentFailure(timedOut: outcome.timedOut, seconds: Int(outcome.seconds.rounded())))
    }
}

/// One line of the results table: an arch's syscall on both kernels, or a row of its own for an error.
public struct VerdictRow: Sendable, Equatable {
    public var arch: String
    public var syscall: String?
    public var number: Int?
    public var stock: TestResult?
    public var patched: TestResult?
    /// What the patched kernel should answer, when known.
    public var expected: Int?
    /// Every result the row shows passed.
    public var passed: Bool
}

extension TestReport {
    /// The syscall rows of the table (test programs are listed on their own): one per arch and syscall, stock and
    /// patched side by side; the row passes when every result in it passed.
    public var rows: [VerdictRow] {
        var rows: [VerdictRow] = []
        var seen: Set<String> = []
        for r in results where r.test == nil && r.module == nil {
            let key = r.arch + "/" + (r.syscall ?? "")
            guard seen.insert(key).inserted else { continue }
            let mine = results.filter { $0.arch == r.arch && $0.syscall == r.syscall && $0.test == nil && $0.module == nil }
            let stock = mine.first { $0.kernel == .stock }, patched = mine.first { $0.kernel == .patched }
            rows.append(VerdictRow(arch: r.arch, syscall: r.syscall, number: patched?.number ?? stock?.number, stock: stock, patched: patched,
                                   expected: patched?.expected, passed: [stock, patched].compactMap { $0 }.allSatisfy(\.passed)))
        }
        return rows
    }
}

extension Verdict {
    /// A module test's rows (`GuestShell.Session.moduleTest`): per module, "without" passes when every program failed
    /// with no module loaded; "with" when its insmod and then every program succeeded; "unload" when its rmmod
    /// succeeded and neither the kernel log nor the console shows a bug, oops, warning, leak or corruption. A step the
    /// guest never reported fails with the boot's diagnosis.
    public static func module(_ outcome: BootOutcome, arch: String, modules: [String], programs: [(file: String, guestName: String)]) -> [TestResult] {
        let steps = outcome.guest.programs
        func step(_ name: String) -> GuestOutputParser.ProgramRun? { steps.first { $0.name == name } }
        let boot = outcome.failure.map { "\($0.failure.rawValue): \($0.line) (\($0.hint))" } ?? "the guest never reported it"
        let dmesg = step("dmesg/kernel")
        var problems = KernelLog.problems(in: Array(KernelLog.sinceMark(dmesg?.output ?? [])))
        if dmesg == nil, let oops = oopsSummary(outcome.console, symbols: outcome.symbols) { problems.append(KernelLog.Problem(line: oops, report: [])) }
        func row(_ module: String, _ phase: String, passed: Bool, reason: String?, output: [String] = [], exit: Int? = nil) -> TestResult {
            var r = TestResult(kernel: .patched, arch: arch, exitStatus: exit, output: output.isEmpty ? nil : output.joined(separator: "\n"),
                               passed: passed, reason: passed ? nil : reason)
            r.module = module
            r.phase = phase
            return r
        }
        var results: [TestResult] = []
        for module in modules {
            if !programs.isEmpty {
                var reason: String?, output: [String] = []
                for program in programs {
                    guard let run = step("without/\(program.guestName)") else { reason = "\(program.file): \(boot)"; break }
                    output += run.output
                    if run.exitStatus == 0 {
                        reason = "\(program.file) passed without \(module) loaded: does it really exercise the module?"
                        break
                    }
                }
                results.append(row(module, "without", passed: reason == nil, reason: reason, output: output))
            }
            var reason: String?, output: [String] = []
            if let load = step("insmod/\(module)") {
                if load.exitStatus != 0 {
                    // insmod's own words, then what the kernel said: its oops (named from System.map) or its last lines
                    // (unknown symbol, version magic, invalid module format).
                    let kernel = oopsSummary(outcome.console, symbols: outcome.symbols).map { ["the kernel " + $0] }
                        ?? problems.first.map { [$0.line] + $0.report.prefix(8) } ?? (dmesg?.output.suffix(5).map(KernelLog.stripStamp) ?? [])
                    reason = "insmod \(module) failed (exit \(load.exitStatus)): " + (load.output + kernel).joined(separator: " | ")
                }
            } else {
                reason = "insmod \(module): \(boot)"
            }
            if reason == nil {
                for program in programs {
                    guard let run = step("with/\(program.guestName)") else { reason = "\(program.file): \(boot)"; break }
                    output += run.output
                    if run.exitStatus != 0 { reason = "\(program.file) exited with status \(run.exitStatus) with \(module) loaded"; break }
                }
            }
            results.append(row(module, "with", passed: reason == nil, reason: reason, output: output))

            var unload: String?
            if let rmmod = step("rmmod/\(module)") {
                if rmmod.exitStatus != 0 { unload = "rmmod \(module) failed (exit \(rmmod.exitStatus)): " + rmmod.output.joined(separator: " | ") }
            } else {
                unload = "rmmod \(module): \(boot)"
            }
            if unload == nil, let first = problems.first {
                unload = "the kernel log shows: \(first.line)" + (first.report.isEmpty ? "" : "; " + first.report.prefix(12).joined(separator: " | "))
            }
            results.append(row(module, "unload", passed: unload == nil, reason: unload,
                               output: problems.flatMap { [$0.line] + $0.report }))
        }
        return results
    }
}
