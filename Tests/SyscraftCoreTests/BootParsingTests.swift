import Testing
@testable import SyscraftCore

@Suite struct GuestOutputTests {
    @Test("parses the guest's calls, programs and end marker through printk timestamps and \\r")
    func parsesGuest() {
        var p = GuestOutputParser()
        for line in [
            "[    0.512345] Run /init as init process",
            "KTAP version 1\r",
            "1..2",
            "# syscraft-call kstacksize nr=463 ret=16384 errno=0",
            "ok 1 kstacksize",
            "# | kstacksize: 16384",
            "# syscraft-program kstacksize_test exit=0",
            "ok 2 kstacksize_test",
            "# syscraft-done",
        ] { p.consume(line) }
        #expect(p.started)
        #expect(p.plan == 2)
        #expect(p.calls == [.init(name: "kstacksize", number: 463, returned: 16384, errno: 0)])
        #expect(p.programs == [.init(name: "kstacksize_test", exitStatus: 0, output: ["kstacksize: 16384"])])
        #expect(p.ktap.map(\.ok) == [true, true])
        #expect(p.done)
    }

    @Test("KTAP result lines with directives", arguments: [
        ("ok 1 foo", true, 1, "foo", nil),
        ("not ok 12 - bar baz # SKIP no hw", false, 12, "bar baz", "SKIP no hw"),
        ("    ok 3 nested", true, 3, "nested", nil),
    ] as [(String, Bool, Int, String, String?)])
    func resultLines(line: String, ok: Bool, number: Int, description: String, directive: String?) throws {
        let r = try #require(GuestOutputParser.parseResultLine(line))
        #expect(r.ok == ok && r.number == number && r.description == description && r.directive == directive)
    }

    @Test("rejects lines that only look like results", arguments: ["ok", "ok x", "not ok", "okay 1", "ok 99999999999999999999 x"])
    func rejects(line: String) {
        #expect(GuestOutputParser.parseResultLine(line) == nil)
    }

    @Test("fuzz: 20000 random and mutated console lines never crash and never invent a verdict")
    func fuzz() {
        var rng = SplitMix64(seed: 7)
        let seeds = FuzzCorpus.consoleSeeds
        let bytes: [Character] = Array("ok not#syscraft-call=nr ret errno[]0123456789.-|\r\t KTAPversion1..done\u{0}\u{7f}é")
        var parser = GuestOutputParser()
        var scanner = ConsoleScanner()
        for i in 0..<20000 {
            var line = seeds[i % seeds.count]
            for _ in 0..<Int.random(in: 0...4, using: &rng) {
                var chars = Array(line)
                let pos = chars.isEmpty ? 0 : Int.random(in: 0..<chars.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0 where !chars.isEmpty: chars.remove(at: pos)
                case 1: chars.insert(bytes.randomElement(using: &rng)!, at: pos)
                default: if !chars.isEmpty { chars[pos] = bytes.randomElement(using: &rng)! }
                }
                line = String(chars)
            }
            parser.consume(line)
            scanner.consume(line)
        }
        // A call is only recorded with all three numeric fields.
        for call in parser.calls { #expect(call.number >= Int.min && !call.name.isEmpty) }
        #expect(scanner.recent.count <= 25)
    }
}

enum FuzzCorpus {
    /// Seed lines kept in the repo (Fixtures/corpus/console.txt mirrors these).
    static let consoleSeeds = [
        "KTAP version 1", "1..3", "# syscraft-call kstacksize nr=463 ret=16384 errno=0", "ok 1 kstacksize",
        "not ok 2 kstacksize", "# | hello", "# syscraft-program t exit=1", "# syscraft-done",
        "[    1.234567] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)",
        "[    0.9] Oops: 0000 [#1] PREEMPT SMP", "BUG: kernel NULL pointer dereference, address: 0000000000000000",
        "Run /init as init process", "No working init found.  Try passing init= option to kernel.",
    ]
}

@Suite struct ConsoleScannerTests {
    @Test("recognises each boot failure with a hint", arguments: [
        ("Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)", ConsoleScanner.Failure.noRootFS),
        ("Kernel panic - not syncing: No working init found.  Try passing init= option to kernel.", .noInit),
        ("Oops: general protection fault, probably for non-canonical address", .oops),
        ("BUG: kernel NULL pointer dereference, address: 0000000000000008", .oops),
        ("Kernel panic - not syncing: Attempted to kill init! exitcode=0x0000000b", .panic),
        ("Unable to handle kernel paging request at virtual address dead000000000100", .oops),
    ])
    func classify(line: String, failure: ConsoleScanner.Failure) throws {
        let finding = try #require(ConsoleScanner.classify(line))
        #expect(finding.failure == failure)
        #expect(!finding.hint.isEmpty)
    }

    @Test("an oops is the diagnosis even when a panic follows")
    func oopsBeatsPanic() {
        var s = ConsoleScanner()
        s.consume("BUG: kernel NULL pointer dereference, address: 0")
        s.consume("Kernel panic - not syncing: Fatal exception")
        #expect(s.diagnosis?.failure == .oops)
    }

