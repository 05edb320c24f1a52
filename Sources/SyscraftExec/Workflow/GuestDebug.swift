import Foundation
import SyscraftCore

#if canImport(Glibc)
import Glibc
#endif

/// `syscraft debug --break FUNCTION -- CMD`: the debug-info build of the tree (its own build directory), booted halted
/// with QEMU's gdb stub; gdb (with the kernel's scripts/gdb helpers) sets the breakpoint, lets the guest run CMD,
/// prints the backtrace when it hits, and detaches; syscraft exits with CMD's status.
extension GuestRun {
    public struct DebugResult: Sendable {
        public var run: Result
        /// The function the breakpoint was set on (a syscall's name resolved to its entry point).
        public var function: String
        public var hit: Bool
        public var gdbOutput: [String]
    }

    public func debug(
        breakpoint: String, onOutput: @escaping @Sendable (String) -> Void, onGdb: @escaping @Sendable (String) -> Void
    ) async throws(SyscraftError) -> DebugResult {
        guard ProcessRunner.which(profile.gdb.command) != nil else {
            throw SyscraftError(.tool, "\(profile.gdb.command) is not installed (it reads the \(profile.name) vmlinux)",
                                hint: "apt-get install \(profile.gdb.package)")
        }
        let records = try workspace.presentRecords()
        if let error = records.partialError(tree: workspace.tree.root) { throw error }
        let builder = try workspace.debugBuilder(profile, ccWrapper: ccWrapper, present: records.present)
        workspace.reporter.status("building the debug-info \(profile.name) kernel in \(builder.buildDirectory)")
        let built = try await builder.build()
        // `make vmlinux` leaves the gdb helpers out: scripts_gdb links vmlinux-gdb.py and scripts/gdb/linux/ (once).
        if !FileManager.default.fileExists(atPath: builder.buildDirectory + "/vmlinux-gdb.py") {
            try await builder.runMake(["scripts_gdb"], phase: "scripts_gdb")
        }
        workspace.reporter.status("built it in \(String(format: "%.1f", built.seconds))s (\(built.compiled) objects compiled)")
        let symbols = SymbolMap(systemMap: (try? String(contentsOfFile: built.systemMap, encoding: .utf8)) ?? "")
        guard let function = symbols.syscallFunction(breakpoint) else {
            throw SyscraftError(.badInput, "--break \(breakpoint): this kernel has no function of that name (nor a syscall entry point for it)",
                                hint: "give a function of the kernel (see System.map in \(builder.buildDirectory)) or the name of a syscall")
        }
        var shell = ShellImage(profile: profile, directory: builder.buildDirectory + "/shell-debug", session: session, table: try table(),
                               busybox: Busybox(cache: workspace.cache, reporter: workspace.reporter))
        shell.files = files
        let initramfs = try await shell.build()
        let port = try Self.freePort()
        var runner = QEMURunner(profile: profile, image: built.image, initramfs: initramfs, timeoutSeconds: (timeout ?? profile.bootTimeout) + 60)
        runner.consoleLog = builder.buildDirectory + "/console-debug.log"
        runner.smp = smp
        runner.memory = memory
        runner.extraArguments = ["-gdb", "tcp:127.0.0.1:\(port)", "-S"]
        runner.extraKernelArguments = ["nokaslr"]
        runner.onLine = { seen in
            if seen.guest.lastLineIsOutput, let line = seen.guest.runOutput.last {
                onOutput(seen.guest.outputEndsWithoutNewline ? line : line + "\n")
            }
        }
        let accel = AccelSelector(cache: workspace.cache, reporter: workspace.reporter, forced: self.accel).known(profile)
        let boot = Task { () throws(SyscraftError) -> QEMURunner.Result in try await runner.boot(accel: accel) }
        // The stub listens once QEMU is up (the guest is halted until gdb continues it).
        let deadline = ContinuousClock.now + .seconds(20)
        while ProcessTable.listeningInodes(port: port).isEmpty, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        let dir = builder.buildDirectory
        var gdb = ["-q", "-batch", "-nx", "-iex", "set auto-load safe-path \(dir)", "-ex", "set pagination off", "-ex", "set confirm off",
                   "-ex", "file \(dir)/vmlinux"]
        if FileManager.default.fileExists(atPath: dir + "/vmlinux-gdb.py") { gdb += ["-ex", "source \(dir)/vmlinux-gdb.py"] }
        gdb += ["-ex", "target remote 127.0.0.1:\(port)", "-ex", "break \(function)", "-ex", "continue", "-ex", "bt"]
        // The kernel's own helpers, read from the halted guest's memory: the banner of the kernel under the breakpoint.
        if FileManager.default.fileExists(atPath: dir + "/vmlinux-gdb.py") { gdb += ["-ex", "lx-version"] }
        gdb += ["-ex", "delete", "-ex", "detach"]
        var transcript: [String] = []
        let gdbRun: (ending: ProcessOutcome.Ending, output: String)
        do {
            gdbRun = try await ProcessRunner.capture(Command(profile.gdb.command, gdb), timeout: .seconds((timeout ?? profile.bootTimeout) + 60))
        } catch {
            boot.cancel()
            throw SyscraftError(.tool, "cannot run \(profile.gdb.command): \(error)", hint: "apt-get install \(profile.gdb.package)")
        }
        transcript = gdbRun.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for line in transcript { onGdb(line) }
        // gdb reports the stop in the function the breakpoint's address belongs to (__do_sys_NAME inlined into
        // __x64_sys_NAME): the hit is its "Breakpoint 1, " line.
        let hit = transcript.contains { $0.hasPrefix("Breakpoint 1, ") }
        let booted: QEMURunner.Result
        do { booted = try await boot.value } catch let error as SyscraftError { throw error } catch {
            throw SyscraftError(.boot, "the debug boot failed: \(error)", hint: "see \(dir)/console-debug.log")
        }
        var outcome = booted.outcome
        if outcome.console.diagnosis?.failure == .oops { outcome.symbols = symbols }
        let result = Result(verdict: Verdict.run(outcome), outcome: outcome, kernel: kernel, arch: profile.name, bootSeconds: booted.seconds, accel: booted.accel)
        return DebugResult(run: result, function: function, hit: hit, gdbOutput: transcript)
    }

    /// A TCP port nobody listens on now (the kernel picks it; QEMU binds it a moment later).
    static func freePort() throws(SyscraftError) -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SyscraftError(.io, "cannot create a socket", hint: "check the system's limits") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw SyscraftError(.io, "cannot find a free TCP port for QEMU's gdb stub", hint: "check the loopback interface") }
        return UInt16(bigEndian: address.sin_port)
    }
}
