import Foundation
import SyscraftCore

/// The busybox guest's initramfs: Debian's busybox-static with its applets as links, `kcall` compiled for the arch
/// with the tree's syscall table, the user's files, and the /init script (`GuestShell`). Rebuilt only when an input
/// changed.
public struct ShellImage: Sendable {
    public var profile: ArchProfile
    public var directory: String
    public var session: GuestShell.Session
    /// `kcall`'s table: the tree's names and numbers for this arch.
    public var table: [Kcall.Entry]
    /// Host files copied in: (host path, guest path).
    public var files: [(host: String, guest: String)] = []
    /// Modules packed as /lib/modules/syscraft/NAME.ko, loaded by the init script (or by a module test's steps).
    public var modules: [KernelBuilder.BuiltModule] = []
    /// A module test's programs: (guest name, static binary on the host), installed in /usr/local/bin.
    public var programs: [(name: String, file: String)] = []
    public var busybox: Busybox

    public init(profile: ArchProfile, directory: String, session: GuestShell.Session, table: [Kcall.Entry], busybox: Busybox) {
        self.profile = profile
        self.directory = directory
        self.session = session
        self.table = table
        self.busybox = busybox
    }

    public func build() async throws(SyscraftError) -> String {
        try CachePaths.makeDirectory(directory)
        let binary = try await busybox.fetch(profile)
        let applets = try await busybox.applets()
        let script = GuestShell.initScript(session, modules: guestModules)
        let kcallSource = Kcall.source(table: table)
        // Everything the archive holds goes into its fingerprint.
        var fingerprint = binary + (busybox.version(profile) ?? "") + script + kcallSource + profile.userCC + applets.joined(separator: ",")
            + GuestShell.profile + GuestShell.hostname
        for file in files { fingerprint += file.host + "\u{0}" + file.guest + "\u{0}" + Self.identity(file.host) }
        for module in modules { fingerprint += module.name + "\u{0}" + Self.identity(module.file) }
        for program in programs { fingerprint += program.name + "\u{0}" + Self.identity(program.file) }
        let archive = directory + "/shell.cpio"
        let stamp = directory + "/shell.stamp"
        let key = CachePaths.fnv1a(fingerprint)
        if FileManager.default.fileExists(atPath: archive), (try? String(contentsOfFile: stamp, encoding: .utf8)) == key { return archive }

        let kcallC = directory + "/kcall.c", kcall = directory + "/kcall"
        // kcall is rebuilt only when the table changed (most runs change only the script).
        if (try? String(contentsOfFile: kcallC, encoding: .utf8)) != kcallSource || !FileManager.default.fileExists(atPath: kcall) {
            do { try kcallSource.write(toFile: kcallC, atomically: true, encoding: .utf8) } catch {
                throw SyscraftError(.io, "cannot write \(kcallC)", hint: "check free disk space or pass --cache-dir")
            }
            var image = GuestImage(profile: profile, directory: directory, calls: [])
            image.tests = []
            try await image.compile(kcallC, to: kcall, extra: [], displayName: "kcall.c")
        }
        var entries: [CpioArchive.Entry] = []
        for dir in ["bin", "dev", "proc", "sys", "tmp", "run", "root", "etc", "usr", "usr/local", "usr/local/bin"] { entries.append(.directory(dir)) }
        entries.append(.characterDevice("dev/console", major: 5, minor: 1))
        for link in ["sbin", "usr/bin", "usr/sbin"] { entries.append(.symlink(link, target: link.hasPrefix("usr/") ? "../bin" : "bin")) }
        entries.append(.file("bin/busybox", try read(binary)))
        for applet in applets where applet != "busybox" { entries.append(.symlink("bin/\(applet)", target: "busybox")) }
        entries.append(.file("bin/kcall", try read(kcall)))
        entries.append(.file("etc/hostname", Array((GuestShell.hostname + "\n").utf8), mode: 0o644))
        entries.append(.file("etc/profile", Array(GuestShell.profile.utf8), mode: 0o644))
        var made: Set<String> = Set(entries.compactMap { if case .directory(let d, _) = $0 { d } else { nil } })
        for file in files {
            let parts = file.guest.split(separator: "/").map(String.init)
            for i in 1..<max(parts.count, 1) {
                let dir = parts[..<i].joined(separator: "/")
                if made.insert(dir).inserted { entries.append(.directory(dir)) }
            }
            let mode = FileManager.default.isExecutableFile(atPath: file.host) ? UInt32(0o755) : 0o644
            entries.append(.file(parts.joined(separator: "/"), try read(file.host), mode: mode))
        }
        if !modules.isEmpty {
            for dir in ["lib", "lib/modules", "lib/modules/syscraft"] where made.insert(dir).inserted { entries.append(.directory(dir)) }
            for (module, guest) in zip(modules, guestModules) { entries.append(.file(String(guest.path.dropFirst()), try read(module.file), mode: 0o644)) }
        }
        for program in programs { entries.append(.file(String(GuestShell.programPath(program.name).dropFirst()), try read(program.file))) }
        entries.append(.file("init", Array(script.utf8)))
        do {
            try Data(CpioArchive(entries: entries).bytes()).write(to: URL(fileURLWithPath: archive), options: .atomic)
            try key.write(toFile: stamp, atomically: true, encoding: .utf8)
        } catch {
            throw SyscraftError(.io, "cannot write \(archive)", hint: "check free disk space")
        }
        return archive
    }

