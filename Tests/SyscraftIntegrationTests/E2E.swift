import Foundation
import SyscraftCore
import Synchronization
import SyscraftTestSupport
import Testing

/// What the end-to-end suites share: where the binary and the cache are, how to run `syscraft`, and the one state
/// the later suites start from, which each of them prepares itself (so no suite depends on the order scripts/test
/// runs them in).
enum E2E {
    static var env: [String: String] { ProcessInfo.processInfo.environment }
    static var enabled: Bool { env["SYSCRAFT_E2E"] == "1" }
    static var repoRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }
    static var binary: String { env["SYSCRAFT_BIN"] ?? repoRoot + "/.build/debug/syscraft" }
    static var cacheDir: String { env["SYSCRAFT_E2E_CACHE"] ?? NSTemporaryDirectory() + "syscraft-e2e" }
    /// The demo's tree: Debian's linux-source-6.12 unpacked into the cache.
    static var tree: String { cacheDir + "/sources/linux-source-6.12" }

    /// The arches the demo proves (x86_64 always; SYSCRAFT_E2E_ARCHES adds e.g. arm64, or `all`: every profile).
    static var arches: [String] {
        var list = ["x86_64"]
        for a in (env["SYSCRAFT_E2E_ARCHES"] ?? "").split(separator: ",").map(String.init) where !a.isEmpty {
            for name in a == "all" ? ArchProfile.all.map(\.name) : [a] where !list.contains(name) { list.append(name) }
        }
        return list
    }

    /// Arches whose kernel cannot be built from the demo's tree, Debian's 6.12.118, and the compiler's words that say
    /// why: its arch/alpha/mm/fault.c calls show_signal_msg(), which alpha does not define. The demo test checks that
    /// alpha's row says so; every other suite prepares and uses only the arches that build (`demoArches`).
    static let brokenOnDemoTree = ["alpha": "show_signal_msg"]
    static var demoArches: [String] { arches.filter { brokenOnDemoTree[$0] == nil } }

    /// kstacksize's answer per arch for syscraft's tinyconfig-based kernels (plumbing spec §6; no KASAN): ppc64le
    /// 1 << THREAD_SHIFT (15 for pseries); mips 4 KiB pages, order 2 on 64-bit and 1 on 32-bit; alpha two 8 KiB pages.
    static let threadSize = [
        "x86_64": 16384, "i386": 8192, "arm64": 16384, "riscv64": 16384,
        "arm": 8192, "ppc64le": 32768, "s390x": 16384, "mips64el": 16384, "mipsel": 8192, "alpha": 16384,
    ]

    /// The number userspace uses for kstacksize on Debian's 6.12: 463 in every table, alpha's +110, mips's ABI bases.
    static func number612(_ arch: String) -> Int {
        ["alpha": 573, "mips64el": 5463, "mipsel": 4463][arch] ?? 463
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        var output: String { stdout + stderr }
    }

    /// Runs the syscraft binary to its end, stopped (SIGTERM, then SIGKILL) after `timeout` seconds: no e2e test can
    /// hang CI (a cold build of both kernels of the demo for two arches takes about 8 minutes here).
    static func syscraft(_ args: [String], environment: [String: String] = [:], timeout: Double = 1500) throws -> Run {
        let r = try HostProcess.run(binary, args, environment: env.merging(environment) { $1 }, timeout: timeout)
        return Run(status: r.status, stdout: r.stdout, stderr: r.stderr + (r.timedOut ? "\n(e2e: stopped after \(Int(timeout))s)" : ""))
    }

    static func results(_ json: String) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return try #require(object?["results"] as? [[String: Any]])
    }

    private static let prepared = Mutex<Run?>(nil)

    /// The demo's state: the tree unpacked, kstacksize added, the stock and patched kernels built and booted for
    /// `arches`. `syscraft demo` makes it, and reuses all of it when it is there already (seconds); run once per test
    /// process. A suite that needs this state calls it first instead of trusting an earlier suite to have left it.
    @discardableResult
    static func prepareDemoState() throws -> Run {
        try prepared.withLock { done in
            if let done, done.status == 0 { return done }
            let run = try syscraft(["demo", "--json", "--cache-dir", cacheDir, "--arch", demoArches.joined(separator: ",")],
                                   timeout: Double(max(1500, 600 * demoArches.count)))
            try #require(run.status == 0, "preparing the demo state (syscraft demo) failed: \(run.stderr.suffix(3000))")
            done = run
            return run
        }
    }

    /// The demo's tree brought to a built state for x86_64 (an incremental `syscraft build`: nothing to do when the
    /// last build was of this tree as it is; after another suite's add and remove, the objects those changed).
    static func buildDemoTree() throws {
        try prepareDemoState()
        let run = try syscraft(["build", "--tree", tree, "--cache-dir", cacheDir, "--arch", "x86_64"])
        try #require(run.status == 0, "syscraft build of the demo tree failed: \(run.output.suffix(3000))")
    }
}
