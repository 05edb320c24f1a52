import CSyscraftShims
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One process, as `/proc/PID/stat` describes it.
public struct ProcessEntry: Sendable, Hashable, CustomStringConvertible {
    public var pid: Int32
    public var name: String
    /// R, S, D, Z (zombie: exited, waiting for its parent to reap it), ...
    public var state: Character
    public var ppid: Int32
    public var pgrp: Int32
    public var session: Int32

    /// Exited: it holds no memory and no file descriptors any more, only its slot in the process table.
    public var hasExited: Bool { state == "Z" || state == "X" }

    public var description: String {
        "pid \(pid) (\(name)) state \(state) ppid \(ppid) pgrp \(pgrp) session \(session)"
    }

    /// Parses one `/proc/PID/stat` line: `pid (comm) state ppid pgrp session ...`; comm may hold spaces and parentheses.
    public init?(stat: String) {
        guard let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")"), open < close,
              let pid = Int32(stat[..<open].trimmingCharacters(in: .whitespaces))
        else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count >= 4, let state = fields[0].first, let ppid = Int32(fields[1]), let pgrp = Int32(fields[2]),
              let session = Int32(fields[3])
        else { return nil }
        self.pid = pid
        self.name = String(stat[stat.index(after: open)..<close])
        self.state = state
        self.ppid = ppid
        self.pgrp = pgrp
        self.session = session
    }
}

/// What a run left behind: processes of its sessions, and listening sockets on ports it used.
public struct Leftovers: Sendable, CustomStringConvertible {
    public var processes: [ProcessEntry] = []
    /// A port still listening, with the pids whose file descriptors hold the socket (empty: held by none we can see).
    public var listeners: [(port: UInt16, holders: [Int32])] = []

    public var isEmpty: Bool { processes.isEmpty && listeners.isEmpty }

    public var description: String {
        guard !isEmpty else { return "nothing left" }
        let procs = processes.map { $0.description }
        let ports = listeners.map { l in
            "127.0.0.1:\(l.port) still listens" + (l.holders.isEmpty ? " (no process holds it)" : ", held by pid " + l.holders.map(String.init).joined(separator: ", "))
        }
        return (procs + ports).joined(separator: "; ")
    }
}

/// The process table read from /proc: the one place that finds what a run started (by session, never by command
/// line), kills and reaps what is left of it, and tells which pid still holds what.
///
/// Why reaping needs a subreaper: a process group killed with SIGKILL dies asynchronously. The session leader
/// (distccd's parent, make, qemu) is reaped by swift-subprocess, but its children are orphans the moment it dies and
/// are reparented to PID 1, which on some machines never reaps them (they stay `<defunct>` for good). Until such a
/// child has run its own exit it still holds what it inherited, a listening socket included, although its
/// command line already reads empty. syscraft makes itself a child subreaper, so those orphans come to it and
/// `sweep` reaps them.
public enum ProcessTable {
    /// Every process, from /proc/PID/stat (processes that vanish while being read are skipped).
    public static func all() -> [ProcessEntry] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return names.compactMap { name in
            guard Int32(name) != nil, let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8) else { return nil }
            return ProcessEntry(stat: stat)
        }
    }

    public static func entry(_ pid: Int32) -> ProcessEntry? {
        (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)).flatMap(ProcessEntry.init(stat:))
    }

    /// The processes of these sessions. `leaders: false` leaves out a process whose pid is one of the session ids:
    /// for the teardown, which runs once the leader (the child ProcessRunner started) has been reaped, such a
    /// process could only be a recycled pid, never to be killed.
    public static func members(of sessions: Set<Int32>, leaders: Bool = true) -> [ProcessEntry] {
        all().filter { sessions.contains($0.session) && (leaders || !sessions.contains($0.pid)) }
    }

    /// Makes this process the reaper of its descendants' orphans; done once, before the first child starts.
    static let subreaper: Bool = syscraft_become_child_subreaper() == 0

    /// One pass: SIGKILL every live member of the sessions, reap every exited one that is our child. Returns what is
    /// still there.
    @discardableResult
    static func sweep(_ sessions: Set<Int32>) -> [ProcessEntry] {
        let me = getpid()
        var left: [ProcessEntry] = []
        for p in members(of: sessions, leaders: false) {
            if !p.hasExited {
                kill(p.pid, SIGKILL)
                left.append(p)
            } else if p.ppid == me {
                var status: Int32 = 0
                if waitpid(p.pid, &status, WNOHANG) != p.pid { left.append(p) }
            } else {
                left.append(p)
            }
        }
        return left
    }

    /// Kills and reaps what is left of `sessions`, waiting up to `within` for it to go. Returns what is still there.
    public static func reap(_ sessions: Set<Int32>, within: Duration = .seconds(5)) async -> [ProcessEntry] {
        let deadline = ContinuousClock.now + within
        var left = sweep(sessions)
        while !left.isEmpty, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
            left = sweep(sessions)
        }
        return left
    }

    /// The same, for the signal handler (no async context there).
    public static func reapNow(_ sessions: Set<Int32>, within: Duration = .seconds(2)) -> [ProcessEntry] {
        let deadline = ContinuousClock.now + within
        var left = sweep(sessions)
        while !left.isEmpty, ContinuousClock.now < deadline {
            usleep(10_000)
            left = sweep(sessions)
        }
        return left
    }

    /// The socket inodes listening on `port` (TCP, IPv4 or IPv6), from /proc/net/tcp{,6}.
    public static func listeningInodes(port: UInt16) -> [String] {
        let hexPort = String(format: "%04X", port)
        return ["/proc/net/tcp", "/proc/net/tcp6"].flatMap { path -> [String] in
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
            return text.split(separator: "\n").dropFirst().compactMap { line in
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                let f = line.split(separator: " ", omittingEmptySubsequences: true)
                guard f.count > 9, f[1].hasSuffix(":" + hexPort), f[3] == "0A" else { return nil }
                return String(f[9])
            }
        }
    }

    /// The pids with a file descriptor on one of these socket inodes.
    public static func holders(of inodes: [String]) -> [Int32] {
        guard !inodes.isEmpty else { return [] }
        let targets = Set(inodes.map { "socket:[\($0)]" })
        return all().map(\.pid).filter { pid in
            let dir = "/proc/\(pid)/fd"
            guard let fds = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return false }
            return fds.contains { fd in
                (try? FileManager.default.destinationOfSymbolicLink(atPath: "\(dir)/\(fd)")).map(targets.contains) ?? false
            }
        }
    }

    /// Waits up to `within` until nothing of `sessions` is left (not even a zombie) and no socket listens on `ports`.
    /// Reaps nothing and kills nothing: this is the check of a teardown, not a teardown.
    public static func awaitGone(sessions: Set<Int32>, ports: [UInt16] = [], within: Duration = .seconds(5)) async -> Leftovers {
        let deadline = ContinuousClock.now + within
        while true {
            var left = Leftovers()
            left.processes = members(of: sessions)
            for port in ports {
                let inodes = listeningInodes(port: port)
                if !inodes.isEmpty { left.listeners.append((port, holders(of: inodes))) }
            }
            if left.isEmpty || ContinuousClock.now >= deadline { return left }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }
}