    var guestModules: [GuestShell.Module] { modules.map { GuestShell.Module(name: $0.name, parameters: $0.parameters) } }

    static func identity(_ path: String) -> String {
        var st = stat()
        guard stat(path, &st) == 0 else { return "missing" }
        return "\(st.st_size):\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec):\(st.st_ino)"
    }

    private func read(_ path: String) throws(SyscraftError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SyscraftError(.badInput, "cannot read \(path)", hint: "check the path given to --file")
        }
        return Array(data)
    }
}

/// `syscraft run`: boots the tree's kernel (patched, or the stock one) with the busybox guest, runs one command
/// under its shell, streams the command's output, and returns the core's verdict (`Verdict.run`).
public struct GuestRun: Sendable {
    public struct Result: Sendable {
        public var verdict: RunVerdict
        public var outcome: BootOutcome
        public var kernel: Kernel
        public var arch: String
        public var bootSeconds: Double
        public var accel: QEMURunner.Accel
    }

    public var workspace: Workspace
    public var profile: ArchProfile
    public var kernel: Kernel = .patched
    /// The base kernel when `kernel` is `.stock` (`--kernel base --base ...`); nil: the stock kernel.
    public var base: BaseSpec?
    public var session: GuestShell.Session
    public var files: [(host: String, guest: String)] = []
    /// `--module DIR`s: built against the tree's kernel, loaded before the command (or the shell).
    public var modules: [ModuleSpec] = []
    public var timeout: Int?
    public var accel: QEMURunner.Accel?
    public var smp = 1
    public var memory = "256M"
    public var ccWrapper: String?

    public init(workspace: Workspace, profile: ArchProfile, session: GuestShell.Session) {
        self.workspace = workspace
        self.profile = profile
        self.session = session
    }

    /// The kernel options on top of the fragment that both kernels of a pair get: SMP for `--smp` above 1 (tinyconfig
    /// has none, and a guest would see one CPU), and the `--module`s' own (their `kconfig` files).
    public var variant: [String: String] {
        var options = ModuleSpec.kernelOptions(modules)
        if smp > 1 { options.merge(["SMP": "y", "NR_CPUS": String(max(8, smp))]) { $1 } }
        return options
    }

