import Foundation
import SyscraftExec
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `--cc distcc` for real: a distccd on 127.0.0.1 (a free port, its own session, logging to a file), a body-only edit of
/// kstacksize.c in the demo's tree (brought to a built state first, whatever ran before), `syscraft build --cc distcc`
/// with DISTCC_HOSTS pointing at it, and proof from distccd's own log that it compiled the edited file. distccd is
/// stopped (its whole session) whatever happens, and nothing of it may be left: no process, no zombie, no listening
/// socket. Runs when SYSCRAFT_E2E=1.
@Suite(.serialized, .enabled(if: E2E.enabled))
struct DistccTests {

    /// A TCP port nobody listens on right now (bound to port 0 on loopback, then released).
    static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        try #require(bound == 0)
        let named = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        try #require(named == 0)
        return UInt16(bigEndian: addr.sin_port)
    }

    /// distccd's log lines, appended from ProcessRunner's reader.
    final class LineLog: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func append(_ line: String) { lock.withLock { lines.append(line) } }
        var text: String { lock.withLock { lines.joined(separator: "\n") } }
    }

    /// distccd in the foreground, started through syscraft's own ProcessRunner: its own session, and stopping the
    /// task kills its whole process group (the same teardown syscraft uses for make and qemu).
    final class Daemon: Sendable {
        let port: UInt16
        let task: Task<ProcessOutcome?, Never>
        private let lines: LineLog

        init(port: UInt16) throws {
            self.port = port
            let lines = LineLog()
            self.lines = lines
            let command = Command(try #require(ProcessRunner.which("distccd")), [
                "--no-detach", "--daemon", "--allow", "127.0.0.1", "--listen", "127.0.0.1",
                "--port", String(port), "--jobs", "2", "--log-level", "info", "--log-stderr",
            ])
            task = Task {
                try? await ProcessRunner.stream(command, timeout: .seconds(900)) { line in
                    lines.append(line)
                    return .continue
                }
            }
        }

        var log: String { lines.text }

        /// Cancels the run: ProcessRunner kills distccd's process group; waits until it has been reaped.
        func stop() async {
            task.cancel()
            _ = await task.value
        }
    }

    @Test("build --cc distcc after a body edit: distccd on 127.0.0.1 compiles kstacksize.c, and stops with the test")
    func distccBuild() async throws {
        try #require(ProcessRunner.which("distccd") != nil && ProcessRunner.which("distcc") != nil, "distcc is not installed (apt-get install distcc)")
        // The demo's tree, built as it is now: the edit below is then the only change the distcc build sees.
        try E2E.buildDemoTree()
        let source = E2E.tree + "/kernel/kstacksize.c"
        let original = try String(contentsOfFile: source, encoding: .utf8)
        try #require(original.contains("return THREAD_SIZE;"))

        let port = try Self.freePort()
        let (daemon, started) = try await ChildRegistry.recordingSessions { try Daemon(port: port) }
        var stopped = false
        defer { if !stopped { Task { await daemon.stop() } } }
        // Wait until it listens (it forks its workers first).
        var listening = false
        for _ in 0..<100 {
            if !ProcessTable.listeningInodes(port: port).isEmpty { listening = true; break }
            try await Task.sleep(for: .milliseconds(100))
        }
        // The daemon's task inherited the recorder: once distccd listens, its session is in it.
        let sessions = started.ids
        try #require(sessions.count == 1, "distccd's session: \(sessions)")
        try #require(listening, "distccd did not listen on 127.0.0.1:\(port): \(daemon.log)")

        // A body-only edit the compiler cannot see through (a fresh constant every run), so neither make nor ccache can skip it.
        let stamp = UInt32.random(in: 1...UInt32.max)
        let edited = original.replacingOccurrences(of: "return THREAD_SIZE;", with: "return THREAD_SIZE + 0 * \(stamp)UL; /* distcc test */")
        try edited.write(toFile: source, atomically: true, encoding: .utf8)
        defer { try? original.write(toFile: source, atomically: true, encoding: .utf8) }

        let run = try E2E.syscraft(
            ["build", "--tree", E2E.tree, "--cache-dir", E2E.cacheDir, "--cc", "distcc", "--json"],
            environment: ["DISTCC_HOSTS": "127.0.0.1:\(port)/2", "DISTCC_FALLBACK": "0", "DISTCC_SKIP_LOCAL_RETRY": "1"])
        #expect(run.status == 0, "build --cc distcc failed:\n\(run.output.suffix(3000))\ndistccd:\n\(daemon.log.suffix(2000))")
        let json = Data(run.stdout.utf8)
        let builds = (try JSONSerialization.jsonObject(with: json) as? [String: Any])?["builds"] as? [[String: String]]
        let compiled = Int(builds?.first?["compiled"] ?? "") ?? 0
        #expect(compiled >= 1 && compiled < 20, "a body-only edit should recompile about one object, compiled \(compiled)")

        // distccd logs one job summary per compilation it served; the edited file must be among them.
        var log = daemon.log
        for _ in 0..<20 where !log.contains("kstacksize") {
            try await Task.sleep(for: .milliseconds(100))
            log = daemon.log
        }
        #expect(log.contains("COMPILE_OK"), "distccd served no job:\n\(log.suffix(2000))")
        #expect(log.contains("kstacksize"), "distccd did not compile kernel/kstacksize.c:\n\(log.suffix(2000))")

        // No orphan: once stop() returns, nothing of distccd's session is left, its workers included, not even as
        // zombies, and its listening socket is closed. SIGKILL to a group is asynchronous: when the parent has been
        // reaped its workers may not have run their exit yet (still holding the socket, with an empty command line
        // once their memory is gone), and they are orphans. ProcessRunner's teardown kills and reaps them before it
        // returns, so this holds at once; were it not so, the bounded wait below would still name what was left.
        await daemon.stop()
        stopped = true
        let atOnce = await ProcessTable.awaitGone(sessions: sessions, ports: [port], within: .zero)
        let left = atOnce.isEmpty ? atOnce : await ProcessTable.awaitGone(sessions: sessions, ports: [port])
        #expect(atOnce.isEmpty, "the teardown returned before distccd's session was gone: \(atOnce); after a wait: \(left)")
    }
}
