import Foundation
import Synchronization
import SyscraftCore

#if canImport(Glibc)
import Glibc
#endif

/// Boots a kernel and initramfs in QEMU (serial console, no network, no host filesystem, -no-reboot, a timeout),
/// streams the console through the KTAP parser and the failure scanner, and stops QEMU as soon as the verdict is in.
public struct QEMURunner: Sendable {
    public enum Accel: String, Sendable, Codable {
        case kvm, tcg
    }

    public var profile: ArchProfile
    public var image: String
    public var initramfs: String
    public var timeoutSeconds: Int
    /// Keep the whole console here (for diagnosis), if set.
    public var consoleLog: String?
    public var smp = 1
    /// The host TSC's rate for an x86 guest under TCG (`tsc_early_khz=`); nil: measured (once per process) when needed.
    public var tscKHz: Int?
    public var memory = "256M"
    /// Where the guest's console goes: QEMU's stdout (read line by line), or a socket `syscraft shell` attaches to.
    public var serial = ["-serial", "stdio"]
    /// More QEMU arguments (`-gdb tcp:...`, `-S` for `syscraft debug`) and kernel command-line words (`nokaslr`).
    public var extraArguments: [String] = []
    /// The profile's `instructionClock` options (syscall test boots only: guest time then follows the instruction
    /// count, not the wall clock). Ignored with KVM or several CPUs (icount is single-threaded TCG).
    public var instructionClock = false
    public var extraKernelArguments: [String] = []
    /// Called after each console line is consumed (`syscraft run` streams the command's output from it).
    public var onLine: (@Sendable (BootOutcome) -> Void)?

    public init(profile: ArchProfile, image: String, initramfs: String, timeoutSeconds: Int? = nil) {
        self.profile = profile
        self.image = image
        self.initramfs = initramfs
        self.timeoutSeconds = timeoutSeconds ?? profile.bootTimeout
    }

    public struct Result: Sendable {
        /// What the verdict is decided from (the core's `Verdict.judge`).
        public var outcome: BootOutcome
        public var ending: ProcessOutcome.Ending
        public var accel: Accel
        public var command: Command

        public var guest: GuestOutputParser { outcome.guest }
        public var console: ConsoleScanner { outcome.console }
        public var seconds: Double { outcome.seconds }
        /// Nil when the guest reported everything; otherwise what went wrong.
        public var failure: ConsoleScanner.Finding? { outcome.failure }
    }

    public func arguments(accel: Accel) -> [String] {
        // No network (-nodefaults drops the default NIC; -nic none says so), no host file sharing (no -virtfs,
        // -fsdev or -drive): the guest sees only its kernel, its initramfs and a serial console.
        var args = profile.qemuMachine
        if accel == .kvm { args += ["-enable-kvm", "-cpu", "host"] }
        // Several guest CPUs under TCG: one host thread each (multi-threaded TCG), said rather than left to QEMU's
        // default. Measured on x86_64, 2 CPUs, two CPU-bound tasks: 3.1 s to the exit marker with it, 5.7 s without.
        if accel == .tcg, smp > 1 { args += ["-accel", "tcg,thread=multi"] }
        if instructionClock, accel == .tcg, smp == 1 { args += profile.instructionClock }
        args += [
            "-m", memory, "-smp", String(smp), "-nodefaults", "-nic", "none", "-no-user-config", "-display", "none"] + serial + [
            "-no-reboot", "-kernel", image, "-initrd", initramfs,
            "-append", (["console=\(profile.console)", "panic=-1", "quiet"] + profile.kernelArguments + clockArguments(accel: accel) + extraKernelArguments).joined(separator: " "),
        ] + extraArguments
        return args
    }

    /// An x86 guest under TCG is told the host TSC's rate (`HostClock`): its own calibration fails now and then.
    func clockArguments(accel: Accel) -> [String] {
        guard accel == .tcg, profile.name == "x86_64" || profile.name == "i386", let khz = tscKHz ?? HostClock.tscKHz else { return [] }
        return ["tsc_early_khz=\(khz)"]
    }

