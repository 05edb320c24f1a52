import ArgumentParser
import Foundation
import SyscraftCore
import SyscraftExec

struct Shell: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Boot the tree's kernel and attach its busybox shell to this terminal; syscraft exits with the shell's status.",
        discussion: """
              $ syscraft shell --tree ~/linux                      # then: kcall kstacksize
              $ syscraft shell --tree ~/linux --kernel stock --arch arm64
            Leave with exit N (syscraft exits N), poweroff (0), or Ctrl-A X (130). Ctrl-C goes to the guest once its
            shell runs; before that it stops syscraft and the guest. The terminal is restored on every way out.
            """)

    @OptionGroup var options: TreeOptions
    @OptionGroup var build: BuildOptions
    @OptionGroup var boot: BootOptions
    @OptionGroup var guest: GuestOptions

    func validate() throws { try guest.validateBase() }

    func run() async throws {
        try await Failure.guarded {
            let guestRun = try guest.guestRun(options, build: build, boot: boot, session: .interactive)
            let workspace = guestRun.workspace, profile = guestRun.profile
            // The banner: which kernel this is, what syscraft added to it, and the way out.
            let added = try workspace.presentRecords().present.map { entry in
                "\(entry.name) (\(entry.numbers[profile.numberKey].map(String.init) ?? "no number"))"
            }
            let kernel = switch guestRun.base {
            case _ where guestRun.kernel == .patched: "patched kernel"
            case .some(let base) where base != .stock: "base kernel (\(base))"
            default: "stock kernel (before syscraft's first add)"
            }
            FileHandle.standardError.write(Data((
                "syscraft shell: \(workspace.tree.root), \(profile.name), \(kernel)"
                    + (added.isEmpty ? "" : guestRun.kernel == .stock ? "; without \(added.joined(separator: ", "))" : "; added: \(added.joined(separator: ", "))")
                    + "\n  leave with exit N, poweroff, or Ctrl-A X; kcall NAME [ARG...] calls a syscall\n").utf8))
            let terminal = Terminal()
            let (ending, outcome) = try await guestRun.shell(terminal: terminal)
            switch ending {
            case .exited(let status):
                throw ExitCode(Int32(status))
            case .poweredOff:
                return
            case .left:
                FileHandle.standardError.write(Data("\r\nsyscraft: left the guest (Ctrl-A X)\n".utf8))
                throw ExitCode(130)
            case .failed(let finding):
                Output.guestFailure(finding, outcome: outcome, arch: profile.name, kernel: guestRun.kernel)
                throw ExitCode(4)
            }
        }
    }
}
