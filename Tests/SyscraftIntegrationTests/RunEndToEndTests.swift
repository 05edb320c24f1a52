import Foundation
import SyscraftTestSupport
import Testing

/// `syscraft run` on the demo's tree (Debian's 6.12 with kstacksize added and built): real boots of the busybox guest.
/// Runs when SYSCRAFT_E2E=1.
@Suite(.serialized, .enabled(if: E2E.enabled))
struct RunEndToEndTests {
    static func run(_ args: [String], arch: String = "x86_64") throws -> E2E.Run {
        try E2E.syscraft(["run", "--tree", E2E.tree, "--cache-dir", E2E.cacheDir, "--arch", arch, "-q"] + args)
    }

    /// QEMU processes booting one of this cache's busybox guests.
    static func leftoverQemu() -> [String] {
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.filter { $0.allSatisfy(\.isNumber) } ?? []
        return pids.compactMap { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let cmdline = String(decoding: data, as: UTF8.self).replacing("\u{0}", with: " ")
            return cmdline.contains("qemu-system") && cmdline.contains(E2E.cacheDir) && (cmdline.contains("/shell-") || cmdline.contains("-gdb")) ? "\(pid): \(cmdline)" : nil
        }
    }

    @Test("the command's exit status comes back (0, 1, 7), its output in order, kcall answers on both kernels")
    func statusesAndOutput() throws {
        try E2E.prepareDemoState()
        for (command, status) in [("true", 0), ("false", 1), ("exit 7", 7)] {
            let r = try Self.run(["--", command])
            #expect(r.status == Int32(status), "\(command): \(r.status)\n\(r.stderr.suffix(2000))")
        }
        let lines = try Self.run(["--", "for i in 1 2 3 4 5 6 7 8; do echo line$i; done; echo $((6*7))"])
        #expect(lines.status == 0 && lines.stdout == (1...8).map { "line\($0)\n" }.joined() + "42\n", "\(lines.stdout)\n\(lines.stderr.suffix(2000))")
        // Several words are a command and its arguments, each kept whole.
        let words = try Self.run(["--", "printf", "%s|", "a b", "it's"])
        #expect(words.stdout == "a b|it's|", "\(words.stdout)")

        let patched = try Self.run(["--", "kcall", "kstacksize"])
        #expect(patched.status == 0 && patched.stdout == "kstacksize = 16384\n", "\(patched.stdout)\n\(patched.stderr.suffix(2000))")
        let stock = try Self.run(["--kernel", "stock", "--", "kcall", "kstacksize"])
        #expect(stock.status == 1 && stock.stdout == "kstacksize = -1 ENOSYS (Function not implemented)\n", "\(stock.stdout)\n\(stock.stderr.suffix(2000))")
        // --kernel base: without --base, a tree with syscraft's syscalls has the stock kernel as its base.
        let base = try Self.run(["--kernel", "base", "--", "kcall", "kstacksize"])
        #expect(base.status == 1 && base.stdout == stock.stdout, "\(base.stdout)\n\(base.stderr.suffix(2000))")

        // compare: the added syscall's tree against its stock kernel, a workload that calls it (ENOSYS on stock).
        let c = try E2E.syscraft(["compare", "--tree", E2E.tree, "--cache-dir", E2E.cacheDir, "--arch", "x86_64", "-q", "--runs", "3", "--json", "--",
                                  "kcall kstacksize; echo metric calls 1 n higher"])
        #expect(c.status == 0, "\(c.stdout.suffix(2000)) \(c.stderr.suffix(2000))")
        let comparison = (try? JSONSerialization.jsonObject(with: Data(c.stdout.utf8))) as? [String: Any] ?? [:]
        let names = (comparison["metrics"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        let rounds = comparison["rounds"] as? Int, baseKernel = comparison["base_kernel"] as? String ?? ""
        #expect(names == ["calls", "wall"] && rounds == 3 && baseKernel.hasPrefix("stock"), "\(comparison)")

        // The tree's own kernel: the version its Makefile names.
        let makefile = try String(contentsOfFile: E2E.tree + "/Makefile", encoding: .utf8)
        func field(_ name: String) -> String {
            makefile.split(separator: "\n").first { $0.hasPrefix(name + " =") }.map { $0.split(separator: "=").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } ?? "?"
        }
        let version = try Self.run(["--", "cat", "/proc/version"])
        #expect(version.status == 0 && version.stdout.hasPrefix("Linux version \(field("VERSION")).\(field("PATCHLEVEL")).\(field("SUBLEVEL"))"), "\(version.stdout)")

        let json = try Self.run(["--json", "--", "echo hi; uname -m; exit 3"])
        #expect(json.status == 3)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json.stdout)")
        #expect(doc["exit"] as? Int == 3 && doc["output"] as? String == "hi\nx86_64\n" && doc["kernel"] as? String == "patched" && doc["arch"] as? String == "x86_64")
        #expect((doc["boot_s"] as? Double ?? 0) > 0)
        #expect(Self.leftoverQemu().isEmpty, "\(Self.leftoverQemu())")
    }

    @Test("a command that hangs is stopped at --timeout: exit 4, the diagnosis and the console's last lines, no QEMU left")
    func hangStoppedAtTimeout() throws {
        try E2E.prepareDemoState()
        let start = Date()
        let r = try Self.run(["--timeout", "10", "--", "echo before; sleep 1000"])
        let seconds = Date().timeIntervalSince(start)
        #expect(r.status == 4, "\(r.status): \(r.stderr.suffix(2000))")
        #expect(r.stdout == "before\n")
        #expect(r.stderr.contains("hang") && r.stderr.contains("--timeout") && r.stderr.contains("before"), "\(r.stderr.suffix(2000))")
        #expect(seconds < 45, "stopped after \(seconds)s")
        #expect(Self.leftoverQemu().isEmpty, "\(Self.leftoverQemu())")

        // compare: a workload that hangs stops the comparison at its first boot, exit 4, the round named, no QEMU left.
        let c = try E2E.syscraft(["compare", "--tree", E2E.tree, "--cache-dir", E2E.cacheDir, "--arch", "x86_64", "-q", "--runs", "2",
                                  "--timeout", "10", "--", "sleep 1000"])
        #expect(c.status == 4 && c.stderr.contains("round 1"), "\(c.status): \(c.stderr.suffix(2000))")
        #expect(Self.leftoverQemu().isEmpty, "\(Self.leftoverQemu())")
    }

    @Test("--file: a static program runs in the guest; a dynamically linked one is refused before anything boots")
    func files() throws {
        try E2E.prepareDemoState()
        let dir = NSTemporaryDirectory() + "syscraft-run-files-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "#include <stdio.h>\nint main(int c, char **v) { printf(\"hello from %s\\n\", v[0]); return 5; }\n"
            .write(toFile: dir + "/hello.c", atomically: true, encoding: .utf8)
        for (flags, name) in [(["-static"], "hello"), ([], "hello-dynamic")] {
            let gcc = try HostProcess.run("/usr/bin/gcc", flags + ["-o", dir + "/" + name, dir + "/hello.c"])
            try #require(gcc.status == 0, "\(gcc.stderr)")
        }
        let ok = try Self.run(["--file", dir + "/hello:/usr/local/bin/hello", "--", "hello"])
        #expect(ok.status == 5 && ok.stdout == "hello from hello\n", "\(ok.stdout)\n\(ok.stderr.suffix(1500))")
        let refused = try Self.run(["--file", dir + "/hello-dynamic", "--", "true"])
        #expect(refused.status == 2 && refused.stderr.contains("dynamically linked") && refused.stderr.contains("-static"), "\(refused.stderr)")
    }

    @Test("run --arch arm64 -- kcall kstacksize", .enabled(if: E2E.arches.contains("arm64")))
    func arm64() throws {
        try E2E.prepareDemoState()
        let r = try Self.run(["--", "kcall", "kstacksize"], arch: "arm64")
        #expect(r.status == 0 && r.stdout == "kstacksize = 16384\n", "\(r.stdout)\n\(r.stderr.suffix(2000))")
        let m = try Self.run(["--", "uname", "-m"], arch: "arm64")
        #expect(m.stdout == "aarch64\n")
    }
}
