import Foundation
import Testing

/// Every example in examples/ on the demo's tree (Debian's 6.12 with kstacksize added and built: the demo's state,
/// which the suite prepares itself): the other examples are added at once (one rebuild),
/// all example tests run in one boot, then the config-gated example is built out and must answer ENOSYS.
/// The examples are removed again at the end, so the tree is back to kstacksize only.
/// Runs when SYSCRAFT_E2E=1.
@Suite(.serialized, .enabled(if: E2E.enabled))
struct ExamplesEndToEndTests {
    /// (name, Kconfig option for `add --config`)
    static let added: [(String, String?)] = [("kinfo", nil), ("kstrlen", nil), ("kuptime", "KUPTIME_SYSCALL")]
    static let all = ["kstacksize"] + added.map(\.0)

    static func example(_ name: String, _ suffix: String) -> String { E2E.repoRoot + "/examples/\(name)/\(name)\(suffix)" }
    static func syscraft(_ args: [String]) throws -> E2E.Run {
        try E2E.syscraft(args + ["--tree", E2E.tree, "--cache-dir", E2E.cacheDir])
    }

    /// Arch-specific syscalls (`add --only-arch`, as map_shadow_stack): one implemented on x86_64 (built from
    /// arch/x86/kernel), one on arm64 only, which x86_64 numbers but must answer ENOSYS (its COND_SYSCALL stub).
    static let archSpecific: [(String, String)] = [("kshadow", "x86_64"), ("kforeign", "arm64")]

    static func removeExamples() {
        // Newest first: each add bumps the counts (__NR_syscalls) the previous one set.
        for name in (added.map(\.0) + archSpecific.map(\.0)).reversed() { _ = try? syscraft(["remove", name]) }
    }

    @Test("every example passes in the guest (one rebuild, one boot); the config-gated one answers ENOSYS with its option off")
    func examples() throws {
        try E2E.prepareDemoState()
        // An earlier run that was cut off may have left examples in the tree.
        Self.removeExamples()
        defer { Self.removeExamples() }
        for (name, config) in Self.added {
            let run = try Self.syscraft(["add", Self.example(name, ".c")] + (config.map { ["--config", $0] } ?? []))
            try #require(run.status == 0, "add \(name): \(run.stderr)")
        }
        let scratch = NSTemporaryDirectory() + "syscraft-only-arch-\(getpid())"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        for (name, arch) in Self.archSpecific {
            let file = scratch + "/\(name).c"
            try "#include <linux/syscalls.h>\n\nSYSCALL_DEFINE0(\(name))\n{\n\treturn THREAD_SIZE;\n}\n".write(toFile: file, atomically: true, encoding: .utf8)
            let run = try Self.syscraft(["add", file, "--only-arch", arch])
            try #require(run.status == 0, "add \(name) --only-arch \(arch): \(run.stderr)")
            #expect(run.stderr.contains("implemented on \(arch) only"), "\(run.stderr)")
        }

        // All example tests, one build, one boot per kernel (stock and patched).
        var start = Date()
        let tests = Self.all.flatMap { ["--test", Self.example($0, "_test.c")] }
        let on = try Self.syscraft(["test", "--json"] + tests)
        let onSeconds = Date().timeIntervalSince(start)
        #expect(on.status == 0, "test failed: \(on.stdout.suffix(4000)) \(on.stderr.suffix(2000))")
        let results = try E2E.results(on.stdout)
        for name in Self.all {
            let program = results.first { $0["test"] as? String == "\(name)_test.c" && $0["kernel"] as? String == "patched" }
            #expect(program?["passed"] as? Bool == true, "\(name)_test.c: \(program?["output"] ?? "no result")")
            #expect(program?["arch"] as? String == "x86_64")
            let stock = results.first { $0["test"] as? String == "\(name)_test.c" && $0["kernel"] as? String == "stock" }
            #expect(stock?["passed"] as? Bool == true, "\(name)_test.c must fail on the stock kernel: \(stock?["output"] ?? "no result")")
            let call = results.first { $0["syscall"] as? String == name && $0["kernel"] as? String == "patched" }
            #expect(call?["passed"] as? Bool == true, "\(name): \(call ?? [:])")
            #expect(call?["errno"] as? Int != 38)
        }
        // --only-arch: implemented where chosen, ENOSYS (and a pass) where not, on one and the same x86_64 kernel.
        let kshadow = results.first { $0["syscall"] as? String == "kshadow" && $0["kernel"] as? String == "patched" }
        #expect(kshadow?["passed"] as? Bool == true && kshadow?["return"] as? Int == 16384, "\(kshadow ?? [:])")
        let kforeign = results.first { $0["syscall"] as? String == "kforeign" && $0["kernel"] as? String == "patched" }
        #expect(kforeign?["passed"] as? Bool == true && kforeign?["errno"] as? Int == 38, "\(kforeign ?? [:])")
        #expect(kforeign?["number"] as? Int == (kshadow?["number"] as? Int).map { $0 + 1 }, "numbered on x86_64 all the same")
        let kinfo = results.first { $0["test"] as? String == "kinfo_test.c" && $0["kernel"] as? String == "patched" }
        #expect((kinfo?["output"] as? String)?.contains("thread_size=16384 page_size=4096") == true)
        let kstrlen = results.first { $0["test"] as? String == "kstrlen_test.c" && $0["kernel"] as? String == "patched" }
        #expect((kstrlen?["output"] as? String)?.contains("ok: unknown flag 0x2: EINVAL") == true)

        // The config-gated example built out: its COND_SYSCALL stub answers ENOSYS; the others still work.
        start = Date()
        let off = try Self.syscraft(["test", "--json", "--kconfig", "KUPTIME_SYSCALL=n"])
        let offSeconds = Date().timeIntervalSince(start)
        #expect(off.status == 0, "test --kconfig KUPTIME_SYSCALL=n failed: \(off.stdout.suffix(4000)) \(off.stderr.suffix(2000))")
        let offResults = try E2E.results(off.stdout)
        let kuptime = try #require(offResults.first { $0["syscall"] as? String == "kuptime" && $0["kernel"] as? String == "patched" })
        #expect(kuptime["return"] as? Int == -1)
        #expect(kuptime["errno"] as? Int == 38)
        #expect(kuptime["passed"] as? Bool == true)
        let kinfoOff = offResults.first { $0["syscall"] as? String == "kinfo" && $0["kernel"] as? String == "patched" }
        #expect(kinfoOff?["passed"] as? Bool == true && kinfoOff?["errno"] as? Int == 14, "kinfo(NULL) must answer EFAULT: \(kinfoOff ?? [:])")
        print("examples e2e: all examples \(String(format: "%.0f", onSeconds))s, KUPTIME_SYSCALL=n \(String(format: "%.0f", offSeconds))s")
    }
}
