import Foundation
import SyscraftTestSupport
import Testing

/// `--module` on the demo's tree (Debian's 6.12, built with modules): examples/memfs judged without, with and after
/// unloading it; modules that fail to compile, that reference an unknown symbol, that oops on load and that leak a
/// refcount each get their verdict and message; the user's module directory is never written. Runs when SYSCRAFT_E2E=1.
@Suite(.serialized, .enabled(if: E2E.enabled))
struct ModulesEndToEndTests {
    static func syscraft(_ args: [String]) throws -> E2E.Run {
        try E2E.syscraft(args + ["--tree", E2E.tree, "--cache-dir", E2E.cacheDir, "--arch", "x86_64"])
    }

    /// A scratch module directory: `name.c` and a Kbuild naming it.
    static func module(_ name: String, _ body: String) throws -> String {
        let dir = NSTemporaryDirectory() + "syscraft-module-\(getpid())/\(name)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "obj-m := \(name).o\n".write(toFile: dir + "/Kbuild", atomically: true, encoding: .utf8)
        try ("#include <linux/module.h>\n#include <linux/init.h>\n#include <linux/refcount.h>\n" + body + "\nMODULE_LICENSE(\"GPL\");\n")
            .write(toFile: dir + "/\(name).c", atomically: true, encoding: .utf8)
        return dir
    }

