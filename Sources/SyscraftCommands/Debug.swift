import ArgumentParser
import Foundation
import SyscraftCore
import SyscraftExec

struct Debug: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Step into your kernel with gdb: a debug-info build, QEMU's gdb stub, a breakpoint hit while a guest command runs.",
        discussion: """
              $ syscraft debug --tree ~/linux --break kstacksize -- kcall kstacksize
            Builds the tree with DEBUG_INFO, GDB_SCRIPTS and frame pointers in a build directory of its own, boots it
            halted under QEMU's gdb stub, and runs gdb (gdb-multiarch for cross arches) on its vmlinux with the kernel's
            scripts/gdb helpers loaded: it breaks on FUNCTION (a syscall's name means its entry point, __x64_sys_NAME),
            lets the guest run CMD, prints the backtrace when the breakpoint hits, and detaches. syscraft exits with CMD's
            status; a breakpoint that never hit is said on stderr.
            """)

    @OptionGroup var options: TreeOptions
    @OptionGroup var build: BuildOptions
    @OptionGroup var boot: BootOptions
    @OptionGroup var guest: GuestOptions

    @Option(name: .customLong("break"), help: ArgumentHelp("The kernel function (or syscall name) to break on.", valueName: "FUNCTION"))
    var breakpoint: String

    @Argument(parsing: .postTerminator, help: ArgumentHelp("The command the guest runs while gdb waits at the breakpoint.", valueName: "CMD"))
    var command: [String] = []

    func validate() throws {
        if command.isEmpty { throw ValidationError("no command given: put it after --, e.g. syscraft debug --tree DIR --break kstacksize -- kcall kstacksize") }
        if !GuestInit.isIdentifier(breakpoint) { throw ValidationError("--break '\(breakpoint)' is not a C function name; give one such as __x64_sys_getpid or a syscall name") }
        if guest.kernel != .patched || guest.base != nil {
            throw ValidationError("debug builds the tree's own kernel with debug info: drop --kernel and --base")
        }
    }

    func run() async throws {
        try await Failure.guarded {
            let guestRun = try guest.guestRun(options, build: build, boot: boot, session: .command(command))
            let result = try await guestRun.debug(
                breakpoint: breakpoint,
                onOutput: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
                onGdb: { line in FileHandle.standardError.write(Data(("gdb: " + line + "\n").utf8)) })
            if !result.hit {
                FileHandle.standardError.write(Data("syscraft: warning: the breakpoint on \(result.function) never hit while the command ran\n".utf8))
            }
            Output.emit(result.run, json: false)
            throw GuestOptions.exitCode(result.run.verdict)
        }
    }
}