    /// The kernel image to boot, built incrementally when needed: the tree's (patched), or the base (`base`, or the
    /// stock kernel from the undone copy when no --base is given).
    func image() async throws(SyscraftError) -> (image: String, systemMap: String) {
        if !modules.isEmpty, kernel != .patched {
            throw SyscraftError(.badInput, "--module is built against the tree's kernel, not the base one",
                                hint: "drop --kernel base/stock: a module test runs its programs without the module loaded too")
        }
        let records = try workspace.presentRecords()
        if let error = records.partialError(tree: workspace.tree.root) { throw error }
        let present = records.present
        let variant = self.variant
        if kernel == .stock, let base, base != .stock {
            let source = try await workspace.baseSource(base)
            workspace.reporter.status("building the base \(profile.name) kernel (\(source.description)) in \(workspace.baseBuildDirectory(source.tree, profile: profile, variant: variant))")
            let built = try await workspace.buildBase(profile, source: source.tree, variant: variant, ccWrapper: ccWrapper)
            workspace.reporter.status("built the base in \(String(format: "%.1f", built.seconds))s (\(built.compiled) objects compiled)")
            return (built.image, built.systemMap)
        }
        if kernel == .stock, !present.isEmpty {
            if variant.isEmpty, let stock = workspace.stockImage(profile) {
                return (stock, (stock as NSString).deletingLastPathComponent + "/System.map")
            }
            let source = try await workspace.makeStockSource(Manifest(syscalls: present))
            defer { workspace.removeStockSource() }
            if !variant.isEmpty {
                // The stock kernel with the pair's options: built in a directory of its own, kept for the next run.
                let built = try await workspace.buildBase(profile, source: source, variant: variant, ccWrapper: ccWrapper)
                return (built.image, built.systemMap)
            }
            workspace.reporter.status("building the stock \(profile.name) kernel (once) from \(source.root)")
            let built = try await workspace.buildStock(profile, from: source, ccWrapper: ccWrapper)
            let stock = workspace.stockImage(profile) ?? built.image
            return (stock, (stock as NSString).deletingLastPathComponent + "/System.map")
        }
        workspace.reporter.status("building \(profile.name) kernel in \(workspace.buildDirectory(profile, variant: variant))")
        // A module that needs kernel options (its kconfig file) gets the kernel built with them, in its own directory.
        let built = try await workspace.build(profile, ccWrapper: ccWrapper, present: present, variant: variant)
        workspace.reporter.status("built \(profile.name) in \(String(format: "%.1f", built.seconds))s (\(built.compiled) objects compiled)")
        return (built.image, built.systemMap)
    }

    /// The tree's names and numbers for this arch (what `kcall NAME` resolves).
    func table() throws(SyscraftError) -> [Kcall.Entry] {
        try SyscallTableReader.lookup(name: nil, arch: profile.numberKey, tree: workspace.tree).map { Kcall.Entry(name: $0.name, number: $0.number) }
    }

    /// `syscraft shell`: boots with an interactive shell on the console and attaches it to the terminal.
    public func shell(terminal: Terminal) async throws(SyscraftError) -> (ending: ShellSession.Ending, outcome: BootOutcome) {
        let (image, systemMap) = try await image()
        let built = try await builtModules()
        var shellImage = ShellImage(
            profile: profile, directory: workspace.buildDirectory(profile) + "/shell-\(kernel)-interactive", session: .interactive,
            table: try table(), busybox: Busybox(cache: workspace.cache, reporter: workspace.reporter))
        shellImage.files = files
        shellImage.modules = built
        let initramfs = try await shellImage.build()
        var runner = QEMURunner(profile: profile, image: image, initramfs: initramfs, timeoutSeconds: timeout ?? profile.bootTimeout)
        runner.smp = smp
        runner.memory = memory
        let accel = AccelSelector(cache: workspace.cache, reporter: workspace.reporter, forced: self.accel).known(profile)
        let session = ShellSession(runner: runner, accel: accel, bootTimeout: timeout ?? profile.bootTimeout)
        var (ending, outcome) = try await session.run(terminal: terminal)
        if outcome.console.diagnosis?.failure == .oops {
            outcome.symbols = (try? String(contentsOfFile: systemMap, encoding: .utf8)).map(SymbolMap.init(systemMap:))
        }
        return (ending, outcome)
    }