    @Test("silence and a stalled test are told apart")
    func silence() {
        #expect(ConsoleScanner().silentFailure(timedOut: true, seconds: 30).failure == .hang)
        var s = ConsoleScanner()
        s.consume("KTAP version 1")
        #expect(s.silentFailure(timedOut: true, seconds: 30).failure == .testNeverReported)
    }

    /// riscv virt on 6.1 without SIFIVE_PLIC: OpenSBI's banner, then the guest powers off with no console at all.
    @Test("a guest that stops with only firmware output is told it had no console")
    func noConsole() {
        var firmware = ConsoleScanner()
        for line in ["OpenSBI v1.1", "Boot HART ID              : 0", "Boot HART MEDELEG         : 0x0000000000f0b509"] { firmware.consume(line) }
        let silent = firmware.silentFailure(timedOut: false, seconds: 1)
        #expect(silent.failure == .testNeverReported && silent.hint.contains("serial console never came up"), "\(silent)")
        var started = ConsoleScanner()
        started.consume("KTAP version 1")
        #expect(!started.silentFailure(timedOut: false, seconds: 1).hint.contains("serial console"))
    }
}

@Suite struct VerdictTests {
    @Test("stock passes only on ENOSYS; patched fails on ENOSYS or a wrong value")
    func judge() {
        #expect(Verdict.judge(kernel: .stock, arch: "x86_64", returned: -1, errno: 38, expected: nil).passed)
        #expect(!Verdict.judge(kernel: .stock, arch: "x86_64", returned: 16384, errno: 0, expected: nil).passed)
        #expect(Verdict.judge(kernel: .patched, arch: "x86_64", returned: 16384, errno: 0, expected: 16384).passed)
        #expect(!Verdict.judge(kernel: .patched, arch: "x86_64", returned: 8192, errno: 0, expected: 16384).passed)
        #expect(!Verdict.judge(kernel: .patched, arch: "x86_64", returned: -1, errno: 38, expected: nil).passed)
        #expect(Verdict.judge(kernel: .patched, arch: "x86_64", returned: -1, errno: 22, expected: nil).passed)
    }

    @Test("ENOSYS is the arch's own number: mips 89, alpha 78 (seen on Debian 6.12's stock mips64el kernel: errno=89)")
    func enosysPerArch() {
        #expect(Verdict.enosys(arch: "x86_64") == 38 && Verdict.enosys(arch: "arm") == 38 && Verdict.enosys(arch: "s390x") == 38)
        #expect(Verdict.enosys(arch: "mips64el") == 89 && Verdict.enosys(arch: "mipsel") == 89)
        #expect(Verdict.enosys(arch: "alpha") == 78)
        #expect(Verdict.judge(kernel: .stock, arch: "mips64el", returned: -1, errno: 89, expected: nil).passed)
        #expect(!Verdict.judge(kernel: .stock, arch: "mips64el", returned: -1, errno: 38, expected: nil).passed)
        #expect(!Verdict.judge(kernel: .patched, arch: "alpha", returned: -1, errno: 78, expected: nil).passed)
        // errno 38 on alpha is ENOTSOCK, not ENOSYS: a patched alpha kernel answering it is not "not wired".
        #expect(Verdict.judge(kernel: .patched, arch: "alpha", returned: -1, errno: 38, expected: nil).passed)
        // The whole verdict from a guest's report: the mips64el stock boot's own line.
        let outcome = BootOutcome(log: "KTAP version 1\n1..1\n# syscraft-call kstacksize nr=5463 ret=-1 errno=89\nnot ok 1 kstacksize\n# syscraft-done\n")
        let e = Expectation(arch: "mips64el", numberKey: "mips/n64", calls: [.init(name: "kstacksize", number: 5463, returnsThreadSize: true)])
        let stock = Verdict.judge(outcome, kernel: .stock, config: KernelConfig.parse(""), expecting: e)
        #expect(stock.count == 1 && stock[0].passed, "\(stock)")
    }

    @Test("THREAD_SIZE follows the config", arguments: [
        ("x86_64", "", 16384), ("x86_64", "CONFIG_KASAN=y", 32768), ("i386", "", 8192), ("arm64", "", 16384),
        ("arm64", "CONFIG_ARM64_64K_PAGES=y\nCONFIG_VMAP_STACK=y", 65536), ("riscv64", "CONFIG_THREAD_SIZE_ORDER=2", 16384),
        ("riscv64", "CONFIG_THREAD_SIZE_ORDER=3", 32768),
    ])
    func threadSize(arch: String, config: String, expected: Int) {
        #expect(ThreadSize.expected(arch: arch, config: KernelConfig.parse(config)) == expected)
    }