    /// One boot with the given accelerator.
    public func boot(accel: Accel, timeoutSeconds: Int? = nil) async throws(SyscraftError) -> Result {
        let command = Command(profile.qemu, arguments(accel: accel))
        // The exact command next to the console log, so a boot can be replayed by hand (benchmarks/run's floor does).
        if let consoleLog { try? (command.description + "\n").write(toFile: consoleLog + ".cmd", atomically: true, encoding: .utf8) }
        nonisolated(unsafe) var seen = BootOutcome()
        let logHandle: FileHandle? = consoleLog.flatMap { path in
            FileManager.default.createFile(atPath: path, contents: nil)
            return FileHandle(forWritingAtPath: path)
        }
        defer { try? logHandle?.close() }
        let start = ContinuousClock.now
        let outcome: ProcessOutcome
        do {
            outcome = try await ProcessRunner.stream(command, timeout: .seconds(timeoutSeconds ?? self.timeoutSeconds)) { line in
                logHandle?.write(Data((line + "\n").utf8))
                seen.consume(line)
                onLine?(seen)
                if seen.guest.done { return .stop }
                // A panic with panic=-1 reboots, and -no-reboot exits; stop early on panic anyway.
                if seen.console.findings.contains(where: { $0.failure == .panic }) { return .stop }
                return .continue
            }
        } catch let error as SyscraftError {
            throw error
        } catch {
            throw SyscraftError(.tool, "cannot run \(profile.qemu): \(error)", hint: "run: syscraft doctor --install")
        }
        seen.timedOut = outcome.ending == .timedOut
        seen.seconds = (ContinuousClock.now - start).seconds
        return Result(outcome: seen, ending: outcome.ending, accel: accel, command: command)
    }
}

extension QEMURunner {
    /// Identifies a boot whose outcome cannot differ from an earlier one: the same image and initramfs bytes (by size,
    /// mtime and inode), the same QEMU binary and the same arguments.
    public func fingerprint(accel: Accel) -> String {
        func identity(_ path: String) -> String {
            var st = stat()
            guard stat(path, &st) == 0 else { return path + ":missing" }
            return "\(path):\(st.st_size):\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec):\(st.st_ino)"
        }
        let qemu = ProcessRunner.which(profile.qemu) ?? profile.qemu
        return CachePaths.fnv1a(([identity(image), identity(initramfs), identity(qemu)] + arguments(accel: accel)).joined(separator: "\n"))
    }

    /// The result of an earlier boot, read back from its console log, when `key` says it was the same boot and it
    /// ended with the verdict (a failed or cut-short boot is never reused).
    public func replay(key: String) -> Result? {
        guard let consoleLog, let saved = try? String(contentsOfFile: consoleLog + ".key", encoding: .utf8) else { return nil }
        let words = saved.split(separator: " ").map(String.init)
        guard words.count == 2, words[0] == key, let accel = Accel(rawValue: words[1]),
              let text = try? String(contentsOfFile: consoleLog, encoding: .utf8) else { return nil }
        let result = Result(outcome: BootOutcome(log: text), ending: .stoppedByCaller, accel: accel, command: Command(profile.qemu, arguments(accel: accel)))
        return result.failure == nil ? result : nil
    }

    /// Remembers that the console log holds the outcome of the boot identified by `key` (only when it reached the verdict).
    public func remember(_ result: Result, key: String) {
        guard let consoleLog else { return }
        if result.failure == nil, result.guest.done {
            try? "\(key) \(result.accel.rawValue)".write(toFile: consoleLog + ".key", atomically: true, encoding: .utf8)
        } else {
            try? FileManager.default.removeItem(atPath: consoleLog + ".key")
        }
    }
}

/// Decides between KVM and TCG: KVM only when /dev/kvm is usable *and* a short canary boot succeeds.
/// The verdict is cached (per host and QEMU binary) so the probe costs one boot, once.
public struct AccelSelector: Sendable {
    public var cache: CachePaths
    public var reporter: any ProgressReporter
    /// Force an accelerator (`--accel kvm|tcg`), skipping the probe.
    public var forced: QEMURunner.Accel?

    public init(cache: CachePaths, reporter: any ProgressReporter, forced: QEMURunner.Accel? = nil) {
        self.cache = cache
        self.reporter = reporter
        self.forced = forced
    }

    struct Verdict: Codable {
        var kvmWorks: Bool
        var reason: String
        var qemu: String
    }

