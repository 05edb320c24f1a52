import Foundation
import SyscraftTestSupport
import Testing

/// `syscraft compare` on a real git checkout of Debian's 6.12: the sched-slow patch as an uncommitted change against
/// `--base HEAD` (a significant "slower" on wakeup latency, git status and stash list exactly as before), then the
/// change reverted and compared again (an A/A run: every metric "same"). Two CPUs per guest. Runs when SYSCRAFT_E2E=1.
@Suite(.serialized, .enabled(if: E2E.enabled))
struct CompareEndToEndTests {
    static let rounds = ProcessInfo.processInfo.environment["SYSCRAFT_E2E_COMPARE_RUNS"] ?? "8"

    /// A git checkout of the tarball (committed once, kept in the e2e cache for the next run).
    static func gitTree() throws -> String {
        let parent = E2E.cacheDir + "/compare-git"
        let tree = parent + "/linux-source-6.12"
        if FileManager.default.fileExists(atPath: tree + "/.git/syscraft-e2e-committed") {
            // A run cut short may have left the patch applied.
            _ = try host("git", ["-C", tree, "checkout", "--", "kernel/sched"])
            return tree
        }
        try? FileManager.default.removeItem(atPath: parent)
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let start = Date()
        // Debian's .gitignore ignores everything: add with -f, as a user tracking this tree would have to.
        let steps: [(String, [String])] = [
            ("tar", ["-xJf", "/usr/src/linux-source-6.12.tar.xz", "-C", parent]),
            ("git", ["-C", tree, "init", "-q"]),
            ("git", ["-C", tree, "-c", "core.looseCompression=0", "add", "-f", "-A", "."]),
            ("git", ["-C", tree, "-c", "user.name=syscraft", "-c", "user.email=e2e@syscraft.invalid", "commit", "-q", "-m", "linux-source-6.12"]),
        ]
        for (tool, args) in steps {
            let r = try host(tool, args)
            try #require(r.status == 0, "\(tool) \(args): \(r.stderr)")
        }
        // Only a tree committed whole is reused by the next run.
        #expect(FileManager.default.createFile(atPath: tree + "/.git/syscraft-e2e-committed", contents: Data()))
        print("compare e2e: unpacked and committed the tree in \(String(format: "%.1f", Date().timeIntervalSince(start)))s")
        return tree
    }

    static func host(_ executable: String, _ args: [String]) throws -> HostProcess.Result {
        try HostProcess.run(executable, args, timeout: 900)
    }

    static func compare(_ tree: String, _ extra: [String]) throws -> (run: E2E.Run, json: [String: Any], seconds: Double) {
        let start = Date()
        let r = try E2E.syscraft(["compare", "--tree", tree, "--cache-dir", E2E.cacheDir, "--arch", "x86_64", "--smp", "2", "--runs", rounds, "--json",
                                  "--bench", E2E.repoRoot + "/examples/sched-slow/schedbench.c"] + extra)
        let seconds = Date().timeIntervalSince(start)
        let json = (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) as? [String: Any] ?? [:]
        return (r, json, seconds)
    }

    static func metrics(_ json: [String: Any]) -> [String: [String: Any]] {
        var byName: [String: [String: Any]] = [:]
        for m in json["metrics"] as? [[String: Any]] ?? [] { byName[m["name"] as? String ?? ""] = m }
        return byName
    }

    static func summary(_ json: [String: Any]) -> String {
        (json["metrics"] as? [[String: Any]] ?? []).map { m in
            let ratio = (m["ratio"] as? Double).map { String(format: "%.2f", $0) } ?? "-"
            return "\(m["name"] ?? "?") \(m["verdict"] ?? "?") ratio \(ratio) p \(m["p"] ?? "?")"
        }.joined(separator: "; ")
    }

    @Test("sched-slow against --base HEAD: wakeup latency significantly slower, git untouched; reverted, an A/A run: every metric the same")
    func schedSlow() throws {
        let tree = try Self.gitTree()
        let patch = E2E.repoRoot + "/examples/sched-slow/0001-sched-slow.patch"
        #expect(try Self.host("git", ["-C", tree, "apply", patch]).status == 0)
        let status = try Self.host("git", ["-C", tree, "status", "--porcelain"]).stdout
        let stash = try Self.host("git", ["-C", tree, "stash", "list"]).stdout
        let head = try Self.host("git", ["-C", tree, "rev-parse", "HEAD"]).stdout
        #expect(status.contains("kernel/sched/fair.c") && status.contains("kernel/sched/features.h"), "\(status)")

        let svg = NSTemporaryDirectory() + "syscraft-compare-\(getpid()).svg"
        defer { try? FileManager.default.removeItem(atPath: svg) }
        let ab = try Self.compare(tree, ["--base", "HEAD", "--plot", svg, "--expect", "wakeup_p99:slower"])
        print("compare e2e: sched-slow vs HEAD in \(String(format: "%.1f", ab.seconds))s: \(Self.summary(ab.json)); round \(ab.json["round_seconds"] ?? "?")s")
        #expect(ab.run.status == 0, "\(ab.run.stdout.suffix(3000)) \(ab.run.stderr.suffix(3000))")
        let m = Self.metrics(ab.json)
        #expect(m["wakeup_p99"]?["verdict"] as? String == "slower" && m["wakeup_p50"]?["verdict"] as? String == "slower", "\(Self.summary(ab.json))")
        let names = Set(m.keys)
        #expect(names == Set(["pipe_trips", "wakeup_p50", "wakeup_p99", "messaging", "wall"]), "\(names)")
        let rounds = ab.json["rounds"] as? Int, cpus = ab.json["cpus"] as? Int
        #expect(rounds == Int(Self.rounds) && cpus == 2)
        let baseSide = m["wakeup_p99"]?["base"] as? [String: Any]
        #expect((baseSide?["samples"] as? [Double])?.count == Int(Self.rounds))
        #expect((try? String(contentsOfFile: svg, encoding: .utf8))?.contains("wakeup_p99") == true)
        // The user's repository: the same change, no stash, the same HEAD.
        #expect(try Self.host("git", ["-C", tree, "status", "--porcelain"]).stdout == status)
        #expect(try Self.host("git", ["-C", tree, "stash", "list"]).stdout == stash)
        #expect(try Self.host("git", ["-C", tree, "rev-parse", "HEAD"]).stdout == head)

        // A/A: the change reverted, the working tree is HEAD again; two separately built kernels of the same source.
        #expect(try Self.host("git", ["-C", tree, "checkout", "--", "kernel/sched"]).status == 0)
        let aa = try Self.compare(tree, ["--base", "HEAD"])
        print("compare e2e: A/A in \(String(format: "%.1f", aa.seconds))s: \(Self.summary(aa.json))")
        #expect(aa.run.status == 0, "\(aa.run.stdout.suffix(3000)) \(aa.run.stderr.suffix(3000))")
        #expect(!Self.metrics(aa.json).isEmpty && Self.metrics(aa.json).values.allSatisfy { $0["verdict"] as? String == "same" }, "\(Self.summary(aa.json))")
        #expect(try Self.host("git", ["-C", tree, "status", "--porcelain"]).stdout.isEmpty)
    }
}
