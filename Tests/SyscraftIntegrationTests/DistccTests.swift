import Foundation
import SyscraftExec
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `--cc distcc` for real: a distccd on 127.0.0.1 (a free port, its own session, logging to a file), a body-only edit of
/// kstacksize.c in the tree the demo tests left in SYSCRAFT_E2E_CACHE, `syscraft build --cc distcc` with
/// DISTCC_HOSTS pointing at it, and proof from distccd's own log that it compiled the edited file. distccd is stopped
/// (its whole process group) whatever happens. Runs when SYSCRAFT_E2E=1, after DemoEndToEndTests (scripts/test).
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["SYSCRAFT_E2E"] == "1"))
struct DistccTests {
    static var env: [String: String] { ProcessInfo.processInfo.environment }
    static var repoRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }
    static var binary: String { env["SYSCRAFT_BIN"] ?? repoRoot + "/.build/debug/syscraft" }
    static var cacheDir: String { env["SYSCRAFT_E2E_CACHE"] ?? NSTemporaryDirectory() + "syscraft-e2e" }
    static var tree: String { cacheDir + "/sources/linux-source-6.12" }


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

    static func canConnect(_ port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = port.bigEndian
        return withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    /// The pids of live (non-zombie) processes whose command line holds `needle` (for the no-orphan check).
    static func processes(matching needle: [String]) -> [Int32] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return entries.compactMap { Int32($0) }.filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !data.isEmpty,
                  let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")"), stat[stat.index(after: close)...].split(separator: " ").first != "Z"
            else { return false }
            let args = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return needle.allSatisfy { args.contains($0) }
        }
    }

    /// "pid state pgrp" from /proc/PID/stat, to say what a leftover process was doing.
    static func describe(_ pid: Int32) -> String {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else {
            return "\(pid) (gone)"
        }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return "\(pid) state \(fields.first ?? "?") ppid \(fields.dropFirst().first ?? "?") pgrp \(fields.dropFirst(2).first ?? "?")"
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

    struct Run {
        var status: Int32
        var output: String
    }

    static func syscraft(_ args: [String], environment: [String: String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = args
        process.environment = env.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    @Test("build --cc distcc after a body edit: distccd on 127.0.0.1 compiles kstacksize.c, and stops with the test")
    func distccBuild() async throws {
        try #require(ProcessRunner.which("distccd") != nil && ProcessRunner.which("distcc") != nil, "distcc is not installed (apt-get install distcc)")
        let source = Self.tree + "/kernel/kstacksize.c"
        let original = try #require(try? String(contentsOfFile: source, encoding: .utf8),
                                    "no \(source): run DemoEndToEndTests first (scripts/test does)")
        try #require(original.contains("return THREAD_SIZE;"))

        let port = try Self.freePort()
        let daemon = try Daemon(port: port)
        var stopped = false
        defer { if !stopped { Task { await daemon.stop() } } }
        // Wait until it listens (it forks its workers first).
        var listening = false
        for _ in 0..<100 {
            if Self.canConnect(port) { listening = true; break }
            try await Task.sleep(for: .milliseconds(100))
        }
        try #require(listening, "distccd did not listen on 127.0.0.1:\(port): \(daemon.log)")

        // A body-only edit the compiler cannot see through (a fresh constant every run), so neither make nor ccache can skip it.
        let stamp = UInt32.random(in: 1...UInt32.max)
        let edited = original.replacingOccurrences(of: "return THREAD_SIZE;", with: "return THREAD_SIZE + 0 * \(stamp)UL; /* distcc test */")
        try edited.write(toFile: source, atomically: true, encoding: .utf8)
        defer { try? original.write(toFile: source, atomically: true, encoding: .utf8) }

        let run = try Self.syscraft(
            ["build", "--tree", Self.tree, "--cache-dir", Self.cacheDir, "--cc", "distcc", "--json"],
            environment: ["DISTCC_HOSTS": "127.0.0.1:\(port)/2", "DISTCC_FALLBACK": "0", "DISTCC_SKIP_LOCAL_RETRY": "1"])
        #expect(run.status == 0, "build --cc distcc failed:\n\(run.output.suffix(3000))\ndistccd:\n\(daemon.log.suffix(2000))")
        let json = try #require(run.output.split(separator: "\n").drop { !$0.hasPrefix("{") }.joined(separator: "\n").data(using: .utf8))
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

        // No orphan: after stop(), no distccd for this port is left (workers included).
        // SIGKILL to the group is asynchronous: distccd's workers (same group) may still be exiting when the parent has
        // been reaped, so allow them a bounded few seconds to go; a worker that survives that is a real orphan.
        await daemon.stop()
        stopped = true
        var left = Self.processes(matching: ["--port", String(port)])
        for _ in 0..<50 where !left.isEmpty {
            try await Task.sleep(for: .milliseconds(100))
            left = Self.processes(matching: ["--port", String(port)])
        }
        #expect(left.isEmpty, "distccd left processes behind: \(left.map { Self.describe($0) })")
        #expect(!Self.canConnect(port), "something still listens on 127.0.0.1:\(port)")
    }
}
