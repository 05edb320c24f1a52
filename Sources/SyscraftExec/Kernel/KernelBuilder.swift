import Foundation
import SyscraftCore

/// Builds a minimal kernel out of tree (`O=` inside the cache): tinyconfig plus the arch's fragment,
/// verified after olddefconfig, then one `make` of the image with a progress display and a full log.
public struct KernelBuilder: Sendable {
    public var tree: DiskTree
    public var profile: ArchProfile
    public var buildDirectory: String
    /// Extra config options (e.g. a syscall's own CONFIG_ option).
    public var extraConfig: [String: String] = [:]
    /// A compiler wrapper such as distcc or icecc; ccache is used automatically when installed.
    public var ccWrapper: String?
    public var useCcache = true
    /// The caller has checked the tree already (a test run checks once, before its first arch): skip it here.
    public var treeIsChecked = false
    /// ccache's directory (the workspace sets it inside the cache root); `$CCACHE_DIR` wins when set.
    public var ccacheDirectory: String?
    /// ccache's base_dir (`CCACHE_BASEDIR`; the user's own setting wins): absolute paths under it are hashed and
    /// compiled relative to the build directory, so two builds laid out alike (the stock kernel's copy of the tree,
    /// mirrored in the cache) share every object whose inputs are the same. Nil: absolute paths, no sharing.
    public var ccacheBaseDirectory: String?
    public var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    public var reporter: any ProgressReporter

    public init(tree: DiskTree, profile: ArchProfile, buildDirectory: String, reporter: any ProgressReporter) {
        self.tree = tree
        self.profile = profile
        self.buildDirectory = buildDirectory
        self.reporter = reporter
    }

    public struct Outcome: Sendable {
        public var image: String
        public var config: KernelConfig
        public var seconds: Double
        public var compiled: Int
        public var logPath: String
        /// The kernel's System.map (next to the build log), to name an oops's addresses.
        public var systemMap: String { (logPath as NSString).deletingLastPathComponent + "/System.map" }
    }

    public var logPath: String { buildDirectory + "/build.log" }
    public var imagePath: String { buildDirectory + "/" + profile.imagePath }

    /// Refuses a tree that was built in place: kbuild will not do an O= build of it.
    public func checkTreeIsClean() throws(SyscraftError) { try Self.checkTreeIsClean(tree) }

    /// Refuses a tree that was built in place, before any build or boot starts (`syscraft test` checks it first).
    public static func checkTreeIsClean(_ tree: DiskTree) throws(SyscraftError) {
        guard tree.exists("Makefile"), tree.exists("include/linux/syscalls.h") else {
            throw SyscraftError(.badTree, "\(tree.root) is not a Linux kernel tree (no Makefile or include/linux/syscalls.h)", hint: "pass --tree with the top directory of a kernel source tree")
        }
        // kbuild's own test (top Makefile, outputmakefile): .config, include/config, or arch/*/include/generated.
        let generated = tree.list("arch").first { tree.exists("arch/\($0)/include/generated") }.map { "arch/\($0)/include/generated" }
        if let found = tree.exists(".config") ? ".config" : tree.exists("include/config") ? "include/config" : generated {
            throw SyscraftError(.badTree, "\(tree.root) was built or configured in place (it has \(found)), so kbuild refuses an out-of-tree build",
                                hint: "run 'make mrproper' in the tree (save your .config first if you need it)")
        }
    }

    func makeArguments(_ targets: [String]) -> [String] {
        var args = ["-C", tree.root, "O=\(buildDirectory)", "ARCH=\(profile.kernelArch)", "-j\(jobs)"]
        if !profile.crossCompile.isEmpty { args.append("CROSS_COMPILE=\(profile.crossCompile)") }
        if let cc = compilerLauncher { args.append("CC=\(cc) \(profile.crossCompile)gcc") }
        // Relative source paths (ccache's base_dir) would put them into __FILE__ (WARN and BUG reports): kbuild's own
        // -fmacro-prefix-map names the absolute srctree, so the relative one is mapped too.
        if let prefix = relativeSourcePrefix { args.append("KCPPFLAGS=-fmacro-prefix-map=\(prefix)/=") }
        return args + targets
    }

    var ccacheAvailable: Bool { useCcache && ProcessRunner.which("ccache") != nil }

    /// The base_dir in effect: ours unless the user set CCACHE_BASEDIR; nil without ccache, or when it is `/`
    /// (ccache 4.7 then shares nothing: measured).
    var effectiveBaseDirectory: String? {
        guard ccacheAvailable, ProcessInfo.processInfo.environment["CCACHE_BASEDIR"] == nil, let base = ccacheBaseDirectory, base != "/" else { return nil }
        return base
    }

    /// The tree as the compiler sees it under base_dir: relative to the build directory, when both are under it.
    var relativeSourcePrefix: String? {
        guard let base = effectiveBaseDirectory, tree.root.hasPrefix(base + "/"), buildDirectory.hasPrefix(base + "/") else { return nil }
        return CachePaths.relativePath(from: buildDirectory, to: tree.root)
    }
    var wrapper: String? { ccWrapper.flatMap { $0.isEmpty ? nil : $0 } }

