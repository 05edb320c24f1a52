import Foundation
import Testing
@testable import SyscraftExec

@Suite struct ProcessRunnerTests {
    /// Running (not gone, not a zombie waiting for a reaper).
    static func alive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(close, offsetBy: 2)]
        return state != "Z" && state != "X"
    }

    @Test("captures merged output and the exit status")
    func capture() async throws {
        let r = try await ProcessRunner.capture(Command("sh", ["-c", "echo out; echo err >&2; exit 3"]))
        #expect(r.ending == .exited(3))
        #expect(r.output.contains("out") && r.output.contains("err"))
    }

    @Test("a timeout kills the whole process group, grandchildren included")
    func timeoutKillsGroup() async throws {
        let pidFile = NSTemporaryDirectory() + "syscraft-grandchild-\(getpid())"
        let start = ContinuousClock.now
        let outcome = try await ProcessRunner.stream(Command("sh", ["-c", "sleep 300 & echo $! > \(pidFile); wait"]), timeout: .milliseconds(500)) { _ in .continue }
        #expect(outcome.ending == .timedOut)
        #expect(ContinuousClock.now - start < .seconds(120), "the timeout did not stop the process")
        let pid = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        try await Task.sleep(for: .milliseconds(200))
        #expect(!Self.alive(pid), "the grandchild sleep survived the timeout")
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
