import ArgumentParser
import Foundation
import SyscraftCore
import SyscraftExec

enum Placement: String, ExpressibleByArgument, CaseIterable {
    case file, sys
}

struct Add: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Wire a system call into a kernel tree: implementation, prototype, every arch's table.",
        discussion: """
            SOURCE.c holds kernel C with one SYSCALL_DEFINEn(name, ...) (or the classic asmlinkage long sys_name(...)).
              $ syscraft add kstacksize.c --tree ~/linux --dry-run
              $ syscraft add kstacksize.c --tree ~/linux --json
            Every file is planned and validated first, then written atomically; an interrupted run is rolled back next time.
            """)

    @Argument(help: ArgumentHelp("Kernel C source with one SYSCALL_DEFINEn.", valueName: "SOURCE.c"), completion: .file(extensions: ["c"]))
    var source: String

    @OptionGroup var options: TreeOptions

    @Flag(help: "Print the unified diff (or the JSON plan) and write nothing.")
    var dryRun = false

    @Option(help: "Where the implementation goes: its own file under kernel/ (file) or appended to kernel/sys.c (sys).")
    var placement: Placement = .file

    @Option(help: ArgumentHelp("Gate the syscall behind a new Kconfig option (e.g. KSTACKSIZE_SYSCALL).", valueName: "NAME"))
    var config: String?

    @Flag(help: "Also wire a COMPAT_SYSCALL_DEFINEn entry point into the compat columns.")
    var compat = false

    @Option(
        name: .customLong("only-arch"),
        help: ArgumentHelp(
            "Implement it on these arches only (as map_shadow_stack is on x86_64): every table still numbers it, the others answer ENOSYS.",
            valueName: "A[,B]"))
    var onlyArch: [String] = []

    @Flag(help: "Also write a kselftest in tools/testing/selftests/NAME/ (Makefile, .gitignore, test) and add it to TARGETS.")
    var selftest = false

    func run() async throws {
        try await Failure.guarded {
            guard let data = FileManager.default.contents(atPath: source) else {
                throw SyscraftError(.badInput, "cannot read \(source)", hint: "pass an existing C file holding one SYSCALL_DEFINEn(...)")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw SyscraftError(.badInput, "\(source) is not UTF-8 text", hint: "pass a C source file")
            }
            let workspace = try options.workspace()
            var addOptions = AddOptions()
            addOptions.placement = placement == .file ? .ownFile : .appendToSys
            addOptions.config = config.map(Numbering.kconfigName)
            addOptions.compat = compat
            addOptions.onlyArch = onlyArch
            let plan = try workspace.add(sourceText: text, options: addOptions, dryRun: dryRun, selftest: selftest)
            if options.json {
                printJSON(PlanJSON(plan, dryRun: dryRun))
            } else if dryRun {
                print(plan.unifiedDiff(), terminator: "")
            } else {
                let numbers = plan.numbers.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                print("added \(plan.name): \(plan.changes.count) files; numbers: \(numbers)")
            }
            Output.diagnostics(plan.warnings)
        }
    }
}

struct Remove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove everything syscraft added for a syscall, leaving the files byte-identical to before.",
        discussion: """
              $ syscraft remove kstacksize --tree ~/linux
              $ syscraft remove kstacksize --tree ~/linux --forget   # drop the record, leave the tree as it is
            """)

    @Argument(help: "The syscall's name.")
    var name: String

    @OptionGroup var options: TreeOptions

    @Flag(help: "Print the diff and write nothing.")
    var dryRun = false

    @Flag(help: "Forget syscraft's record of it and leave the tree as it is (for a record only partly in the tree).")
    var forget = false

    func run() async throws {
        try await Failure.guarded {
            let workspace = try options.workspace()
            let plan = try workspace.remove(name: name, dryRun: dryRun, forget: forget)
            if !dryRun, !forget { workspace.pruneSelftestDirectory(name) }
            PlanJSON.emit(plan, dryRun: dryRun, json: options.json, done: forget
                ? "forgot \(name): the tree is as it was" : plan.changes.isEmpty
                ? "forgot \(name): nothing it added was left in the tree" : "removed \(name): \(plan.changes.count) files restored")
            Output.diagnostics(plan.warnings)
        }
    }
}
