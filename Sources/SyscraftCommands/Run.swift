import ArgumentParser
import Foundation
import SyscraftCore
import SyscraftExec

/// The guest options of the commands that give you the guest (`run`, `shell`, `debug`, `compare`): which kernel, what goes in.
struct GuestOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The kernel to boot: the tree as it is (patched), the --base kernel (base), or the tree before syscraft's first add (stock).", valueName: "patched|base|stock"))
    var kernel: KernelChoice = .patched

    @Option(help: ArgumentHelp("The kernel without the change: a git revision of the tree (checked out into the cache; the working tree, index and stash are not touched), another tree, pristine (the tarball syscraft unpacked the tree from), or stock (syscraft's additions undone). Default: stock when syscraft added syscalls, else HEAD in a git checkout, else pristine.", valueName: "REF|DIR|pristine|stock"))
    var base: String?

    @Option(name: .customLong("file"), help: ArgumentHelp("A host file to copy into the guest (default: /root/NAME); a program must be static; repeatable.", valueName: "HOST[:GUEST]"))
    var files: [String] = []

    @Option(help: "Guest CPUs.")
    var smp = 1

    @Option(help: ArgumentHelp("Guest memory (QEMU's -m).", valueName: "SIZE"))
    var memory = "256M"

    enum KernelChoice: String, ExpressibleByArgument, CaseIterable {
        case patched, base, stock
        var kernel: Kernel { self == .patched ? .patched : .stock }
    }

    /// `--base` as given (nil: the default, decided by the workspace).
    var baseSpec: BaseSpec? { base.map(BaseSpec.parse) }

    /// `run` and `shell`: a `--base` only names the kernel `--kernel base` boots; without it, it would be ignored.
    func validateBase() throws {
        if base != nil, kernel != .base { throw ValidationError("--base names the kernel that --kernel base boots: add --kernel base (or drop --base)") }
    }

    /// The one arch these commands boot.
    static func oneArch(_ text: String) throws(SyscraftError) -> ArchProfile {
        let profiles = try parseArches(text)
        guard profiles.count == 1, let profile = profiles.first else {
            throw SyscraftError(.badInput, "one arch at a time, not \(profiles.map(\.name).joined(separator: ","))", hint: "pass one --arch")
        }
        return profile
    }

    /// The guest run a command asks for: the workspace, its one arch (its tools checked before anything builds), and
    /// these options, the build's and the boot's.
    func guestRun(_ tree: TreeOptions, build: BuildOptions, boot: BootOptions, session: GuestShell.Session) throws(SyscraftError) -> GuestRun {
        let workspace = try tree.workspace()
        let profile = try Self.oneArch(build.arch)
        try SyscraftExec.Doctor.requireTools(for: [profile])
        return try configure(GuestRun(workspace: workspace, profile: profile, session: session), build: build, boot: boot)
    }

    /// The exit status of a guest command's run: the command's own, or 4 when the guest failed.
    static func exitCode(_ verdict: RunVerdict) -> ExitCode {
        switch verdict {
        case .exited(let status): ExitCode(Int32(status))
        case .failed: ExitCode(4)
        }
    }

    /// These options, the build's and the boot's, applied to a guest run.
    func configure(_ run: GuestRun, build: BuildOptions, boot: BootOptions) throws(SyscraftError) -> GuestRun {
        var run = run
        run.kernel = kernel.kernel
        switch kernel {
        case .patched: run.base = nil
        case .stock: run.base = .stock
        case .base: if let baseSpec { run.base = baseSpec } else { run.base = try run.workspace.defaultBase() }
        }
        run.files = try filePairs()
        run.timeout = boot.timeout
        run.modules = try run.workspace.withKernelOptions(try boot.moduleSpecs())
        run.accel = boot.accel
        run.smp = smp
        run.memory = memory
        run.ccWrapper = build.cc
        return run
    }

    /// The files as (host, guest) pairs; a dynamically linked program is refused (the guest has no loader).
    func filePairs() throws(SyscraftError) -> [(host: String, guest: String)] {
        try files.map { spec throws(SyscraftError) in
            let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
            let host = parts.first ?? spec
            var guest = parts.count > 1 ? parts[1] : "/root/" + (host as NSString).lastPathComponent
            if !guest.hasPrefix("/") { guest = "/root/" + guest }
            guard let data = FileManager.default.contents(atPath: host) else {
                throw SyscraftError(.badInput, "--file: cannot read \(host)", hint: "pass an existing host file, as HOST or HOST:GUEST")
            }
            guard guest.split(separator: "/").allSatisfy({ $0 != ".." && $0 != "." }), guest != "/init" else {
                throw SyscraftError(.badInput, "--file: bad guest path \(guest)", hint: "use an absolute path without . or .. (not /init)")
            }
            if case .dynamic(let loader) = ElfProgram.kind(of: Array(data)) {
                throw SyscraftError(
                    .badInput, "--file: \(host) is dynamically linked (it needs \(loader)), and the guest has no libraries",
                    hint: "link it statically (gcc -static ...), or run the guest's busybox applets instead")
            }
            return (URL(fileURLWithPath: host).standardizedFileURL.path, String(guest.dropFirst()))
        }
    }
}

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Boot the tree's kernel with a busybox guest, run one command under its shell, exit with the command's status.",
        discussion: """
              $ syscraft run --tree ~/linux -- kcall kstacksize
              $ syscraft run --tree ~/linux --kernel stock -- kcall kstacksize      # ENOSYS, exit 1
              $ syscraft run --tree ~/linux -- 'echo $((6*7)); cat /proc/version'
              $ syscraft run --tree ~/linux --arch arm64 --json -- uname -m
            One word after -- is a shell command line; several are a command and its arguments.
            The output streams as it comes; syscraft exits with the command's status (0-255). A panic, an oops, a hang
            past --timeout or a guest that never reaches init is exit 4 with the diagnosis and the console's last lines.
            The guest: Debian's busybox-static (fetched into the cache), kcall NAME|NUMBER [ARG...], your --file's.
            """)

    @OptionGroup var options: TreeOptions
    @OptionGroup var build: BuildOptions
    @OptionGroup var boot: BootOptions
    @OptionGroup var guest: GuestOptions

    @Argument(parsing: .postTerminator, help: ArgumentHelp("The command to run in the guest.", valueName: "CMD"))
    var command: [String] = []

    func validate() throws {
        if command.isEmpty { throw ValidationError("no command given: put it after --, e.g. syscraft run --tree DIR -- kcall kstacksize") }
        try guest.validateBase()
    }

    func run() async throws {
        try await Failure.guarded {
            let guestRun = try guest.guestRun(options, build: build, boot: boot, session: .command(command))
            let json = options.json
            let result = try await guestRun.run { line in
                // Unbuffered, line by line, as the guest prints it.
                if !json { FileHandle.standardOutput.write(Data(line.utf8)) }
            }
            Output.emit(result, json: json)
            throw GuestOptions.exitCode(result.verdict)
        }
    }
}
