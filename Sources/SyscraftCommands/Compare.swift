import ArgumentParser
import Foundation
import SyscraftCore
import SyscraftExec

struct Compare: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A/B: boot the base and the patched kernel in alternation, run a workload on each, judge every metric against the noise.",
        discussion: """
              $ syscraft compare --tree ~/linux --base HEAD --smp 2 --bench examples/sched-slow/schedbench.c
              $ syscraft compare --tree ~/linux --base pristine --runs 20 --plot sched.svg --bench schedbench.c
              $ syscraft compare --tree ~/linux --module examples/pktcount -- 'ping -c 50 -i 0 127.0.0.1 >/dev/null'
              $ syscraft compare --tree ~/linux --expect wakeup_p99:slower --json --bench schedbench.c
            Rounds alternate (base, patched, patched, base, ...) so drift falls on both kernels. The workload prints
            lines 'metric NAME VALUE UNIT lower|higher'; its wall time (guest side) is always the metric 'wall'.
            A metric is "slower" or "faster" only when a two-sided Mann-Whitney U test, its p Holm-adjusted over the
            metrics, gives p < 0.01 and the medians differ by 5% or more; otherwise "same". Exit 0 when the comparison ran; with --expect, 1 when it does not hold.
            With --module (and no --base), one kernel is compared without and with the module loaded.
            """)

    @OptionGroup var options: TreeOptions
    @OptionGroup var build: BuildOptions
    @OptionGroup var boot: BootOptions
    @OptionGroup var guest: GuestOptions

    @Option(help: "Boots of each kernel (rounds).")
    var runs = 10

    @Option(help: ArgumentHelp("A C workload, compiled statically for the arch and run on every boot.", valueName: "FILE.c"), completion: .file(extensions: ["c"]))
    var bench: String?

    @Option(help: ArgumentHelp("Write an SVG plot of every metric's samples and medians.", valueName: "FILE.svg"))
    var plot: String?

    @Option(help: ArgumentHelp("Exit 1 unless this metric's verdict holds (for CI); repeatable.", valueName: "NAME:slower|faster|same"))
    var expect: [String] = []

    @Argument(parsing: .postTerminator, help: ArgumentHelp("The workload: a command run in the guest on every boot.", valueName: "CMD"))
    var command: [String] = []

    func validate() throws {
        if command.isEmpty == (bench == nil) {
            throw ValidationError("give the workload either after -- (a command) or as --bench FILE.c, not \(command.isEmpty ? "neither" : "both")")
        }
        if guest.kernel != .patched { throw ValidationError("compare boots both kernels: drop --kernel; name the base with --base") }
    }

    func run() async throws {
        try await Failure.guarded {
            let expectations = try expect.map { text throws(SyscraftError) in try Comparison.Expectation.parse(text) }
            if let bench, !FileManager.default.isReadableFile(atPath: bench) {
                throw SyscraftError(.badInput, "cannot read --bench \(bench)", hint: "pass an existing C file")
            }
            let guestRun = try guest.guestRun(options, build: build, boot: boot, session: .measure(command))
            let workload: CompareRun.Workload = bench.map { .bench(URL(fileURLWithPath: $0).standardizedFileURL.path) } ?? .command(command)
            var compare = try CompareRun(guest: guestRun, baseSpec: guest.baseSpec, workload: workload)
            compare.rounds = runs
            let reporter = guestRun.workspace.reporter
            let comparison = try await compare.run { boot in
                let shown = boot.metrics.prefix(4).map { "\($0.name) \(Comparison.format($0.value)) \($0.unit)" }.joined(separator: ", ")
                reporter.status("round \(boot.round)/\(runs): \(boot.kernel == .stock ? "base   " : "patched") \(String(format: "%.2f", boot.seconds))s (boot and workload); \(shown)")
            }
            if let plot {
                do { try comparison.svg().write(toFile: plot, atomically: true, encoding: .utf8) } catch {
                    throw SyscraftError(.io, "cannot write the plot to \(plot)", hint: "check the directory exists and is writable")
                }
            }
            if options.json {
                printJSON(comparison)
            } else {
                print(comparison.table(), terminator: "")
                if isatty(STDOUT_FILENO) != 0 { print("\n" + comparison.textPlot(), terminator: "") }
                if let plot { print("plot: \(plot)") }
            }
            var failed = false
            for expectation in expectations {
                let (holds, metric) = comparison.check(expectation)
                if !holds {
                    failed = true
                    let found = metric.map { "it is \($0.verdict.rawValue): \(Comparison.sentence($0))" } ?? "the workload printed no such metric (it printed \(comparison.metrics.map(\.name).joined(separator: ", ")))"
                    FileHandle.standardError.write(Data("syscraft: expected \(expectation.metric) to be \(expectation.verdict.rawValue), but \(found)\n".utf8))
                }
            }
            if failed { throw ExitCode(1) }
        }
    }
}
