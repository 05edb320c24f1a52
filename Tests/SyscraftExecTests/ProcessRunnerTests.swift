import Foundation
import Testing
@testable import SyscraftExec

@Suite struct ProcessRunnerTests {
    @Test("captures merged output and the exit status")
    func capture() async throws {
        let r = try await ProcessRunner.capture(Command("sh", ["-c", "echo out; echo err >&2; exit 3"]))
        #expect(r.ending == .exited(3))
        #expect(r.output.contains("out") && r.output.contains("err"))
    }

    @Test("a timeout kills the whole session, grandchildren included, and reaps them: no process and no zombie is left")
    func timeoutKillsGroup() async throws {
        let pidFile = NSTemporaryDirectory() + "syscraft-grandchild-\(getpid())"
        let start = ContinuousClock.now
        let (outcome, started) = try await ChildRegistry.recordingSessions {
            try await ProcessRunner.stream(Command("sh", ["-c", "sleep 300 & echo $! > \(pidFile); wait"]), timeout: .milliseconds(500)) { _ in .continue }
        }
        #expect(outcome.ending == .timedOut)
        #expect(ContinuousClock.now - start < .seconds(120), "the timeout did not stop the process")
        let pid = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        let sessions = started.ids
        #expect(sessions.count == 1)
        // Checked at once: the teardown itself waits for the orphaned sleep to die and reaps it.
        let entry = ProcessTable.entry(pid)
        #expect(entry == nil || !sessions.contains(entry?.session ?? -1), "the grandchild is still there: \(entry.map { "\($0)" } ?? "")")
        let left = await ProcessTable.awaitGone(sessions: sessions, within: .zero)
        #expect(left.isEmpty, "left behind: \(left)")
    }

    @Test("a command that exits leaves nothing of its session behind: a background child is killed and reaped")
    func exitReapsStragglers() async throws {
        let (r, started) = try await ChildRegistry.recordingSessions {
            try await ProcessRunner.capture(Command("sh", ["-c", "sleep 300 >/dev/null & sleep 300 >/dev/null & echo started"]), timeout: .seconds(60))
        }
        #expect(r.ending == .exited(0))
        #expect(r.output == "started")
        let sessions = started.ids
        #expect(sessions.count == 1)
        let left = await ProcessTable.awaitGone(sessions: sessions, within: .zero)
        #expect(left.isEmpty, "left behind: \(left)")
    }

    /// distccd's shape: a parent that listens on a port and forks workers that share the socket; stopped by a timeout.
    @Test("a stopped daemon's forked workers are killed and reaped before the run returns: no zombie, the port closed",
          .enabled(if: ProcessRunner.which("python3") != nil, "needs python3"))
    func forkedWorkersReaped() async throws {
        let script = """
            import os, socket, sys, time
            s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
            for _ in range(3):
                if os.fork() == 0:
                    while True: time.sleep(60)
            print(s.getsockname()[1], flush=True)
            while True: time.sleep(60)
            """
        nonisolated(unsafe) var port: UInt16 = 0
        let (outcome, started) = try await ChildRegistry.recordingSessions {
            try await ProcessRunner.stream(Command("python3", ["-c", script]), timeout: .seconds(60)) { line in
                port = UInt16(line) ?? 0
                return .stop
            }
        }
        #expect(outcome.ending == .stoppedByCaller)
        try #require(port != 0)
        let left = await ProcessTable.awaitGone(sessions: started.ids, ports: [port], within: .zero)
        #expect(left.isEmpty, "left behind when the run returned: \(left)")
    }

    @Test("/proc/PID/stat lines parse, names with spaces and parentheses included; garbage does not")
    func statParsing() throws {
        let e = try #require(ProcessEntry(stat: "4242 (a (b) c) Z 1 4000 4000 0 -1 4194560 0 0 0 0"))
        #expect(e.pid == 4242 && e.name == "a (b) c" && e.state == "Z" && e.ppid == 1 && e.pgrp == 4000 && e.session == 4000)
        #expect(e.hasExited)
        for bad in ["", "42", "42 (x", "x (y) R 1 2 3", "42 (y) R 1 2", "42 (y) R a b c"] { #expect(ProcessEntry(stat: bad) == nil, "\(bad)") }
        let me = try #require(ProcessTable.entry(getpid()))
        #expect(me.pid == getpid() && me.ppid == getppid() && !me.hasExited)
    }

    @Test("a listening socket is found in /proc/net/tcp with the pid that holds it, and is gone once closed")
    func listenerHolders() async throws {
        // Close-on-exec, so that a child another test forks meanwhile does not keep a copy of it.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        try #require(fd >= 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        try #require(withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } } == 0)
        try #require(withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } } == 0)
        let port = UInt16(bigEndian: addr.sin_port)
        #expect(ProcessTable.listeningInodes(port: port).isEmpty, "bound but not listening yet")
        try #require(listen(fd, 1) == 0)
        let inodes = ProcessTable.listeningInodes(port: port)
        #expect(inodes.count == 1)
        #expect(ProcessTable.holders(of: inodes) == [getpid()])
        close(fd)
        // A fork in flight (between fork and exec) may hold a copy for a moment: the check waits, bounded.
        let left = await ProcessTable.awaitGone(sessions: [], ports: [port])
        #expect(left.isEmpty, "\(left)")
    }

    @Test("the line handler can stop the process as soon as it has what it needs")
    func stopEarly() async throws {
        nonisolated(unsafe) var seen: [String] = []
        let outcome = try await ProcessRunner.stream(Command("sh", ["-c", "echo one; echo done; sleep 300"]), timeout: .seconds(60)) { line in
            seen.append(line)
            return line == "done" ? .stop : .continue
        }
        #expect(outcome.ending == .stoppedByCaller)
        #expect(seen == ["one", "done"])
    }

    @Test("a missing executable is one clear error naming the fix")
    func missing() async {
        await #expect(throws: (any Error).self) {
            _ = try await ProcessRunner.capture(Command("syscraft-no-such-tool-xyz"))
        }
    }

    @Test("arguments are passed as argv, never through a shell")
    func argv() async throws {
        let r = try await ProcessRunner.capture(Command("printf", ["%s|", "a b", "$(touch /tmp/pwned-syscraft)", ";rm -rf /"]))
        #expect(r.output == "a b|$(touch /tmp/pwned-syscraft)|;rm -rf /|")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/pwned-syscraft"))
    }
}
