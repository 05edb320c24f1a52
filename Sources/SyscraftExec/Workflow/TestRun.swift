import Foundation
import SyscraftCore

/// `syscraft test`: for each arch, build the tree (incrementally), build the initramfs, boot the patched
/// kernel and (when one was built before) the stock kernel, and judge every result.
/// Builds run one after another (each uses every core); each arch's boots overlap the next arch's build.
public struct TestRun: Sendable {
    public var workspace: Workspace
    public var profiles: [ArchProfile]
    public var tests: [String] = []
    public var ccWrapper: String?
    public var accel: QEMURunner.Accel?
    public var bootTimeout: Int?
    /// Boot the stock kernel too, when one exists.
    public var includeStock = true
    /// Boot the patched kernel (`test --kernel base` boots only the stock one, when there is one).
    public var includePatched = true
    /// Boot the stock kernel even when an identical boot's verdict could be read back.
    public var fresh = false
    /// Config options forced for this build (`--kconfig NAME=n`): a syscall gated by an option set to n must answer ENOSYS.
    public var configOverrides: [String: String] = [:]
    /// `--module DIR`s: built against each arch's kernel and judged without, with and after unloading them
    /// (`Verdict.module`); the `--test` programs are then the module's tests, run in that boot only.
    public var modules: [ModuleSpec] = []
    /// With several arches, build and boot every one even after one failed (`--keep-going`). Otherwise, as with make,
    /// the arches after the first failure seen (a build that failed, or a boot already judged failing) are not built,
    /// and each is a failed row that says so.
    public var keepGoing = true

    public init(workspace: Workspace, profiles: [ArchProfile]) {
        self.workspace = workspace
        self.profiles = profiles
    }