    /// One verdict per QEMU binary: x86_64 and i386 guests use different binaries, and a shared file would make
    /// each arch of a matrix overwrite the other's verdict and re-run the canary every time.
    func verdictPath(_ profile: ArchProfile) -> String { cache.root + "/kvm-probe-\(profile.qemu).json" }

    func canUseKVM(_ profile: ArchProfile) -> Bool {
        #if arch(x86_64)
        guard profile.name == "x86_64" || profile.name == "i386" else { return false }
        #elseif arch(arm64)
        guard profile.name == "arm64" else { return false }
        #else
        return false
        #endif
        return FileManager.default.isReadableFile(atPath: "/dev/kvm") && FileManager.default.isWritableFile(atPath: "/dev/kvm")
    }

    /// The accelerator for a boot that cannot be a canary (an interactive shell): forced, else the cached verdict
    /// of an earlier canary, else TCG (said once).
    public func known(_ profile: ArchProfile) -> QEMURunner.Accel {
        if let forced { return forced }
        guard canUseKVM(profile) else { return .tcg }
        let qemuPath = ProcessRunner.which(profile.qemu) ?? profile.qemu
        if let data = FileManager.default.contents(atPath: verdictPath(profile)), let verdict = try? JSONDecoder().decode(Verdict.self, from: data),
           verdict.qemu == qemuPath {
            if !verdict.kvmWorks { Self.sayOnce(reporter, "using TCG: /dev/kvm exists but the cached KVM canary failed (\(verdict.reason))") }
            return verdict.kvmWorks ? .kvm : .tcg
        }
        Self.sayOnce(reporter, "using TCG: KVM is not proven on this host yet (syscraft run -- true probes it once), or pass --accel kvm")
        return .tcg
    }

    /// Boots `runner`, using KVM when it is known (or proven by this very boot, as the canary) to work.
    public func boot(_ runner: QEMURunner) async throws(SyscraftError) -> QEMURunner.Result {
        if let forced { return try await runner.boot(accel: forced) }
        guard canUseKVM(runner.profile) else { return try await runner.boot(accel: .tcg) }
        let qemuPath = ProcessRunner.which(runner.profile.qemu) ?? runner.profile.qemu
        if let data = FileManager.default.contents(atPath: verdictPath(runner.profile)), let verdict = try? JSONDecoder().decode(Verdict.self, from: data), verdict.qemu == qemuPath {
            if !verdict.kvmWorks {
                Self.sayOnce(reporter, "using TCG: /dev/kvm exists but the cached KVM canary failed (\(verdict.reason))")
                return try await runner.boot(accel: .tcg)
            }
            return try await runner.boot(accel: .kvm)
        }
        // The canary: this boot with KVM and a short timeout.
        let canary = try await runner.boot(accel: .kvm, timeoutSeconds: 15)
        if canary.guest.done {
            save(Verdict(kvmWorks: true, reason: "canary boot reported in \(String(format: "%.1f", canary.seconds))s", qemu: qemuPath), for: runner.profile)
            return canary
        }
        let reason = canary.console.recent.last(where: { $0.contains("qemu") || $0.contains("KVM") || $0.contains("kvm") }) ?? canary.failure?.line ?? "no verdict"
        save(Verdict(kvmWorks: false, reason: String(reason.prefix(160)), qemu: qemuPath), for: runner.profile)
        Self.sayOnce(reporter, "using TCG: /dev/kvm exists but a KVM canary boot failed (\(reason.prefix(120))); verdict cached in \(verdictPath(runner.profile))")
        return try await runner.boot(accel: .tcg)
    }

    func save(_ verdict: Verdict, for profile: ArchProfile) {
        try? FileManager.default.createDirectory(atPath: cache.root, withIntermediateDirectories: true)
        if let data = try? JSONEncoder().encode(verdict) { try? data.write(to: URL(fileURLWithPath: verdictPath(profile))) }
    }

    static let said = Mutex(false)
    /// The TCG fallback is said once per run, however many boots follow.
    static func sayOnce(_ reporter: any ProgressReporter, _ message: String) {
        guard !said.withLock({ let was = $0; $0 = true; return was }) else { return }
        reporter.status(message)
    }
}

