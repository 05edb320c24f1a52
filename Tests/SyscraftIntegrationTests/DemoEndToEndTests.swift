import Foundation
import SyscraftCore
import Testing

/// The real loop: Debian's linux-source-6.12 unpacked, built and booted in QEMU, through the `syscraft` binary.
/// Runs when SYSCRAFT_E2E=1 (scripts/test sets it, and CI runs scripts/test).
@Suite(.serialized, .enabled(if: E2E.enabled))
struct DemoEndToEndTests {
    @Test("demo --json: stock kernels answer ENOSYS, patched ones THREAD_SIZE (x86_64 16384)")
    func demo() throws {
        // Cold, each arch builds two kernels (about 3 minutes each here): the deadline grows with the matrix.
        let run = try E2E.syscraft(["demo", "--json", "--keep-going", "--cache-dir", E2E.cacheDir, "--arch", E2E.arches.joined(separator: ",")],
                                   timeout: Double(max(1500, 600 * E2E.arches.count)))
        // An arch the demo's tree cannot build (E2E.brokenOnDemoTree: alpha) is a row that names the compiler's error,
        // and every other arch passes; when Debian fixes the tree this expectation fails, and alpha joins the others.
        let brokenHere = E2E.arches.filter { E2E.brokenOnDemoTree[$0] != nil }
        #expect(run.status == (brokenHere.isEmpty ? 0 : 1), "demo failed: \(run.stderr.suffix(3000))")
        let results = try E2E.results(run.stdout)
        for arch in brokenHere {
            let row = results.first { $0["arch"] as? String == arch }
            #expect((row?["reason"] as? String)?.contains(E2E.brokenOnDemoTree[arch] ?? "?") == true, "\(arch): \(String(describing: row))")
        }
        for arch in E2E.demoArches {
            let stock = try #require(results.first { $0["kernel"] as? String == "stock" && $0["arch"] as? String == arch })
            let patched = try #require(results.first { $0["kernel"] as? String == "patched" && $0["arch"] as? String == arch })
            #expect(stock["syscall"] as? String == "kstacksize")
            #expect(stock["return"] as? Int == -1, "\(arch)")
            // The arch's own ENOSYS: 89 on mips (seen on the all-arch matrix), 38 on most.
            #expect(stock["errno"] as? Int == Verdict.enosys(arch: arch), "\(arch)")
            #expect(stock["passed"] as? Bool == true, "\(arch)")
            #expect(patched["return"] as? Int == E2E.threadSize[arch], "\(arch)")
            #expect(patched["passed"] as? Bool == true, "\(arch)")
            // Debian 6.12: every table's next free number is 463; userspace adds alpha's 110 and mips's ABI base.
            #expect(patched["number"] as? Int == E2E.number612(arch), "\(arch)")
            #expect(stock["number"] as? Int == E2E.number612(arch), "\(arch)")
        }
    }

    @Test("a second demo reuses the cache and compiles nothing")
    func warmDemo() throws {
        try E2E.prepareDemoState()
        let run = try E2E.syscraft(["demo", "--json", "--cache-dir", E2E.cacheDir, "--arch", E2E.demoArches.joined(separator: ",")])
        #expect(run.status == 0, "warm demo failed: \(run.stderr.suffix(3000))")
        #expect(!run.stderr.contains("unpacking"))
        #expect(!run.stderr.contains("building the stock"))
        let results = try E2E.results(run.stdout)
        #expect(results.contains { $0["kernel"] as? String == "patched" && $0["return"] as? Int == 16384 })
    }

    @Test("test --test FILE.c runs the user's program in the guest, on both kernels")
    func userTestProgram() throws {
        try E2E.prepareDemoState()
        let test = E2E.repoRoot + "/examples/kstacksize/kstacksize_test.c"
        let run = try E2E.syscraft(["test", "--tree", E2E.tree, "--cache-dir", E2E.cacheDir, "--test", test, "--json"])
        #expect(run.status == 0, "test failed: \(run.stdout.suffix(2000)) \(run.stderr.suffix(2000))")
        let results = try E2E.results(run.stdout)
        let patched = try #require(results.first { $0["test"] as? String == "kstacksize_test.c" && $0["kernel"] as? String == "patched" })
        #expect(patched["passed"] as? Bool == true)
        #expect((patched["output"] as? String)?.contains("kstacksize: 16384") == true)
        let stock = try #require(results.first { $0["test"] as? String == "kstacksize_test.c" && $0["kernel"] as? String == "stock" })
        #expect((stock["output"] as? String)?.contains("Function not implemented") == true)
    }
}
