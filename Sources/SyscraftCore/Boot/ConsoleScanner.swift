/// Recognises how a boot went wrong from the kernel's console lines, with a hint for the fix.
public struct ConsoleScanner: Sendable {
    public enum Failure: String, Sendable, Codable, Equatable {
        case panic
        case noRootFS = "no-root-fs"
        case noInit = "no-init"
        case oops
        case testNeverReported = "test-never-reported"
        case hang
        case qemuFailed = "qemu-failed"
    }

    public struct Finding: Sendable, Equatable {
        public var failure: Failure
        public var line: String
        public var hint: String

        public init(failure: Failure, line: String, hint: String) {
            self.failure = failure
            self.line = line
            self.hint = hint
        }
    }

    /// The first serious finding, in the order it appeared.
    public private(set) var findings: [Finding] = []
    /// The last console lines, for error reports.
    public private(set) var recent: [String] = []
    public private(set) var sawInit = false
    /// The first oops as the kernel printed it: from its first line (BUG:, Oops:, general protection fault, ...)
    /// through the call trace to `---[ end trace`, a panic line, or 60 lines.
    public private(set) var oopsReport: [String] = []
    private var inOops = false
    private let keep: Int

    public init(keep: Int = 25) { self.keep = keep }

    public mutating func consume(_ line: String) {
        recent.append(line)
        if recent.count > keep { recent.removeFirst(recent.count - keep) }
        if line.contains("Run /init as init process") || line.contains("KTAP version") || line.contains("# syscraft-run") { sawInit = true }
        let finding = Self.classify(line)
        if let finding { findings.append(finding) }
        if inOops {
            if finding?.failure == .panic || line.hasPrefix("# ") || line.hasPrefix("ok ") || line.hasPrefix("not ok ") {
                inOops = false
            } else {
                oopsReport.append(line)
                if line.contains("---[ end trace") || oopsReport.count >= 60 { inOops = false }
            }
        } else if finding?.failure == .oops, oopsReport.isEmpty {
            inOops = true
            oopsReport.append(line)
        }
    }

    /// The function the oops happened in (`RIP: 0010:__do_sys_koops+0x5/0x10` on x86, `pc : __arm64_sys_koops+...`
    /// on arm64, `epc : ...` on riscv), without the offset. A bare address (no kallsyms) is named from `symbols`.
    public func oopsFunction(symbols: SymbolMap? = nil) -> String? {
        for line in oopsReport {
            for marker in ["RIP: 0010:", "pc : ", "epc : ", "EIP: "] {
                guard let range = line.firstRange(of: marker) else { continue }
                let rest = line[range.upperBound...].split(separator: " ").first ?? ""
                if rest.hasPrefix("0x") {
                    if let name = symbols?.symbolize(word: rest) { return String(name.split(separator: "+").first ?? "") }
                    continue
                }
                let name = rest.split(separator: "+").first.map(String.init) ?? ""
                if !name.isEmpty { return name }
            }
        }
        return nil
    }

    /// The call trace's function names, innermost first (`do_syscall_64`, ...), without offsets and markers; bare
    /// addresses are named from `symbols` (and left out without them).
    public func oopsCallTrace(symbols: SymbolMap? = nil) -> [String] {
        guard let start = oopsReport.firstIndex(where: { $0.contains("Call Trace:") || $0.contains("Call trace:") }) else { return [] }
        var names: [String] = []
        for line in oopsReport[(start + 1)...] {
            if line.contains("---[ end trace") || line.hasPrefix("CR2:") || line.contains("Code:") { break }
            for word in line.split(separator: " ") where !word.hasPrefix("<") && !word.hasPrefix("[") && word != "?" {
                if word.contains("+0x") {
                    names.append(String(word.split(separator: "+").first ?? ""))
                    break
                }
                if let name = symbols?.symbolize(word: word) {
                    names.append(String(name.split(separator: "+").first ?? ""))
                    break
                }
            }
        }
        return names
    }

    /// Classifies one console line.
    public static func classify(_ line: String) -> Finding? {
        if line.contains("VFS: Unable to mount root fs") {
            // The kernel only mounts a root device when the initramfs holds no runnable /init (missing, empty, not executable).
            return Finding(failure: .noRootFS, line: line, hint: "the kernel ran no /init from an initramfs and fell back to a root device: check that -initrd was passed, that the archive holds an executable /init, and CONFIG_BLK_DEV_INITRD=y")
        }
        if line.contains("No working init found") || line.contains("Failed to execute /init") || line.contains("Requested init /init failed") {
            return Finding(failure: .noInit, line: line, hint: "the guest's /init could not run: it must be executable and linked statically for this arch (CONFIG_BINFMT_ELF=y); a script needs its interpreter in the initramfs (CONFIG_BINFMT_SCRIPT=y)")
        }
        if line.contains("Oops:") || line.contains("BUG: kernel NULL pointer") || line.contains("general protection fault") || line.contains("Unable to handle kernel") || line.contains("BUG: unable to handle") {
            return Finding(failure: .oops, line: line, hint: "the kernel oopsed: find your syscall's function (sys_/__x64_sys_/__do_sys_ NAME) on the RIP/pc line and in the call trace")
        }
        if line.contains("Attempted to kill init") {
            return Finding(failure: .panic, line: line, hint: "the guest's /init exited (or was killed) and the kernel panicked: an init must never return; end it with reboot(RB_POWER_OFF)")
        }
        if line.contains("Kernel panic - not syncing") {
            return Finding(failure: .panic, line: line, hint: "the kernel panicked: read the lines before the panic for the cause")
        }
        return nil
    }

    /// The most telling finding: an oops or a missing root/init beats the panic it causes.
    public var diagnosis: Finding? {
        for kind in [Failure.oops, .noRootFS, .noInit, .panic] {
            if let f = findings.first(where: { $0.failure == kind }) { return f }
        }
        return nil
    }

    /// The finding for a guest that stopped without reporting, or ran out of time.
    public func silentFailure(timedOut: Bool, seconds: Int) -> Finding {
        if let d = diagnosis { return d }
        if timedOut {
            if recent.isEmpty {
                return Finding(failure: .hang, line: "(no console output)", hint: "the guest printed nothing in \(seconds)s (the kernel runs with quiet, so only errors and the guest's own output show): check CONFIG_SERIAL_8250_CONSOLE=y, console=ttyS0 (or the arch's console), and that /init writes to /dev/console")
            }
            return Finding(failure: sawInit ? .testNeverReported : .hang, line: recent.last ?? "",
                           hint: sawInit ? "init started but the test never reported within \(seconds)s: does the syscall block or loop?" : "the boot stalled for \(seconds)s: see the last console lines")
        }
        if !sawInit {
            // With `quiet` a good boot shows little but init's KTAP; a guest that stops with neither (firmware lines at
            // most) ran without a console: the UART never probed, so init's report went nowhere.
            return Finding(failure: .testNeverReported, line: recent.last ?? "(no output)",
                           hint: "the guest stopped and nothing from the kernel or its init reached the console: the serial console never came up; check the UART driver and its interrupt controller in the config (riscv virt needs SIFIVE_PLIC=y), console=, and CONFIG_PRINTK=y")
        }
        return Finding(failure: .testNeverReported, line: recent.last ?? "(no output)", hint: "the guest stopped before the test reported: see the last console lines")
    }
}