    /// What goes before the compiler in `CC=`: ccache when installed, else the wrapper. With both, the wrapper runs
    /// under ccache through CCACHE_PREFIX, so kbuild's recorded command lines stay the same with or without `--cc`
    /// (switching wrappers recompiles nothing) and only ccache misses travel to distcc/icecc.
    var compilerLauncher: String? { ccacheAvailable ? "ccache" : wrapper }

    /// Fixed build identity so ccache hits survive and rebuilds are reproducible.
    var environment: [String: String] {
        [
            "KBUILD_BUILD_TIMESTAMP": "Thu Jan  1 00:00:00 UTC 2026",
            "KBUILD_BUILD_USER": "syscraft",
            "KBUILD_BUILD_HOST": "syscraft",
            "KBUILD_BUILD_VERSION": "1",
            "LC_ALL": "C",
        ]
        .merging(ProcessInfo.processInfo.environment["CCACHE_DIR"] == nil ? ccacheDirectory.map { ["CCACHE_DIR": $0] } ?? [:] : [:]) { $1 }
        .merging(ccacheAvailable ? wrapper.map { ["CCACHE_PREFIX": $0] } ?? [:] : [:]) { $1 }
        .merging(relativeSourcePrefix != nil ? effectiveBaseDirectory.map { ["CCACHE_BASEDIR": $0] } ?? [:] : [:]) { $1 }
        // s390's Makefile passes `-Wa,-I$(srctree)/arch/s390/include`: ccache rewrites no path inside -Wa, so that
        // absolute path alone kept the mirrored stock build from sharing a single object (s390x 6.1: 147.9 s stock
        // after 148.0 s patched). ccache never hashes the assembler's include files anyway, only this path's text.
        .merging(relativeSourcePrefix != nil && ProcessInfo.processInfo.environment["CCACHE_IGNOREOPTIONS"] == nil
                 ? ["CCACHE_IGNOREOPTIONS": "-Wa,-I*"] : [:]) { $1 }
    }

    /// Writes the config when it is missing or its fragment changed; returns the config in effect.
    public func configure() async throws(SyscraftError) -> KernelConfig {
        try CachePaths.makeDirectory(buildDirectory)
        let fragment = profile.fragmentText(extra: extraConfig)
        let stampPath = buildDirectory + "/syscraft.fragment"
        let configPath = buildDirectory + "/.config"
        if let stamp = try? String(contentsOfFile: stampPath, encoding: .utf8), stamp == fragment,
            let existing = try? String(contentsOfFile: configPath, encoding: .utf8) {
            return KernelConfig.parse(existing)
        }
        reporter.status("configuring \(profile.name): tinyconfig + \(profile.fragment.count + extraConfig.count) options")
        try await runMake(["tinyconfig"], phase: "tinyconfig")
        guard var base = try? String(contentsOfFile: configPath, encoding: .utf8) else {
            throw SyscraftError(.build, "make tinyconfig wrote no .config in \(buildDirectory)", hint: "see \(logPath)")
        }
        base += fragment
        do { try base.write(toFile: configPath, atomically: true, encoding: .utf8) } catch {
            throw SyscraftError(.io, "cannot write \(configPath)", hint: "check free disk space")
        }
        try await runMake(["olddefconfig"], phase: "olddefconfig")
        let actual = KernelConfig.parse((try? String(contentsOfFile: configPath, encoding: .utf8)) ?? "")
        let wanted = KernelConfig.parse(fragment)
        let dropped = wanted.dropped(in: actual)
        if !dropped.isEmpty {
            let index = kconfigIndex()
            let lines = dropped.map { KconfigIndex.explain($0.name, wanted: $0.wanted, got: $0.got, index: index, config: actual) }
            try? FileManager.default.removeItem(atPath: stampPath)
            throw SyscraftError(.build, lines.joined(separator: "; "), hint: "the kernel would not boot as syscraft expects; fix the config fragment")
        }
        try? fragment.write(toFile: stampPath, atomically: true, encoding: .utf8)
        return actual
    }

    /// Dependencies of every option in the arch's and the generic Kconfig files.
    func kconfigIndex() -> [String: [String]] {
        var index: [String: [String]] = [:]
        let fm = FileManager.default
        for top in ["arch/\(profile.archDirectory)", "init", "kernel", "drivers/tty", "fs", "mm", "lib", "usr", "block", "drivers/base", "drivers/char"] {
            guard let base = tree.resolve(top), let walker = fm.enumerator(atPath: base) else { continue }
            while let rel = walker.nextObject() as? String {
                guard (rel as NSString).lastPathComponent.hasPrefix("Kconfig") else { continue }
                if let text = try? String(contentsOfFile: base + "/" + rel, encoding: .utf8) { KconfigIndex.dependencies(in: text, into: &index) }
            }
        }
        if let text = tree.read("init/Kconfig") { KconfigIndex.dependencies(in: text, into: &index) }
        return index
    }

