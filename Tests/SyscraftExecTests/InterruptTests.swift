import Foundation
import SyscraftExec
import SyscraftTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C (SIGINT) to the `syscraft` binary while it runs a build: exit 130, one line saying so, and nothing of the
/// session it started for make left behind (make and what make runs: no process, no zombie).
@Suite(.serialized, .enabled(if: CLI.binary != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/make"),
                           "needs the syscraft binary and make"))
struct InterruptTests {
    /// Live processes whose command line mentions `marker`.
    static func processes(mentioning marker: String) -> [Int32] {
        let pids = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { Int32($0) }
        return pids.filter { pid in
            guard pid != getpid(), let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            return String(decoding: data, as: UTF8.self).contains(marker)
        }
    }

    @Test("SIGINT during a build kills make and its children and exits 130", .timeLimit(.minutes(2)))
    func interruptedBuild() async throws {
        let s = try Scratch(era: "6.12", label: "sigint")
        defer { s.remove() }
        // A tree whose every make target runs a script that never ends (a cheap stand-in for a kernel build).
        try s.write("tree/hang.sh", "#!/bin/sh\nwhile :; do sleep 1; done\n")
        chmod(s.tree + "/hang.sh", 0o755)
        try s.write("tree/Makefile", "VERSION = 9\nPATCHLEVEL = 9\n%:\n\t\(s.tree)/hang.sh\n")

        let binary = try #require(CLI.binary)
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = s.base
        env["XDG_CACHE_HOME"] = s.base + "/xdg-cache"
        let process = try HostProcess(binary, ["build", "--tree", s.tree, "--cache-dir", s.cache, "--arch", "x86_64"], environment: env, stdout: .null)

        // Wait until make has started the script, then press Ctrl-C.
        let marker = s.tree + "/hang.sh"
        let deadline = Date().addingTimeInterval(60)
        while Self.processes(mentioning: marker).isEmpty, process.isRunning, Date() < deadline { usleep(100_000) }
        let script = try #require(Self.processes(mentioning: marker).first, "make never ran the build script")
        // The session syscraft started make in, read from the script's /proc/PID/stat.
        let session = try #require(ProcessTable.entry(script)?.session)
        #expect(session != getsid(0), "make must run in a session of its own")
        process.kill(SIGINT)
        let result = process.finish(timeout: 120)
        let stderr = result.stderr

        #expect(result.status == 130, "stderr: \(stderr)")
        #expect(stderr.contains("interrupted"), "stderr: \(stderr)")
        // syscraft killed and reaped the whole session before it exited; allow the check a bounded moment.
        let left = await ProcessTable.awaitGone(sessions: [session])
        #expect(left.isEmpty, "left behind: \(left)")
        for p in left.processes { kill(p.pid, SIGKILL) }
    }
}
