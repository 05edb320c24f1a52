import ArgumentParser
import Foundation
import SyscraftCore
import SyscraftExec

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The whole loop on Debian's linux-source-6.12: stock kernel answers ENOSYS, kstacksize answers 16384.",
        discussion: """
              $ syscraft demo
              $ syscraft demo --json
            The first run installs what is missing (as root), unpacks the tree into the cache and builds two kernels;
            later runs reuse all of it.
            """)

    @Option(help: ArgumentHelp("Cache directory (default: $XDG_CACHE_HOME/syscraft).", valueName: "dir"), completion: .directory)
    var cacheDir: String?

    @Option(help: ArgumentHelp("The kernel source tarball to unpack (default: Debian's linux-source-6.12; e.g. /usr/src/linux-source-6.1.tar.xz).", valueName: "tarball"), completion: .file())
    var source: String?

    @Flag(help: "Print machine-readable JSON on stdout.")
    var json = false

    @Option(help: "Architectures to prove it on (comma-separated, or all).")
    var arch = "x86_64"

    @OptionGroup var run: RunOptions

    func run() async throws {
        try await Failure.guarded {
            let reporter = ConsoleReporter()
            let profiles = try parseArches(arch)
            let missing = SyscraftExec.Doctor.missing(SyscraftExec.Doctor.requirements(for: profiles))
            if !missing.isEmpty {
                let packages = missing.map(\.package)
                guard SyscraftExec.Doctor.isRoot, SyscraftExec.Doctor.hasApt else {
                    throw SyscraftError(.tool, "missing: \(missing.map(\.name).joined(separator: ", "))", hint: "run: sudo \(SyscraftExec.Doctor.installCommand(packages))")
                }
                reporter.status("installing what is missing: \(missing.map(\.name).joined(separator: ", "))")
                try await SyscraftExec.Doctor.install(packages, reporter: reporter)
            }
            var demo = DemoRun(cache: CachePaths(override: cacheDir), reporter: reporter)
            if let source {
                guard FileManager.default.isReadableFile(atPath: source), source.hasSuffix(".tar.xz") else {
                    throw SyscraftError(.badInput, "cannot read kernel source tarball \(source)", hint: "pass a .tar.xz such as /usr/src/linux-source-6.1.tar.xz (apt-get install linux-source-6.1)")
                }
                demo.tarball = URL(fileURLWithPath: source).standardizedFileURL.path
            }
            demo.profiles = profiles
            demo.configure = { [run] testRun throws(SyscraftError) in try run.configure(&testRun, build: nil) }
            let report = try await demo.run()
            Output.emit(report, json: json)
            if !json {
                let t = report.timings
                let perArch = profiles.flatMap { p in ["build_stock_", "build_", "boot_stock_", "boot_patched_"].map { $0 + p.name } }
                let parts = (["demo_total", "unpack"] + perArch).compactMap { k in t[k].map { "\(k) \(String(format: "%.1f", $0))s" } }
                print("timings: " + parts.joined(separator: ", "))
            }
            if !report.allPassed { throw ExitCode(1) }
        }
    }
}