    /// Configures if needed, then builds the image. Throws with the first compiler error and the log path.
    public func build() async throws(SyscraftError) -> Outcome {
        if !treeIsChecked { try checkTreeIsClean() }
        // Two syscraft processes building one O= directory at once would corrupt it (seen: a host tool linked from
        // the other's half-written object): the second waits for the first, then finds the build current.
        let lock = buildDirectory + ".lock"
        try TreeLock.acquire(lock, operation: "building \(buildDirectory)", timeout: .seconds(3600))
        defer { TreeLock.release(lock) }
        let start = ContinuousClock.now
        let config = try await configure()
        // Nothing the last build read has changed since it started: it is current, and make is not run.
        let key = CachePaths.fnv1a(([profile.fragmentText(extra: extraConfig), profile.makeTarget] + makeArguments([])).joined(separator: "\n"))
        if let inputs = BuildInputs.load(buildDirectory), inputs.isCurrent(key: key, treeRoot: tree.root, image: imagePath) {
            return Outcome(image: imagePath, config: config, seconds: (ContinuousClock.now - start).seconds, compiled: 0, logPath: logPath)
        }
        let started = BuildInputs.now()
        let compiled: Int
        // `modules` too when the config has them: modpost writes Module.symvers, which `--module` builds link against.
        let targets = [profile.makeTarget] + (config.value("MODULES") == "y" ? ["modules"] : [])
        do { compiled = try await runMake(targets, phase: "build") } catch {
            BuildInputs.forget(buildDirectory)
            throw error
        }
        guard FileManager.default.fileExists(atPath: imagePath) else {
            throw SyscraftError(.build, "make finished but \(profile.imagePath) is missing", hint: "see \(logPath)")
        }
        BuildInputs.record(buildDirectory: buildDirectory, treeRoot: tree.root, key: key, started: started, image: imagePath, archDirectory: profile.archDirectory)
        let seconds = (ContinuousClock.now - start).seconds
        return Outcome(image: imagePath, config: config, seconds: seconds, compiled: compiled, logPath: logPath)
    }

    /// Runs make, streaming to the log and the progress display. Returns how many objects it compiled.
    @discardableResult
    func runMake(_ targets: [String], phase: String) async throws(SyscraftError) -> Int {
        try CachePaths.makeDirectory(buildDirectory)
        let append = phase != "tinyconfig"
        if !append { _ = FileManager.default.createFile(atPath: logPath, contents: nil) }
        guard let log = FileHandle(forWritingAtPath: logPath) else {
            throw SyscraftError(.io, "cannot write the build log \(logPath)", hint: "check permissions or pass --cache-dir")
        }
        _ = try? log.seekToEnd()
        defer { try? log.close() }
        let command = Command("make", makeArguments(targets), environment: environment)
        // The environment too, so the exact command can be replayed by hand (benchmarks/run does, for its floor).
        let envWords = command.environment.sorted { $0.key < $1.key }.map { "\($0.key)=" + Command($0.value).description }
        log.write(Data("$ \((envWords + [command.description]).joined(separator: " "))\n".utf8))
        let expectedPath = buildDirectory + "/syscraft.objects"
        let expected = (try? String(contentsOfFile: expectedPath, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        nonisolated(unsafe) var compiled = 0
        nonisolated(unsafe) var firstError: String?
        let reporter = self.reporter
        let outcome: ProcessOutcome
        do {
            outcome = try await ProcessRunner.stream(command, keepTail: 60) { line in
                log.write(Data((line + "\n").utf8))
                if line.hasPrefix("  CC ") || line.hasPrefix("  AS ") {
                    compiled += 1
                    if phase == "build" { reporter.progress(done: compiled, total: expected, item: String(line.dropFirst(4)).trimmingCharacters(in: .whitespaces)) }
                }
                if firstError == nil, Self.isCompilerError(line) { firstError = line }
                return .continue
            }
        } catch let error as SyscraftError {
            throw error
        } catch {
            throw SyscraftError(.build, "make failed to start: \(error)", hint: "install make (syscraft doctor --install)")
        }
        if phase == "build" { reporter.finishProgress() }
        guard outcome.succeeded else {
            var first = firstError ?? outcome.tail.last(where: { $0.contains("Error") || $0.contains("error") }) ?? outcome.tail.last ?? "make failed"
            // Under ccache's base_dir the compiler names sources relative to the build directory: name the tree's file.
            if let prefix = relativeSourcePrefix, first.hasPrefix(prefix + "/") { first = tree.root + first.dropFirst(prefix.count) }
            throw SyscraftError(.build, "\(phase) failed for \(profile.name): \(first)", hint: "full log: \(logPath)")
        }
        if phase == "build", compiled > 0, compiled > (expected ?? 0) {
            try? String(compiled).write(toFile: expectedPath, atomically: true, encoding: .utf8)
        }
        return compiled
    }

    /// `file.c:12:5: error: ...` (or `ld: ... undefined reference`).
    static func isCompilerError(_ line: String) -> Bool {
        if line.contains(": error: ") || line.contains(": fatal error: ") { return true }
        if line.contains("undefined reference to") { return true }
        // modpost: a module's unknown symbol ("ERROR: modpost: "foo" [m.ko] undefined!").
        if line.contains("ERROR: modpost: ") { return true }
        return false
    }
}

extension Duration {
    public var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