    public func run(onOutput: @escaping @Sendable (String) -> Void) async throws(SyscraftError) -> Result {
        let (image, systemMap) = try await image()
        let built = try await builtModules()
        return try await boot(image: image, systemMap: systemMap, session: session, directory: "shell-\(kernel)", console: "run-\(kernel)", modules: built) { seen in
            if seen.guest.lastLineIsOutput, let line = seen.guest.runOutput.last {
                onOutput(seen.guest.outputEndsWithoutNewline ? line : line + "\n")
            }
        }
    }

    /// The `--module`s, built against the tree's kernel (which `image()` built).
    func builtModules() async throws(SyscraftError) -> [KernelBuilder.BuiltModule] {
        // `image()` refused --module with the stock kernel before building anything.
        guard !modules.isEmpty else { return [] }
        return try await workspace.buildModules(modules, profile: profile, ccWrapper: ccWrapper, present: try workspace.presentRecords().present,
                                                variant: variant)
    }

    /// One boot of the busybox guest running `session` (its initramfs in the build directory's `directory`), judged as
    /// a run by the core (`Verdict.run`); `onLine` sees the console as it comes.
    func boot(image: String, systemMap: String, session: GuestShell.Session, directory: String, console: String, modules: [KernelBuilder.BuiltModule],
              programs: [(name: String, file: String)] = [], onLine: (@Sendable (BootOutcome) -> Void)? = nil) async throws(SyscraftError) -> Result {
        var shell = ShellImage(
            profile: profile, directory: workspace.buildDirectory(profile) + "/" + directory, session: session, table: try table(),
            busybox: Busybox(cache: workspace.cache, reporter: workspace.reporter))
        shell.files = files
        shell.modules = modules
        shell.programs = programs
        let initramfs = try await shell.build()
        var runner = QEMURunner(profile: profile, image: image, initramfs: initramfs, timeoutSeconds: timeout ?? profile.bootTimeout)
        runner.consoleLog = workspace.buildDirectory(profile) + "/console-\(console).log"
        runner.smp = smp
        runner.memory = memory
        if let onLine { runner.onLine = onLine }
        let selector = AccelSelector(cache: workspace.cache, reporter: workspace.reporter, forced: accel)
        let booted = try await selector.boot(runner)
        var outcome = booted.outcome
        if outcome.console.diagnosis?.failure == .oops {
            outcome.symbols = (try? String(contentsOfFile: systemMap, encoding: .utf8)).map(SymbolMap.init(systemMap:))
        }
        return Result(verdict: Verdict.run(outcome), outcome: outcome, kernel: kernel, arch: profile.name, bootSeconds: booted.seconds, accel: booted.accel)
    }

    /// `test --module`: on the tree's kernel (`image`, built), each test program without the modules, the modules
    /// loaded, each program with them, the modules unloaded, the kernel log; judged by the core (`Verdict.module`).
    public func moduleTest(image: String, systemMap: String, tests: [String], built: [KernelBuilder.BuiltModule]) async throws(SyscraftError) -> (results: [TestResult], boot: Result) {
        let dir = workspace.buildDirectory(profile) + "/shell-module-test"
        try CachePaths.makeDirectory(dir)
        var compiler = GuestImage(profile: profile, directory: dir, calls: [])
        compiler.tests = []
        var programs: [(name: String, file: String)] = []
        for test in tests {
            let name = GuestImage.testName(test), binary = dir + "/" + name
            try await compiler.compile(test, to: binary, extra: [], displayName: (test as NSString).lastPathComponent)
            programs.append((name, binary))
        }
        let boot = try await boot(image: image, systemMap: systemMap, session: .moduleTest(programs: programs.map(\.name)),
                                  directory: "shell-module-test", console: "module-test", modules: built, programs: programs)
        let results = Verdict.module(boot.outcome, arch: profile.name, modules: built.map(\.name),
                                     programs: tests.map { (($0 as NSString).lastPathComponent, GuestImage.testName($0)) })
        return (results, boot)
    }
}
