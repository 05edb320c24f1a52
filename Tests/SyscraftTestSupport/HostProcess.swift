import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A child process for the tests: posix_spawn in a process group of its own, its output read with poll, and its end
/// learnt from a blocking `waitpid` on its own pid.
///
/// Foundation's `Process` is not used in the tests: on Linux it learns that a child ended from a SIGCHLD dispatch
/// source, and a child that exits at once (tmux's client after `new-session -d`) was seen to leave `waitUntilExit`
/// waiting forever on a zombie, which hung a CI run. `waitpid(pid)` cannot miss an exit, and every wait here has a
/// deadline after which the whole group is stopped (SIGTERM, then SIGKILL).
public final class HostProcess: @unchecked Sendable {
    public enum Output: Sendable {
        case capture
        case null
    }

    public struct Result: Sendable {
        public var status: Int32
        /// The signal that ended the process, if one did.
        public var signal: Int32?
        public var stdout: String
        public var stderr: String
        /// The deadline passed and the process was stopped.
        public var timedOut: Bool
        public var output: String { stdout + stderr }
    }

    public let pid: pid_t
    private var outFD: Int32
    private var errFD: Int32
    private var outData = Data()
    private var errData = Data()
    private var waitStatus: Int32?

    /// Starts `executable` (a path, or a name looked up in PATH) with `arguments`; stdin is /dev/null.
    public init(_ executable: String, _ arguments: [String] = [], environment: [String: String]? = nil, directory: String? = nil,
                stdout: Output = .capture, stderr: Output = .capture) throws {
        var path = executable.contains("/") ? executable : Self.which(executable) ?? executable
        var arguments = arguments
        if let directory {  // posix_spawn_file_actions_addchdir_np is not visible from Swift here: sh changes directory
            arguments = ["-c", "cd \"$0\" && exec \"$@\"", directory, path] + arguments
            path = "/bin/sh"
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGINT, SIGTERM, SIGCHLD, SIGPIPE, SIGHUP, SIGQUIT] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        var pipes: [Int32] = []
        func wire(_ fd: Int32, _ output: Output) throws -> Int32 {
            switch output {
            case .null:
                posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", O_WRONLY, 0)
                return -1
            case .capture:
                var p: [Int32] = [-1, -1]
                guard pipe(&p) == 0 else { throw POSIXError(.EMFILE) }
                for fd in p { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
                posix_spawn_file_actions_adddup2(&actions, p[1], fd)
                pipes.append(p[1])
                return p[0]
            }
        }
        outFD = -1
        errFD = -1
        do {
            outFD = try wire(1, stdout)
            errFD = try wire(2, stderr)
        } catch {
            for fd in pipes + [outFD] where fd >= 0 { close(fd) }
            throw error
        }
        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let argv = [path] + arguments
        var child: pid_t = 0
        let rc = Self.withCStrings(argv) { argvPointer in
            Self.withCStrings(env) { envPointer in posix_spawn(&child, path, &actions, &attributes, argvPointer, envPointer) }
        }
        for fd in pipes { close(fd) }
        guard rc == 0 else {
            if outFD >= 0 { close(outFD) }
            if errFD >= 0 { close(errFD) }
            throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .ENOENT)
        }
        pid = child
        for fd in [outFD, errFD] where fd >= 0 { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    }

    deinit {
        if waitStatus == nil {
            Glibc.kill(-pid, SIGKILL)
            Glibc.kill(pid, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
        }
        if outFD >= 0 { close(outFD) }
        if errFD >= 0 { close(errFD) }
    }

    /// Runs to its end (or `timeout` seconds) and returns its status and output.
    public static func run(_ executable: String, _ arguments: [String] = [], environment: [String: String]? = nil, directory: String? = nil,
                           stdout: Output = .capture, stderr: Output = .capture, timeout: Double = 600) throws -> Result {
        try HostProcess(executable, arguments, environment: environment, directory: directory, stdout: stdout, stderr: stderr).finish(timeout: timeout)
    }

    /// Sends `signal` to the process (not its group).
    public func kill(_ signal: Int32) { if waitStatus == nil { Glibc.kill(pid, signal) } }

    /// Reaps the process if it has ended, without waiting.
    public var isRunning: Bool {
        if waitStatus != nil { return false }
        drain(timeoutMilliseconds: 0)
        var status: Int32 = 0
        let reaped = waitpid(pid, &status, WNOHANG)
        if reaped == pid { waitStatus = status; return false }
        // Not ours to wait for any more (ECHILD): gone, with no status to report.
        if reaped == -1, errno != EINTR { waitStatus = 0x7f00 | 0; return false }
        return true
    }

    /// Reads its output until it ends or `timeout` passes (then its group gets SIGTERM and, 5 s later, SIGKILL);
    /// output that a descendant keeps writing after the process ended is not waited for.
    public func finish(timeout: Double = 600) -> Result {
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        var termSent: Date?
        while isRunning {
            if termSent == nil, Date() >= deadline {
                timedOut = true
                termSent = Date()
                Glibc.kill(-pid, SIGTERM)
                Glibc.kill(pid, SIGTERM)
            } else if let sent = termSent, Date().timeIntervalSince(sent) > 5 {
                Glibc.kill(-pid, SIGKILL)
                Glibc.kill(pid, SIGKILL)
            }
            drain(timeoutMilliseconds: 50)
        }
        // What it wrote before it ended is in the pipes: read it (a descendant holding a pipe open does not block).
        drain(timeoutMilliseconds: 0)
        let status = waitStatus ?? 0
        let signaled = (status & 0x7f) != 0 && (status & 0x7f) != 0x7f
        return Result(status: signaled ? 128 + (status & 0x7f) : (status >> 8) & 0xff, signal: signaled ? status & 0x7f : nil,
                      stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self), timedOut: timedOut)
    }

    /// Reads what is available on the pipes, waiting up to `timeoutMilliseconds` for the first bytes.
    private func drain(timeoutMilliseconds: Int32) {
        var fds = [outFD, errFD].filter { $0 >= 0 }.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        guard !fds.isEmpty else {
            if timeoutMilliseconds > 0 { usleep(UInt32(timeoutMilliseconds) * 1000) }
            return
        }
        guard poll(&fds, nfds_t(fds.count), timeoutMilliseconds) > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 65536)
        for fd in [outFD, errFD] where fd >= 0 {
            while true {
                let n = read(fd, &buffer, buffer.count)
                if n > 0 {
                    if fd == outFD { outData.append(contentsOf: buffer[..<n]) } else { errData.append(contentsOf: buffer[..<n]) }
                    continue
                }
                if n == 0 {  // EOF: every writer is gone
                    close(fd)
                    if fd == outFD { outFD = -1 } else { errFD = -1 }
                }
                break
            }
        }
    }

    public static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    private static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for p in pointers { free(p) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
