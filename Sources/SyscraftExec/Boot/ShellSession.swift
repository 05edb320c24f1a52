import Foundation
import Synchronization
import SyscraftCore

#if canImport(Glibc)
import Glibc
#endif

/// The user's terminal, saved before the shell and restored on every way out (normal end, QEMU dying, a panic,
/// SIGTERM/SIGINT through `InterruptHandling.onExit`).
public final class Terminal: Sendable {
    private let saved: Mutex<termios?>

    public init() {
        var t = termios()
        saved = Mutex(isatty(0) == 1 && tcgetattr(0, &t) == 0 ? t : nil)
    }

    public var isTTY: Bool { saved.withLock { $0 != nil } }

    /// Raw mode: every key (Ctrl-C, Ctrl-Z, arrows) goes to the guest; output is not post-processed.
    public func makeRaw() {
        guard var t = saved.withLock({ $0 }) else { return }
        cfmakeraw(&t)
        tcsetattr(0, TCSAFLUSH, &t)
    }

    public func restore() {
        guard var t = saved.withLock({ $0 }) else { return }
        tcsetattr(0, TCSAFLUSH, &t)
    }
}

/// `syscraft shell`: QEMU's serial console on a Unix socket, attached to the user's terminal by syscraft, which reads
/// every byte (the verdict: the shell's exit status, an oops, a panic) and passes the keys on. Until the guest's shell
/// starts, the terminal stays as it is (Ctrl-C stops syscraft and the guest); from then on it is raw (Ctrl-C goes to
/// the guest) and Ctrl-A X leaves.
public struct ShellSession: Sendable {
    public enum Ending: Sendable, Equatable {
        /// `exit N` in the guest shell.
        case exited(Int)
        /// `poweroff` in the guest.
        case poweredOff
        /// Ctrl-A X.
        case left
        /// A panic, an oops, QEMU dying, a guest that never reached its shell.
        case failed(ConsoleScanner.Finding)
    }

    public var runner: QEMURunner
    public var accel: QEMURunner.Accel
    /// How long the guest may take to reach its shell.
    public var bootTimeout: Int

    public init(runner: QEMURunner, accel: QEMURunner.Accel, bootTimeout: Int) {
        self.runner = runner
        self.accel = accel
        self.bootTimeout = bootTimeout
    }

    public func run(terminal: Terminal) async throws(SyscraftError) -> (ending: Ending, outcome: BootOutcome) {
        let dir = NSTemporaryDirectory() + "syscraft-shell-\(getpid())"
        try CachePaths.makeDirectory(dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let socketPath = dir + "/console.sock"
        var runner = runner
        runner.serial = ["-chardev", "socket,id=con,path=\(socketPath),server=on,wait=on", "-serial", "chardev:con"]
        let command = Command(runner.profile.qemu, runner.arguments(accel: accel))
        let qemuLines = Mutex<[String]>([])
        let qemuDone = Atomic<Bool>(false)
        let qemu = Task {
            let outcome = try? await ProcessRunner.stream(command, timeout: nil) { line in
                qemuLines.withLock { $0.append(line) }
                return .continue
            }
            qemuDone.store(true, ordering: .releasing)
            return outcome
        }
        defer { qemu.cancel() }
        InterruptHandling.onExit { terminal.restore() }
        defer { terminal.restore() }

        // QEMU waits for us before it starts the guest: no byte of the console is lost.
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SyscraftError(.io, "cannot create a socket", hint: "check the system's limits") }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in socketPath.utf8.prefix(raw.count - 1).enumerated() { raw[i] = b }
        }
        let connectDeadline = ContinuousClock.now + .seconds(20)
        while true {
            let ok = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0 }
            }
            if ok { break }
            if qemuDone.load(ordering: .acquiring) || ContinuousClock.now > connectDeadline {
                let why = qemuLines.withLock { $0.last } ?? "QEMU did not open its console socket"
                return (.failed(.init(failure: .qemuFailed, line: why, hint: "check the QEMU command in the console log and that \(runner.profile.qemu) runs")), BootOutcome())
            }
            try? await Task.sleep(for: .milliseconds(20))
        }

        let state = Mutex(ConsoleFilter())
        let left = Atomic<Bool>(false)
        let stop = Atomic<Bool>(false)
        let madeRaw = Atomic<Bool>(false)
        // Keys to the guest. Ctrl-A X leaves; Ctrl-A Ctrl-A sends one Ctrl-A.
        let keys = Thread {
            var escape = false
            var buffer = [UInt8](repeating: 0, count: 256)
            while !stop.load(ordering: .acquiring) {
                var poller = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 100) > 0 else { continue }
                let n = read(0, &buffer, buffer.count)
                if n <= 0 { break }
                var out: [UInt8] = []
                for byte in buffer[0..<n] {
                    if escape {
                        escape = false
                        if byte == 0x78 || byte == 0x58 { left.store(true, ordering: .releasing); stop.store(true, ordering: .releasing); break }
                        out.append(byte)
                    } else if byte == 0x01, madeRaw.load(ordering: .acquiring) {
                        escape = true
                    } else {
                        out.append(byte)
                    }
                }
                if !out.isEmpty { _ = out.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } }
            }
        }
        keys.start()
        let bootDeadline = ContinuousClock.now + .seconds(bootTimeout)
        var buffer = [UInt8](repeating: 0, count: 4096)
        var timedOut = false
        while !stop.load(ordering: .acquiring) {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 100)
            if ready == 0 {
                if !state.withLock({ $0.interactive }) && ContinuousClock.now > bootDeadline { timedOut = true; break }
                continue
            }
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            let (show, interactive, finished) = state.withLock { filter in
                let show = filter.feed(Array(buffer[0..<n]))
                return (show, filter.interactive, filter.finished)
            }
            if interactive, !madeRaw.load(ordering: .acquiring) {
                terminal.makeRaw()
                madeRaw.store(true, ordering: .releasing)
            }
            if !show.isEmpty { _ = show.withUnsafeBytes { write(1, $0.baseAddress, $0.count) } }
            if finished { break }
        }
        stop.store(true, ordering: .releasing)
        qemu.cancel()
        _ = await qemu.value
        while !keys.isFinished { usleep(10_000) }
        terminal.restore()
        var outcome = state.withLock { $0.outcome }
        outcome.timedOut = timedOut
        if left.load(ordering: .acquiring) { return (.left, outcome) }
        if let d = outcome.console.diagnosis, d.failure == .oops || d.failure == .panic { return (.failed(d), outcome) }
        if let status = outcome.guest.exitStatus { return (.exited(status), outcome) }
        if state.withLock({ $0.poweredOff }) { return (.poweredOff, outcome) }
        let finding = outcome.failure ?? outcome.console.silentFailure(timedOut: timedOut, seconds: bootTimeout)
        return (.failed(finding), outcome)
    }
}