    public func run() async throws(SyscraftError) -> TestReport {
        // A tree built in place is refused once, now, not as a failed row after the other arches were built.
        try KernelBuilder.checkTreeIsClean(workspace.tree)
        // The tree is the truth: only records wholly in the tree are judged, at the numbers the tree's tables give them.
        let records = try workspace.presentRecords()
        let manifest = Manifest(syscalls: records.present)
        if manifest.syscalls.isEmpty && tests.isEmpty && modules.isEmpty {
            let dormant = records.dormant.map(\.name)
            throw SyscraftError(.notFound, dormant.isEmpty
                                    ? "syscraft has not added a syscall to \(workspace.tree.root), and no --test program was given"
                                    : "none of the syscalls syscraft added to \(workspace.tree.root) is in the tree now (dormant: \(dormant.joined(separator: ", "))), and no --test program was given",
                                hint: dormant.isEmpty
                                    ? "run 'syscraft add SOURCE.c --tree \(workspace.tree.root)' first (records are kept per tree path and per cache directory: pass the --cache-dir the add used)"
                                    : "bring their lines back (git checkout, git stash pop), or add a syscall: syscraft add SOURCE.c --tree \(workspace.tree.root)")
        }
        nonisolated(unsafe) var report = TestReport()
        report.notes += records.dormantNotes
        let lock = NSLock()
        let reporter = workspace.reporter
        let start = ContinuousClock.now
        var stockSource: DiskTree?
        var moduleError: SyscraftError?
        // Modules that need kernel options (their kconfig files) are tested on a kernel built with them; with no syscall
        // to judge, that is the only kernel built.
        let moduleVariant = ModuleSpec.kernelOptions(modules)
        let onlyModules = manifest.syscalls.isEmpty && !modules.isEmpty
        nonisolated(unsafe) var firstFailed: String?
        await withTaskGroup(of: Void.self) { group in
            for profile in profiles {
                if !keepGoing, let failed = lock.withLock({ firstFailed }) {
                    lock.withLock {
                        report.results.append(Verdict.unrun(.patched, arch: profile.name, reason: "not built: \(failed) failed first (--keep-going builds and boots every arch)"))
                    }
                    continue
                }
                let archStart = ContinuousClock.now
                let built: KernelBuilder.Outcome
                do {
                    let variant = onlyModules ? moduleVariant : [:]
                    reporter.status("building \(profile.name) kernel in \(workspace.buildDirectory(profile, variant: variant))")
                    built = try await workspace.build(profile, ccWrapper: ccWrapper, overrides: configOverrides, treeIsChecked: true,
                                                      present: manifest.syscalls, variant: variant)
                    reporter.status("built \(profile.name) in \(String(format: "%.1f", built.seconds))s (\(built.compiled) objects compiled)")
                } catch {
                    lock.withLock {
                        report.results.append(Verdict.unrun(.patched, arch: profile.name, reason: "\(error)"))
                        report.notes.append(.warning("\(profile.name): build failed: \(error)"))
                        if firstFailed == nil { firstFailed = profile.name }
                    }
                    continue
                }
                lock.withLock { report.timings["build_\(profile.name)"] = built.seconds }
                // No stock kernel for this arch yet (the first add came before any build of it): build one from a
                // copy of the tree with syscraft's additions undone, so stock and patched are compared on every arch.
                if includeStock, !manifest.syscalls.isEmpty, workspace.stockImage(profile) == nil {
                    do {
                        if stockSource == nil { stockSource = try await workspace.makeStockSource(manifest) }
                        if let source = stockSource {
                            reporter.status("building the stock \(profile.name) kernel (once) from \(source.root)")
                            let stock = try await workspace.buildStock(profile, from: source, ccWrapper: ccWrapper)
                            reporter.status("built the stock \(profile.name) kernel in \(String(format: "%.1f", stock.seconds))s (\(stock.compiled) objects compiled)")
                            lock.withLock { report.timings["build_stock_\(profile.name)"] = stock.seconds }
                        }
                    } catch {
                        lock.withLock {
                            report.results.append(Verdict.unrun(.stock, arch: profile.name, reason: "\(error)"))
                            report.notes.append(.warning("\(profile.name): stock build failed: \(error)"))
                        }
                    }
                }
                var builtModules: [KernelBuilder.BuiltModule] = []
                var moduleKernel = built
                if !modules.isEmpty {
                    let variant = moduleVariant
                    if !variant.isEmpty, !onlyModules {
                        do {
                            reporter.status("building the \(profile.name) kernel with the modules' options (\(variant.keys.sorted().joined(separator: ", "))) in \(workspace.buildDirectory(profile, variant: variant))")
                            moduleKernel = try await workspace.build(profile, ccWrapper: ccWrapper, overrides: configOverrides, treeIsChecked: true,
                                                                     present: manifest.syscalls, variant: variant)
                            lock.withLock { report.timings["build_module_kernel_\(profile.name)"] = moduleKernel.seconds }
                        } catch let error as SyscraftError {
                            moduleError = error
                            break
                        } catch {
                            moduleError = SyscraftError(.build, "\(error)")
                            break
                        }
                    }
                    // A module that does not build stops the run (exit 3, its compiler error in the user's file).
                    do { builtModules = try await workspace.buildModules(modules, profile: profile, ccWrapper: ccWrapper, present: manifest.syscalls) } catch let error as SyscraftError {
                        moduleError = error
                        break
                    } catch {
                        moduleError = SyscraftError(.build, "\(error)")
                        break
                    }
                }
                group.addTask { [builtModules, moduleKernel] in
                    if !self.modules.isEmpty {
                        let results = await self.moduleBoot(profile: profile, built: moduleKernel, modules: builtModules)
                        lock.withLock {
                            report.results += results.results
                            report.notes += results.notes
                            for (k, v) in results.timings { report.timings[k] = v }
                        }
                        if manifest.syscalls.isEmpty { return }
                    }
                    let results = await self.boot(profile: profile, manifest: manifest, numbers: records, built: built)
                    lock.withLock {
                        report.results += results.results
                        report.notes += results.notes
                        for (k, v) in results.timings { report.timings[k] = v }
                        report.timings["arch_\(profile.name)"] = (ContinuousClock.now - archStart).seconds
                        if firstFailed == nil, results.results.contains(where: { !$0.passed }) { firstFailed = profile.name }
                    }
                }
            }
        }
        if stockSource != nil { workspace.removeStockSource() }
        if let moduleError { throw moduleError }
        report.timings["total"] = (ContinuousClock.now - start).seconds
        // Stable order: arch order as requested, stock before patched.
        let order = Dictionary(uniqueKeysWithValues: profiles.enumerated().map { ($1.name, $0) })
        report.results.sort { a, b in
            let oa = order[a.arch] ?? 0, ob = order[b.arch] ?? 0
            if oa != ob { return oa < ob }
            if a.kernel != b.kernel { return a.kernel == .stock }
            return false
        }
        return report
    }

    /// The `--test` programs of the syscall boots: none when they are a module's tests.
    var syscallTests: [String] { modules.isEmpty ? tests : [] }

    /// The module test of one arch: the busybox guest on the tree's kernel, its steps judged by `Verdict.module`.
    func moduleBoot(profile: ArchProfile, built: KernelBuilder.Outcome, modules: [KernelBuilder.BuiltModule]) async -> TestReport {
        var report = TestReport()
        var guest = GuestRun(workspace: workspace, profile: profile, session: .interactive)
        guest.accel = accel
        guest.timeout = bootTimeout
        guest.ccWrapper = ccWrapper
        do {
            let (results, boot) = try await guest.moduleTest(image: built.image, systemMap: built.systemMap, tests: tests, built: modules)
            report.results += results
            report.timings["boot_module_\(profile.name)"] = boot.bootSeconds
            report.notes.append(.note("\(profile.name) module test: booted with \(boot.accel.rawValue) in \(String(format: "%.2f", boot.bootSeconds))s"))
            if case .failed(let finding) = boot.verdict, boot.outcome.guest.done == false {
                report.notes.append(.warning("\(profile.name) module test: \(finding.failure.rawValue): \(finding.line)", hint: finding.hint))
            }
        } catch {
            for module in modules {
                var row = Verdict.unrun(.patched, arch: profile.name, reason: "\(error)")
                row.module = module.name
                row.phase = "with"
                report.results.append(row)
            }
        }
        return report
    }

