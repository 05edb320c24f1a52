import ArgumentParser
import Foundation
import SyscraftCore
import SyscraftExec

struct Table: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show syscall numbers from the tree's own tables: one name across arches, or one arch's table.",
        discussion: """
              $ syscraft table getpid --tree ~/linux          # why is my 64-bit number different?
              $ syscraft table --tree ~/linux --arch x86_64   # the whole x86_64 table
            """)

    @Argument(help: "A syscall name (all of them when omitted).")
    var name: String?

    @OptionGroup var options: TreeOptions

    @Option(help: "One arch (x86_64, i386, arm64, mips/o32, ...) or all.")
    var arch: String = "all"

    func run() async throws {
        try await Failure.guarded {
            let workspace = try options.workspace()
            // Like every tree command, finish off (roll back) an interrupted add or remove first.
            try workspace.recoverIfNeeded()
            let rows = try SyscallTableReader.lookup(name: name, arch: arch == "all" ? nil : arch, tree: workspace.tree)
            if rows.isEmpty {
                throw SyscraftError(.notFound, name.map { "no syscall named \($0) in this tree's tables" } ?? "no table rows for \(arch)", hint: "check the spelling, or run 'syscraft table --tree DIR' to list them")
            }
            if options.json {
                printJSON(["rows": rows])
                return
            }
            // Columns as wide as their widest value (x32 numbers and long entry points included).
            let header = ["arch", "number", "table", "abi", "name", "entry point", "file"]
            let cells = rows.map { r in [r.arch, String(r.number), String(r.tableNumber), r.abi, r.name, r.entry, r.file] }
            let widths = header.indices.map { i in ([header] + cells).map { $0[i].count }.max() ?? 0 }
            for line in [header] + cells {
                let padded = line.indices.dropLast().map { line[$0].padding(toLength: widths[$0] + 2, withPad: " ", startingAt: 0) }
                print(padded.joined() + (line.last ?? ""))
            }
        }
    }
}
