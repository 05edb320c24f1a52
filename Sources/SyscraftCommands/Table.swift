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
            print("arch".padding(toLength: 12, withPad: " ", startingAt: 0) + "number  table  abi       name                      entry point            file")
            for r in rows {
                print(r.arch.padding(toLength: 12, withPad: " ", startingAt: 0)
                    + String(r.number).padding(toLength: 8, withPad: " ", startingAt: 0)
                    + String(r.tableNumber).padding(toLength: 7, withPad: " ", startingAt: 0)
                    + r.abi.padding(toLength: 10, withPad: " ", startingAt: 0)
                    + r.name.padding(toLength: 26, withPad: " ", startingAt: 0)
                    + r.entry.padding(toLength: 23, withPad: " ", startingAt: 0)
                    + r.file)
            }
        }
    }
}