    /// Orchestration only: the initramfs, the boots (or the stock boot's replay), the notes. The verdict of each boot
    /// is the core's `Verdict.judge`.
    func boot(profile: ArchProfile, manifest: Manifest, numbers records: TreeRecords, built: KernelBuilder.Outcome) async -> TestReport {
        var report = TestReport()
        // The number the tree's own table gives each name now, never the one remembered from the add.
        let expectation = Expectation(
            arch: profile.name, numberKey: profile.numberKey,
            calls: manifest.syscalls.map { entry in
                Expectation.Call(name: entry.name, number: records.numbers(of: entry.name)[profile.numberKey],
                                 returnsThreadSize: entry.returnsThreadSize, config: entry.config,
                                 notImplemented: entry.isImplemented(on: profile) ? nil : entry.onlyArch?.description)
            },
            programs: syscallTests.map { ((($0 as NSString).lastPathComponent), GuestImage.testName($0)) },
            configOverrides: configOverrides)
        var guest = GuestImage(profile: profile, directory: workspace.buildDirectory(profile) + "/guest",
                               calls: expectation.numbered.map { GuestInit.Call(name: $0.name, number: $0.number ?? 0) })
        guest.tests = syscallTests
        guest.numbers = Dictionary(uniqueKeysWithValues: expectation.numbered.map { ($0.name, $0.number ?? 0) })
        let initramfs: String
        do { initramfs = try await guest.build() } catch {
            report.results.append(Verdict.unrun(.patched, arch: profile.name, reason: "\(error)"))
            return report
        }
        var kernels: [(Kernel, String, KernelConfig)] = []
        if includeStock, let stock = workspace.stockImage(profile), !manifest.syscalls.isEmpty {
            let config = KernelConfig.parse((try? String(contentsOfFile: (stock as NSString).deletingLastPathComponent + "/config", encoding: .utf8)) ?? "")
            kernels.append((.stock, stock, config))
        }
        if includePatched || kernels.isEmpty { kernels.append((.patched, built.image, built.config)) }
        let selector = AccelSelector(cache: workspace.cache, reporter: workspace.reporter, forced: accel)
        for (kind, image, config) in kernels {
            var runner = QEMURunner(profile: profile, image: image, initramfs: initramfs, timeoutSeconds: bootTimeout)
            runner.consoleLog = workspace.buildDirectory(profile) + "/console-\(kind).log"
            runner.instructionClock = true
            let result: QEMURunner.Result
            // The stock kernel never changes: when it already booted this very initramfs to a verdict, read that boot back
            // instead of booting again (the loop then costs one boot, like booting by hand).
            let key = runner.fingerprint(accel: accel ?? .tcg)
            var replayedBoot = false
            if kind == .stock, !fresh, let replayed = runner.replay(key: key) {
                result = replayed
                replayedBoot = true
                report.notes.append(.note("\(profile.name) stock: same kernel and initramfs as the last boot, its verdict reused"))
            } else {
                do { result = try await selector.boot(runner) } catch {
                    report.results.append(Verdict.unrun(kind, arch: profile.name, reason: "\(error)"))
                    continue
                }
                if kind == .stock { runner.remember(result, key: key) }
                report.timings["boot_\(kind)_\(profile.name)"] = result.seconds
                report.notes.append(.note("\(profile.name) \(kind): booted with \(result.accel.rawValue) in \(String(format: "%.2f", result.seconds))s"))
            }
            var outcome = result.outcome
            if outcome.console.diagnosis?.failure == .oops {
                // The minimal kernel has no kallsyms: its System.map names the oops's addresses.
                let map = (image as NSString).deletingLastPathComponent + "/System.map"
                let path = kind == .patched ? built.systemMap : map
                outcome.symbols = (try? String(contentsOfFile: path, encoding: .utf8)).map(SymbolMap.init(systemMap:))
            }
            if let failure = result.failure {
                // An oops is shown as the kernel printed it (through its call trace); anything else by the last lines.
                let lines = failure.failure == .oops && !result.console.oopsReport.isEmpty
                    ? result.console.oopsReport.prefix(24).map { outcome.symbols?.annotate($0) ?? $0 } : Array(result.console.recent.suffix(8))
                let context = lines.joined(separator: "\n    ")
                report.notes.append(.warning("\(profile.name) \(kind) kernel: \(failure.failure.rawValue): \(failure.line)\n    \(context)", hint: failure.hint))
            }
            var results = Verdict.judge(outcome, kernel: kind, config: config, expecting: expectation)
            if replayedBoot { for i in results.indices { results[i].cached = true } }
            report.results += results
        }
        return report
    }
}
