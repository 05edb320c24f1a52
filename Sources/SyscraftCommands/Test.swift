import ArgumentParser
import Foundation
import SyscraftCore
import SyscraftExec

struct BuildOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Architectures: comma-separated (x86_64,i386,arm64,riscv64) or all.", valueName: "arches"))
    var arch = "x86_64"

    @Option(help: ArgumentHelp("A compiler wrapper for kbuild's CC, such as distcc or icecc (ccache is used automatically).", valueName: "wrapper"))
    var cc: String?

    @Option(name: .customLong("kconfig"), help: ArgumentHelp("Force a kernel config option for this build, e.g. KUPTIME_SYSCALL=n (a syscall gated by it must then answer ENOSYS); repeatable.", valueName: "NAME=VALUE"))
    var kconfig: [String] = []
}

/// How a kernel is booted, for every command that boots one (`test`, `watch`, `demo` through `RunOptions`; `run`).
struct BootOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Force the accelerator (kvm or tcg) instead of probing.", valueName: "kvm|tcg"), transform: BootOptions.accelerator)
    var accel: QEMURunner.Accel?

    @Option(help: "Boot timeout in seconds (default: per arch).")
    var timeout: Int?

    @Option(name: .customLong("module"), help: ArgumentHelp("An out-of-tree module (a directory with Kbuild/Makefile and its C files), built against the tree's kernel and loaded in the guest with these insmod parameters; test judges it without, with and after unloading it; repeatable.", valueName: "DIR[:param=value,...]"))
    var modules: [String] = []

    func moduleSpecs() throws(SyscraftError) -> [ModuleSpec] { try modules.map { text throws(SyscraftError) in try ModuleSpec.parse(text) } }

    static func accelerator(_ text: String) throws -> QEMURunner.Accel {
        guard let accel = QEMURunner.Accel(rawValue: text) else { throw ValidationError("unknown accelerator '\(text)'; use kvm or tcg") }
        return accel
    }
}

/// The options of a test run, shared by `test`, `watch` and `demo` (and the commands that boot a kernel to come):
/// parsed once here, applied to a `TestRun` by `configure`.
struct RunOptions: ParsableArguments {
    @Option(name: .customLong("test"), help: ArgumentHelp("A userspace C test program (exit 0 = pass); repeatable.", valueName: "FILE.c"), completion: .file(extensions: ["c"]))
    var tests: [String] = []

    @OptionGroup var boot: BootOptions
    var accel: QEMURunner.Accel? { boot.accel }
    var timeout: Int? { boot.timeout }

    @Flag(help: "Boot the stock kernel even when an identical earlier boot's verdict could be reused (reused ones say \"cached\": true).")
    var fresh = false

    @Option(help: ArgumentHelp("The kernels to judge: both, only the patched one, or only the base (the stock kernel, from before syscraft's first add).", valueName: "both|patched|base"))
    var kernel: TestKernels = .both

    @Flag(help: "With several arches, build and boot every one even after one fails (each failure is a row with its diagnosis); without it the arches after a failed one are not built.")
    var keepGoing = false

    enum TestKernels: String, ExpressibleByArgument, CaseIterable {
        case both, patched, base, stock
    }

    /// The test programs as absolute paths; one that cannot be read is refused.
    func testPaths() throws(SyscraftError) -> [String] {
        try tests.map { path throws(SyscraftError) in
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw SyscraftError(.badInput, "cannot read test program \(path)", hint: "pass an existing C file to --test")
            }
            return URL(fileURLWithPath: path).standardizedFileURL.path
        }
    }

    /// Applies these options and the build options to a test run.
    func configure(_ run: inout TestRun, build: BuildOptions?) throws(SyscraftError) {
        run.tests = try testPaths()
        run.accel = accel
        run.bootTimeout = timeout
        run.fresh = fresh
        run.includeStock = kernel != .patched
        run.includePatched = kernel == .both || kernel == .patched
        run.keepGoing = keepGoing || run.profiles.count < 2
        run.modules = try run.workspace.withKernelOptions(try boot.moduleSpecs())
        if let build {
            run.ccWrapper = build.cc
            run.configOverrides = try ConfigOverrides.parse(build.kconfig)
        }
    }
}

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build a minimal kernel out of tree (O= in the cache): tinyconfig + a verified fragment.",
        discussion: "  $ syscraft build --tree ~/linux --arch x86_64")

    @OptionGroup var options: TreeOptions
    @OptionGroup var build: BuildOptions

    func run() async throws {
        try await Failure.guarded {
            let workspace = try options.workspace()
            var outcomes: [[String: String]] = []
            let profiles = try parseArches(build.arch)
            try SyscraftExec.Doctor.requireTools(for: profiles)
            for profile in profiles {
                let outcome = try await workspace.build(profile, ccWrapper: build.cc, overrides: try ConfigOverrides.parse(build.kconfig))
                outcomes.append(["arch": profile.name, "image": outcome.image, "seconds": String(format: "%.1f", outcome.seconds),
                                 "compiled": String(outcome.compiled), "log": outcome.logPath])
                if !options.json {
                    print("built \(profile.name): \(outcome.image) in \(String(format: "%.1f", outcome.seconds))s (\(outcome.compiled) objects compiled; log \(outcome.logPath))")
                }
            }
            if options.json { printJSON(["builds": outcomes]) }
        }
    }
}

struct Test: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build, boot in QEMU and judge every syscall syscraft added (and your own test programs).",
        discussion: """
              $ syscraft test --tree ~/linux
              $ syscraft test --tree ~/linux --arch x86_64,i386,arm64,riscv64 --json
              $ syscraft test --tree ~/linux --test tests/kstacksize_test.c
              $ syscraft test --tree ~/linux --kconfig KUPTIME_SYSCALL=n   # a config-gated syscall built out: ENOSYS
            On the stock kernel (built before the first add) a pass means ENOSYS; on the patched kernel, the value.
            """)

    @OptionGroup var options: TreeOptions
    @OptionGroup var build: BuildOptions
    @OptionGroup var run: RunOptions

    @Flag(help: "Also run the kselftests syscraft wrote (syscraft selftest / add --selftest) as test programs.")
    var selftests = false

    func run() async throws {
        try await Failure.guarded {
            let workspace = try options.workspace()
            let profiles = try parseArches(build.arch)
            try SyscraftExec.Doctor.requireTools(for: profiles)
            var testRun = TestRun(workspace: workspace, profiles: profiles)
            try run.configure(&testRun, build: build)
            if selftests {
                for entry in try workspace.presentRecords().present {
                    if let program = workspace.selftestProgram(entry.name), !testRun.tests.contains(program) { testRun.tests.append(program) }
                }
            }
            let report = try await testRun.run()
            Output.emit(report, json: options.json)
            if !report.allPassed { throw ExitCode(1) }
        }
    }
}