    /// Every file under `dir` with its bytes.
    static func snapshot(_ dir: String) -> [String: Data] {
        var files: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: dir)
        while let rel = walker?.nextObject() as? String { files[rel] = FileManager.default.contents(atPath: dir + "/" + rel) ?? Data() }
        return files
    }

    static func rows(_ json: String) throws -> [String: [String: Any]] {
        var byPhase: [String: [String: Any]] = [:]
        for r in try E2E.results(json) where r["module"] != nil { byPhase["\(r["module"] ?? "")/\(r["phase"] ?? "")"] = r }
        return byPhase
    }

    @Test("examples/memfs: without = fail (ENODEV), with = pass, unload = clean; the module directory is untouched; run --module mounts it")
    func memfs() throws {
        try E2E.prepareDemoState()
        // A copy of the example, so the check of its bytes is about this run alone.
        let dir = NSTemporaryDirectory() + "syscraft-memfs-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.copyItem(atPath: E2E.repoRoot + "/examples/memfs", toPath: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = Self.snapshot(dir)

        let start = Date()
        let r = try Self.syscraft(["test", "--json", "--module", dir, "--test", dir + "/memfs_test.c"])
        print("modules e2e: memfs test \(String(format: "%.1f", Date().timeIntervalSince(start)))s")
        #expect(r.status == 0, "\(r.stdout.suffix(3000)) \(r.stderr.suffix(2000))")
        let rows = try Self.rows(r.stdout)
        #expect(rows["memfs/without"]?["passed"] as? Bool == true && (rows["memfs/without"]?["output"] as? String)?.contains("No such device") == true, "\(rows)")
        #expect(rows["memfs/with"]?["passed"] as? Bool == true && (rows["memfs/with"]?["output"] as? String)?.contains("ok 20 - umount") == true, "\(rows)")
        #expect(rows["memfs/unload"]?["passed"] as? Bool == true, "\(rows)")
        #expect(rows.values.allSatisfy { $0["kernel"] as? String == "patched" && $0["arch"] as? String == "x86_64" })
        #expect(Self.snapshot(dir) == before, "the module directory changed")

        // run: loaded before the command, with a parameter.
        let run = try E2E.syscraft(["run", "-q", "--tree", E2E.tree, "--cache-dir", E2E.cacheDir, "--module", dir + ":max_inodes=8", "--",
                                    "mkdir -p /mnt && mount -t memfs none /mnt && echo hi > /mnt/f && cat /mnt/f && cat /sys/module/memfs/parameters/max_inodes"])
        #expect(run.status == 0 && run.stdout == "hi\n8\n", "\(run.stdout) \(run.stderr.suffix(2000))")
        #expect(Self.snapshot(dir) == before, "the module directory changed")
    }

    @Test("examples/pktcount: its kconfig builds a kernel with IPv4, netfilter and namespaces; without = fail, with = pass (loopback and veth counts), unload = clean")
    func pktcount() throws {
        try E2E.prepareDemoState()
        let dir = E2E.repoRoot + "/examples/pktcount"
        let before = Self.snapshot(dir)
        let start = Date()
        let r = try Self.syscraft(["test", "--json", "--module", dir, "--test", dir + "/pktcount_test.c"])
        print("modules e2e: pktcount test (its kernel built) \(String(format: "%.1f", Date().timeIntervalSince(start)))s")
        #expect(r.status == 0, "\(r.stdout.suffix(3000)) \(r.stderr.suffix(2000))")
        #expect(r.stderr.contains("with the modules' options (INET, IPV6, NAMESPACES, NET"), "\(r.stderr.suffix(2000))")
        let rows = try Self.rows(r.stdout)
        #expect(rows["pktcount/without"]?["passed"] as? Bool == true, "\(rows)")
        let with = rows["pktcount/with"]?["output"] as? String ?? ""
        #expect(rows["pktcount/with"]?["passed"] as? Bool == true && with.contains("udp: out +100 packets +12800 bytes, in +100 packets +12800 bytes")
                    && with.contains("ok 7 - two namespaces joined by veth"), "\(rows)")
        #expect(rows["pktcount/unload"]?["passed"] as? Bool == true, "\(rows)")
        // The syscall verdict still comes from the plain kernel, beside the module's.
        let results = try E2E.results(r.stdout)
        #expect(results.contains { $0["syscall"] as? String == "kstacksize" && $0["kernel"] as? String == "patched" && $0["passed"] as? Bool == true })
        #expect(Self.snapshot(dir) == before, "the module directory changed")

        // compare --module: the same kernel without and with the hooks, UDP over loopback as the workload.
        let compareStart = Date()
        let c = try Self.syscraft(["compare", "--json", "--runs", "4", "--module", dir, "--bench", dir + "/loopback_bench.c"])
        #expect(c.status == 0, "\(c.stdout.suffix(3000)) \(c.stderr.suffix(2000))")
        let json = (try? JSONSerialization.jsonObject(with: Data(c.stdout.utf8))) as? [String: Any] ?? [:]
        let metrics = json["metrics"] as? [[String: Any]] ?? []
        print("modules e2e: compare --module pktcount in \(String(format: "%.1f", Date().timeIntervalSince(compareStart)))s: "
              + metrics.map { "\($0["name"] ?? "?") \($0["verdict"] ?? "?") ratio \($0["ratio"] ?? "?")" }.joined(separator: "; "))
        #expect(Set(metrics.compactMap { $0["name"] as? String }) == ["udp_loopback", "udp_round_trip", "wall"], "\(metrics)")
        #expect(metrics.allSatisfy { ($0["base"] as? [String: Any])?["samples"] as? [Double] != nil && ($0["patched"] as? [String: Any])?["median"] as? Double != nil })
        #expect((json["base_kernel"] as? String)?.contains("without the module") == true && (json["patched_kernel"] as? String)?.contains("pktcount") == true, "\(json)")
        #expect(Self.snapshot(dir) == before, "the module directory changed")
    }

    @Test("examples/memfs on arm64: the module cross-built with the kernel's CROSS_COMPILE, the same three verdicts", .enabled(if: E2E.arches.contains("arm64")))
    func memfsArm64() throws {
        try E2E.prepareDemoState()
        let dir = E2E.repoRoot + "/examples/memfs"
        let r = try E2E.syscraft(["test", "--json", "--tree", E2E.tree, "--cache-dir", E2E.cacheDir, "--arch", "arm64",
                                  "--module", dir, "--test", dir + "/memfs_test.c"])
        #expect(r.status == 0, "\(r.stdout.suffix(3000)) \(r.stderr.suffix(2000))")
        let rows = try Self.rows(r.stdout)
        #expect(["without", "with", "unload"].allSatisfy { rows["memfs/\($0)"]?["passed"] as? Bool == true && rows["memfs/\($0)"]?["arch"] as? String == "arm64" }, "\(rows)")
    }

    @Test("a compile error names the user's file (exit 3); an unknown symbol is modpost's error (exit 3)")
    func buildErrors() throws {
        try E2E.prepareDemoState()
        let broken = try Self.module("kbroken", "static int __init b_init(void) { return undeclared_thing; }\nmodule_init(b_init);")
        let r = try Self.syscraft(["test", "--module", broken])
        #expect(r.status == 3, "\(r.status): \(r.stderr.suffix(2000))")
        #expect(r.stderr.contains(broken + "/kbroken.c:") && r.stderr.contains("error:") && !r.stderr.contains("/modules/kbroken-"), "\(r.stderr.suffix(2000))")
        #expect(!FileManager.default.fileExists(atPath: broken + "/kbroken.o"))

        let unknown = try Self.module("kunknown", "extern void syscraft_no_such_symbol(void);\nstatic int __init u_init(void) { syscraft_no_such_symbol(); return 0; }\nmodule_init(u_init);")
        let u = try Self.syscraft(["test", "--module", unknown])
        #expect(u.status == 3 && u.stderr.contains("syscraft_no_such_symbol") && u.stderr.contains("undefined"), "\(u.status): \(u.stderr.suffix(2000))")
    }

    @Test("a module that oopses on load fails with the oops; one that leaks a refcount fails its unload with the warning")
    func runtimeFailures() throws {
        try E2E.prepareDemoState()
        let oops = try Self.module("koops", "static int __init o_init(void) { *(volatile int *)0 = 1; return 0; }\nmodule_init(o_init);")
        let r = try Self.syscraft(["test", "--json", "--module", oops])
        #expect(r.status == 1, "\(r.status): \(r.stderr.suffix(2000))")
        let rows = try Self.rows(r.stdout)
        #expect(rows["koops/with"]?["passed"] as? Bool == false, "\(rows)")
        let reason = rows["koops/with"]?["reason"] as? String ?? ""
        #expect(reason.contains("insmod koops failed") && reason.contains("NULL pointer dereference"), "\(reason)")
        #expect(rows["koops/unload"]?["passed"] as? Bool == false, "\(rows)")

        // run --module: a module that refuses to load stops the guest before the command, with insmod's words: exit 4.
        let refuses = try Self.module("krefuse", "static int __init r_init(void) { return -ENODEV; }\nmodule_init(r_init);")
        let run = try E2E.syscraft(["run", "-q", "--tree", E2E.tree, "--cache-dir", E2E.cacheDir, "--module", refuses, "--", "echo never"])
        #expect(run.status == 4 && run.stdout.contains("insmod krefuse failed") && !run.stdout.contains("never"), "\(run.status): \(run.stdout) \(run.stderr.suffix(1500))")

        let leak = try Self.module("kleak", """
            static refcount_t count = REFCOUNT_INIT(1);
            static int __init l_init(void) { refcount_dec(&count); return 0; }
            static void __exit l_exit(void) { }
            module_init(l_init);
            module_exit(l_exit);
            """)
        let l = try Self.syscraft(["test", "--json", "--module", leak])
        #expect(l.status == 1, "\(l.status): \(l.stderr.suffix(2000))")
        let lrows = try Self.rows(l.stdout)
        #expect(lrows["kleak/with"]?["passed"] as? Bool == true, "\(lrows)")
        #expect(lrows["kleak/unload"]?["passed"] as? Bool == false && (lrows["kleak/unload"]?["reason"] as? String)?.contains("refcount_t") == true, "\(lrows)")
    }
}
