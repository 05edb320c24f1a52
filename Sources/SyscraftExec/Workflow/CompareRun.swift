import Foundation
import SyscraftCore

/// `syscraft compare`: the base and the patched kernel (or one kernel without and with `--module`s) booted in
/// alternation, `rounds` times each, the workload run once per boot; its metric lines and its wall time judged
/// by the core (`Comparison.judge`).
public struct CompareRun: Sendable {
    /// What runs in the guest on every boot.
    public enum Workload: Sendable, Equatable {
        /// A shell command line or argv, as for `run`.
        case command([String])
        /// A C file compiled statically for the arch and run without arguments.
        case bench(String)
    }

    /// One boot's result, as it came (for progress lines and the round times).
    public struct Boot: Sendable {
        public var kernel: Kernel
        public var round: Int
        public var seconds: Double
        public var metrics: [MetricSample]
    }

    /// The run of the base kernel's side and the patched one's: the same options, the kernel (or the modules) differ.
    public var patched: GuestRun
    public var base: GuestRun
    public var rounds = 10
    public var workload: Workload

    /// The pair for `guest` (the patched side, with its options): with `--module`s and no `--base`, both sides
    /// boot the tree's kernel and only the patched side loads the modules; otherwise the base side boots `baseSpec`.
    public init(guest: GuestRun, baseSpec: BaseSpec?, workload: Workload) throws(SyscraftError) {
        var patched = guest
        patched.kernel = .patched
        var base = guest
        if !guest.modules.isEmpty {
            if baseSpec != nil {
                throw SyscraftError(.badInput, "--module compares one kernel without and with the module, so --base does not apply",
                                    hint: "drop --base (or drop --module and compare two kernels)")
            }
            base.modules = []
            base.kernel = .patched
        } else {
            base.kernel = .stock
            if let baseSpec { base.base = baseSpec } else { base.base = try guest.workspace.defaultBase() }
        }
        self.patched = patched
        self.base = base
        self.workload = workload
    }

    /// The base side in words.
    func baseDescription() async throws(SyscraftError) -> String {
        if !patched.modules.isEmpty { return "the tree's kernel without the module" }
        switch base.base {
        case .none, .stock: return "stock (syscraft's additions undone)"
        case .some(let spec):
            if case .gitRef(let ref) = spec, let commit = try? String(contentsOfFile: base.workspace.baseRoot + "/git/commit", encoding: .utf8) {
                return "\(ref) (\(commit.prefix(12)))"
            }
            return spec.description
        }
    }

    /// Builds both kernels and the workload, boots them `rounds` times each, judges.
    public func run(onBoot: @escaping @Sendable (Boot) -> Void = { _ in }) async throws(SyscraftError) -> Comparison {
        guard rounds >= 2 else {
            throw SyscraftError(.badInput, "--runs \(rounds): a comparison needs at least 2 boots of each kernel", hint: "pass --runs 5 or more (10 by default)")
        }
        // A base that cannot be had is refused before anything builds.
        if patched.modules.isEmpty, let spec = base.base, spec != .stock { _ = try await base.workspace.baseSource(spec) }
        let patchedImage = try await patched.image()
        // Without and with a module: one kernel (the one built with the modules' options), booted by both sides.
        let baseImage = patched.modules.isEmpty ? try await base.image() : patchedImage
        let modules = try await patched.builtModules()
        let profile = patched.profile
        var programs: [(name: String, file: String)] = []
        let argv: [String]
        switch workload {
        case .command(let words):
            argv = words
        case .bench(let file):
            let dir = patched.workspace.buildDirectory(profile) + "/compare"
            try CachePaths.makeDirectory(dir)
            var compiler = GuestImage(profile: profile, directory: dir, calls: [])
            compiler.tests = []
            let name = GuestImage.testName(file)
            try await compiler.compile(file, to: dir + "/" + name, extra: ["-pthread"], displayName: (file as NSString).lastPathComponent)
            programs.append((name, dir + "/" + name))
            argv = [GuestShell.programPath(name)]
        }
        let session = GuestShell.Session.measure(argv)
        var samples: [Kernel: [[MetricSample]]] = [.stock: [], .patched: []]
        var cpus: [Int] = []
        var roundTimes: [Double] = []
        var roundStart = ContinuousClock.now
        for (i, kernel) in Comparison.schedule(rounds: rounds).enumerated() {
            let side = kernel == .stock ? base : patched
            let (image, systemMap) = kernel == .stock ? baseImage : patchedImage
            let name = kernel == .stock ? "base" : "patched"
            let result = try await side.boot(image: image, systemMap: systemMap, session: session, directory: "shell-compare-\(name)",
                                             console: "compare-\(name)", modules: kernel == .stock ? [] : modules, programs: programs)
            let round = i / 2 + 1
            guard case .exited(let status) = result.verdict, status == 0 else {
                let detail: String
                switch result.verdict {
                case .exited(let status):
                    let last = result.outcome.guest.runOutput.suffix(3).joined(separator: " | ")
                    detail = "the workload exited with status \(status)" + (last.isEmpty ? "" : " (its last output: \(last))")
                case .failed(let finding): detail = "\(finding.failure): \(finding.line)"
                }
                var retry = "syscraft run --tree \(side.workspace.tree.root) --kernel \(kernel == .stock ? "base" : "patched")"
                if kernel == .stock, let spec = side.base, spec != .stock { retry += " --base \(spec.argument)" }
                if patched.smp > 1 { retry += " --smp \(patched.smp)" }
                throw SyscraftError(.boot, "round \(round), \(name) kernel: \(detail)",
                                    hint: "see the console log \(side.workspace.buildDirectory(profile))/console-compare-\(name).log; try the workload with \(retry) -- ...")
            }
            let metrics = try MetricSample.parseAll(result.outcome.guest.runOutput)
            samples[kernel, default: []].append(metrics)
            if let n = result.outcome.guest.cpus { cpus.append(n) }
            onBoot(Boot(kernel: kernel, round: round, seconds: result.bootSeconds, metrics: metrics))
            if i % 2 == 1 {
                roundTimes.append((ContinuousClock.now - roundStart).seconds)
                roundStart = ContinuousClock.now
            }
        }
        let metrics = try Comparison.judge(base: samples[.stock] ?? [], patched: samples[.patched] ?? [])
        var comparison = Comparison(metrics: metrics, rounds: rounds, arch: profile.name, cpus: cpus.min(),
                                    baseKernel: try await baseDescription(), patchedKernel: patched.modules.isEmpty ? "the working tree" : "with " + modules.map(\.name).joined(separator: ", ") + " loaded")
        comparison.roundSeconds = Statistics.median(roundTimes)
        if Set(cpus).count > 1 {
            patched.workspace.reporter.status("the guests saw different CPU counts: \(Set(cpus).sorted().map(String.init).joined(separator: ", "))")
        }
        return comparison
    }
}