    @Test("recognises the classic kstacksize body")
    func body() {
        #expect(ThreadSize.returnsThreadSize("SYSCALL_DEFINE0(kstacksize)\n{\n\treturn THREAD_SIZE;\n}\n"))
        #expect(!ThreadSize.returnsThreadSize("SYSCALL_DEFINE0(x)\n{\n\treturn 0;\n}\n"))
    }
}

@Suite struct KernelConfigTests {
    @Test("parses set, unset and string values; reports dropped options")
    func parse() {
        let c = KernelConfig.parse("CONFIG_A=y\n# CONFIG_B is not set\nCONFIG_C=\"x y\"\nCONFIG_D=0x10\ngarbage\n")
        #expect(c.value("A") == "y" && c.value("B") == "n" && c.value("C") == "\"x y\"" && c.value("D") == "0x10" && c.value("Z") == "n")
        let wanted = KernelConfig.parse("CONFIG_A=y\nCONFIG_B=y\n")
        #expect(wanted.dropped(in: c).map(\.name) == ["B"])
    }

    @Test("explains a dropped option by its unmet dependency, including enclosing if blocks")
    func explain() {
        var index: [String: [String]] = [:]
        KconfigIndex.dependencies(in: """
            config HYPERVISOR_GUEST
            \tbool "guest support"
            if HYPERVISOR_GUEST
            config PVH
            \tbool "Support for running PVH guests"
            endif
            config SERIAL_8250_CONSOLE
            \tbool "Console on 8250/16550"
            \tdepends on SERIAL_8250=y
            """, into: &index)
        let config = KernelConfig.parse("CONFIG_SERIAL_8250=n\n")
        #expect(KconfigIndex.explain("PVH", wanted: "y", got: "n", index: index, config: config).contains("depends on HYPERVISOR_GUEST"))
        #expect(KconfigIndex.explain("SERIAL_8250_CONSOLE", wanted: "y", got: "n", index: index, config: config).contains("SERIAL_8250=y"))
        #expect(KconfigIndex.explain("NOPE", wanted: "y", got: "n", index: index, config: config).contains("no such option"))
    }

    @Test("help text is prose: a line of it that starts with 'if' or 'depends on' is no dependency (init/Kconfig's LOCALVERSION_AUTO)")
    func helpTextIsNotADependency() {
        var index: [String: [String]] = [:]
        KconfigIndex.dependencies(in: """
            config LOCALVERSION_AUTO
            	bool "Automatically append version information to the version string"
            	default y
            	depends on !COMPILE_TEST
            	help
            	  This will try to automatically determine if the current tree is a
            	  release tree by looking for git tags that belong to the current
            	  top of tree revision.

            	  A string of the format -gxxxxxxxx will be added to the localversion
            	  if a git-based tree is found.  The string generated by this will be
            	  depends on nothing at all.

            config NAMESPACES
            	bool "Namespaces support" if EXPERT
            config NET_NS
            	bool "Network namespace"
            	depends on NET
            	help
            	  Allow user space to create what appear to be multiple instances
            	  of the network stack.
            """, into: &index)
        #expect(index["LOCALVERSION_AUTO"] == ["!COMPILE_TEST"])
        #expect(index["NAMESPACES"] == [])
        #expect(index["NET_NS"] == ["NET"])
        let explained = KconfigIndex.explain("NET_NS", wanted: "y", got: "n", index: index, config: KernelConfig.parse(""))
        #expect(explained.hasSuffix("it depends on NET, which is not set; add that to the config"), "\(explained)")
    }

    @Test("fuzz: 5000 mutated config and Kconfig texts parse without crashing")
    func fuzz() {
        var rng = SplitMix64(seed: 99)
        let pieces = ["CONFIG_", "=", "y", "# ", " is not set", "\n", "config ", "if ", "endif", "depends on ", "X", "_", "\"", "\t", "menu \"m\"", "endmenu"]
        for _ in 0..<5000 {
            let text = (0..<Int.random(in: 0...40, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let c = KernelConfig.parse(text)
            #expect(c.order.count == Set(c.order).count)
            var index: [String: [String]] = [:]
            KconfigIndex.dependencies(in: text, into: &index)
            _ = KconfigIndex.explain("X", wanted: "y", got: "n", index: index, config: c)
        }
    }
}

@Suite struct CpioTests {
    @Test("newc entries are 4-byte aligned and end with the trailer")
    func layout() {
        let bytes = CpioArchive(entries: [.directory("dev"), .file("init", [1, 2, 3])]).bytes()
        #expect(bytes.count % 512 == 0)
        let text = String(decoding: bytes.filter { $0 != 0 && $0 < 128 }, as: UTF8.self)
        #expect(text.hasPrefix("070701"))
        #expect(text.contains("TRAILER!!!"))
    }
}

@Suite struct GuestInitTests {
    @Test("only identifiers and safe file names reach the generated C")
    func sanitises() {
        let src = GuestInit.source(calls: [.init(name: "kstacksize", number: 463), .init(name: "evil\"); system(\"x", number: 1)],
                                   programs: ["ok_test", "../../etc/passwd", "a\"b"])
        #expect(src.contains("{ \"kstacksize\", 463 }"))
        #expect(!src.contains("evil"))
        #expect(src.contains("\"ok_test\""))
        #expect(!src.contains("passwd") && !src.contains("a\\\"b"))
    }
}
