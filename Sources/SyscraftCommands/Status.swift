import ArgumentParser
import Foundation
import SyscraftCore
import SyscraftExec

struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what syscraft added to a tree, checked against the tree as it is now, and the kernels it keeps.",
        discussion: """
            Each added syscall is present (all of it is in the tree), dormant (none of it is: a reset, another branch,
            a stash; it is used again once its lines are back) or partial (some of it is: restore the rest, or
            'syscraft remove NAME --forget'). Numbers are read from the tree's own tables.
              $ syscraft status --tree ~/linux
              $ syscraft status --tree ~/linux --json
            """)

    @OptionGroup var options: TreeOptions

    func run() async throws {
        try await Failure.guarded {
            let workspace = try options.workspace()
            let status = try workspace.status()
            if options.json {
                printJSON(status)
                return
            }
            print("tree: \(status.tree)")
            if status.syscalls.isEmpty { print("syscalls: none added by syscraft") }
            for s in status.syscalls {
                let numbers = s.numbers.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                var line = "  \(s.name): \(s.state.rawValue)"
                if !numbers.isEmpty { line += " (\(numbers))" }
                if let config = s.config { line += ", gated by CONFIG_\(config)" }
                print(line)
                if s.state == .partial {
                    print("    there: \((s.found ?? []).joined(separator: ", "))")
                    print("    missing: \((s.missing ?? []).joined(separator: ", "))")
                    print("    restore the missing lines, or: syscraft remove \(s.name) --forget --tree \(status.tree)")
                } else if s.state == .dormant {
                    print("    none of it is in the tree now; it is used again once its lines are back (git checkout, git stash pop)")
                }
            }
            if status.kernels.isEmpty { print("kernels: none built yet") }
            for k in status.kernels {
                print("  \(k.arch) \(k.kernel): \(k.current ? "current" : "stale"): \(k.note)")
            }
            if let op = status.interrupted {
                print("interrupted: '\(op)' (the next add, remove or test rolls it back)")
            }
            print("cache: \(status.cache)")
            print("records: \(status.records) (kept per tree path and per cache directory)")
        }
    }
}
