/// Which kernel of a pair a verdict is about: the one without the change, or the one with it.
public enum Kernel: String, Sendable, Codable, Equatable, CaseIterable, CustomStringConvertible {
    /// The tree without syscraft's additions (issue 13's `--base` kernels are this side too).
    case stock
    /// The tree as it is, with the change.
    case patched

    public var description: String { rawValue }
}

/// One verdict, as `test --json` and `demo --json` print it. The field names are a contract.
public struct TestResult: Sendable, Equatable, Codable {
    /// "stock" or "patched" in JSON.
    public var kernel: Kernel
    public var arch: String
    /// Set for the built-in call of an added syscall.
    public var syscall: String?
    public var number: Int?
    /// The raw return value of syscall(2): -1 on error.
    public var `return`: Int?
    public var errno: Int?
    /// What the patched kernel should return, when syscraft can know it (e.g. THREAD_SIZE for a config).
    public var expected: Int?
    /// Set for a user test program (`--test FILE.c`): its file name.
    public var test: String?
    /// A user test's exit status and captured output.
    public var exitStatus: Int?
    public var output: String?
    public var passed: Bool
    /// Why it failed, in one line (absent when passed).
    public var reason: String?
    /// True when this verdict was read back from an earlier boot of the very same kernel image and initramfs
    /// (the stock kernel never changes), instead of booting again. `--fresh` always boots.
    public var cached: Bool?
    /// A module test's row (`test --module`): the module's name, and the phase: "without" (the test programs must fail
    /// with the module not loaded), "with" (it loads and they pass), "unload" (rmmod succeeds and the kernel log is clean).
    public var module: String?
    public var phase: String?

    public init(kernel: Kernel, arch: String, syscall: String? = nil, number: Int? = nil, return value: Int? = nil, errno: Int? = nil,
                expected: Int? = nil, test: String? = nil, exitStatus: Int? = nil, output: String? = nil, passed: Bool, reason: String? = nil) {
        self.kernel = kernel
        self.arch = arch
        self.syscall = syscall
        self.number = number
        self.return = value
        self.errno = errno
        self.expected = expected
        self.test = test
        self.exitStatus = exitStatus
        self.output = output
        self.passed = passed
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case kernel, arch, syscall, number, `return`, errno, expected, test, exitStatus = "exit_status", output, passed, reason, cached, module, phase
    }
}

/// The whole report: `{"results": [...]}` plus timings and notes.
public struct TestReport: Sendable, Codable, Equatable {
    public var results: [TestResult]
    public var timings: [String: Double]
    /// In JSON, each note is its rendered text (an array of strings, as it always was).
    public var notes: [Diagnostic]

    public init(results: [TestResult] = [], timings: [String: Double] = [:], notes: [Diagnostic] = []) {
        self.results = results
        self.timings = timings
        self.notes = notes
    }

    public var allPassed: Bool { !results.isEmpty && results.allSatisfy(\.passed) }
}

