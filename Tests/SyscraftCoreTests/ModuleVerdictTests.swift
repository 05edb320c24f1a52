import Foundation
import SyscraftTestSupport
import Testing

@testable import SyscraftCore

/// `--module`: its argument, the kernel-log scan, the module test's init script, and `Verdict.module` on real console
/// logs (Fixtures/consoles/x86_64-module-*.log).
@Suite struct ModuleVerdictTests {
    static func log(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/consoles/\(name)", withExtension: nil))
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test(arguments: [
        ("examples/memfs", "examples/memfs", [String]()),
        ("m:max_inodes=8", "m", ["max_inodes=8"]),
        ("dir:a=1,b=x y", "dir", ["a=1", "b=x y"]),
        ("a:b/c", "a:b/c", []),  // a colon in the path, no name=value after it
        ("/tmp/x:y:debug=1", "/tmp/x:y", ["debug=1"]),
        ("m:arr=1,2,3,debug=1", "m", ["arr=1,2,3", "debug=1"]),  // module_param_array values keep their commas
    ])
    func parsesModuleArguments(_ text: String, _ directory: String, _ parameters: [String]) throws {
        let spec = try ModuleSpec.parse(text)
        #expect(spec.directory == directory && spec.parameters == parameters)
    }

    @Test(arguments: ["", "m:1x=2", "m:=3"])
    func refusesBadModuleArguments(_ text: String) {
        #expect(throws: SyscraftError.self) { try ModuleSpec.parse(text) }
    }

    @Test("a directory without a colon is always the directory, whatever it holds")
    func directoriesRoundTrip() throws {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("abc/._-= ,x0")
        for _ in 0..<300 {
            let text = String((0..<Int.random(in: 1...20, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            #expect(try ModuleSpec.parse(text) == ModuleSpec(directory: text), "\(text)")
        }
    }

    @Test("the kernel log scan: each report with its lines, up to the next report or its end marker")
    func kernelLogProblems() {
        let lines = ["[    1.000000] memfs: loading out-of-tree module taints kernel.", "refcount_t: decrement hit 0; leaking memory.",
                     "WARNING: CPU: 0 PID: 22 at lib/refcount.c:31 0xffffffff810f805d", "Modules linked in: kleak(O+)",
                     "---[ end trace 0000000000000000 ]---", "all fine again", "[    2.5] BUG: kernel NULL pointer dereference, address: 0",
                     "#PF: supervisor write access in kernel mode"]
        let found = KernelLog.problems(in: lines)
        #expect(found.map(\.line) == ["refcount_t: decrement hit 0; leaking memory.", "WARNING: CPU: 0 PID: 22 at lib/refcount.c:31 0xffffffff810f805d",
                                      "BUG: kernel NULL pointer dereference, address: 0"])
        #expect(found[1].report == ["Modules linked in: kleak(O+)", "---[ end trace 0000000000000000 ]---"])
        #expect(found[2].report == ["#PF: supervisor write access in kernel mode"])
        #expect(KernelLog.problems(in: ["Linux version 6.12.118", "Run /init as init process", "memfs: loading out-of-tree module taints kernel."]).isEmpty)
        // A marker inside a message is not a report: only the start of a message counts; kmemleak's report, not its chatter.
        #expect(KernelLog.problems(in: ["mydrv: DEBUG: state 3", "usb: Oops, retrying", "kmemleak: Kernel memory leak detector initialized (mem pool available: 15783)",
                                        "kmemleak: 1 new suspected memory leaks (see /sys/kernel/debug/kmemleak)"]).map(\.line)
                == ["kmemleak: 1 new suspected memory leaks (see /sys/kernel/debug/kmemleak)"])
    }

    @Test("only the kernel log after the module test's mark is judged")
    func sinceTheMark() {
        let lines = ["WARNING: CPU: 0 PID: 1 at boot.c:1 during boot", KernelLog.mark, "memfs: loading out-of-tree module taints kernel."]
        #expect(Array(KernelLog.sinceMark(lines)) == ["memfs: loading out-of-tree module taints kernel."])
        #expect(KernelLog.problems(in: Array(KernelLog.sinceMark(lines))).isEmpty)
        #expect(Array(KernelLog.sinceMark(["a", "b"])) == ["a", "b"])
    }

    static let memfsTest = [("memfs_test.c", "memfs_test")]

    @Test("a real memfs run: without = fail (ENODEV), with = pass, unload = clean")
    func memfsPasses() throws {
        let outcome = BootOutcome(log: try Self.log("x86_64-module-memfs.log"))
        let rows = Verdict.module(outcome, arch: "x86_64", modules: ["memfs"], programs: Self.memfsTest)
        #expect(rows.map { $0.phase ?? "" } == ["without", "with", "unload"])
        #expect(rows.allSatisfy { $0.passed && $0.module == "memfs" && $0.kernel == .patched }, "\(rows.map(\.reason))")
        #expect(rows[0].output?.contains("No such device") == true)
        #expect(rows[1].output?.contains("ok 20 - umount") == true)
    }

    @Test("the same run judged against a program that passes without the module, or a module that is not the one loaded")
    func memfsMisjudged() throws {
        let text = try Self.log("x86_64-module-memfs.log")
        let passedWithout = BootOutcome(log: text.replacing("# syscraft-program without/memfs_test exit=1", with: "# syscraft-program without/memfs_test exit=0"))
        let rows = Verdict.module(passedWithout, arch: "x86_64", modules: ["memfs"], programs: Self.memfsTest)
        #expect(rows[0].passed == false && rows[0].reason?.contains("passed without memfs loaded") == true)
        let other = Verdict.module(BootOutcome(log: text), arch: "x86_64", modules: ["otherfs"], programs: Self.memfsTest)
        #expect(other[1].passed == false && other[1].reason?.contains("insmod otherfs") == true)
        #expect(other[2].passed == false && other[2].reason?.contains("rmmod otherfs") == true)
    }

    @Test("a refcount underflow: the module loads and unloads, and the kernel log fails the unload")
    func refcountFailsTheUnload() throws {
        let outcome = BootOutcome(log: try Self.log("x86_64-module-refcount.log"))
        let rows = Verdict.module(outcome, arch: "x86_64", modules: ["kleak"], programs: [])
        #expect(rows.map { $0.phase ?? "" } == ["with", "unload"])
        #expect(rows[0].passed)
        #expect(rows[1].passed == false && rows[1].reason?.contains("refcount_t: decrement hit 0") == true, "\(rows[1].reason ?? "")")
        #expect(rows[1].output?.contains("lib/refcount.c") == true)
    }

    @Test("a boot cut short: every step the guest never reported fails with the diagnosis")
    func cutShort() throws {
        let text = try Self.log("x86_64-module-memfs.log")
        let head = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(3).joined(separator: "\n") + "\n"
        let rows = Verdict.module(BootOutcome(log: head, timedOut: true, seconds: 30), arch: "x86_64", modules: ["memfs"], programs: Self.memfsTest)
        #expect(rows[0].passed)  // without ran and failed, as it must
        #expect(rows[1].passed == false && rows[1].reason?.contains("insmod memfs") == true)
        #expect(rows[2].passed == false)
    }

    @Test("the module test's script runs each step in order and reports it")
    func moduleTestScript() throws {
        let script = GuestShell.initScript(.moduleTest(programs: ["t1"]), modules: [GuestShell.Module(name: "m", parameters: ["a=1"])])
        #expect(script.contains("insmod /lib/modules/syscraft/m.ko a=1") && script.contains("rmmod m"))
        #expect(script.contains("echo \(KernelLog.mark) >/dev/kmsg"))
        // Stub the guest-only commands; the program's absolute path is missing here (127), which is a step result too.
        let stubbed = "mount() { :; }; hostname() { :; }; poweroff() { :; }; sync() { :; }; mkdir() { :; }; cd() { :; }\n"
            + "insmod() { printf \"loading $*\"; }; rmmod() { return 3; }; dmesg() { echo 'WARNING: CPU: 0 PID: 1 at x.c:1'; }\n"
            + script.split(separator: "\n").dropFirst().joined(separator: "\n").replacing(">/dev/kmsg", with: ">/dev/null")
        let run = try HostProcess.run("/bin/sh", ["-c", stubbed], timeout: 60)
        var parser = GuestOutputParser()
        for line in run.stdout.split(separator: "\n") { parser.consume(String(line)) }
        #expect(parser.programs.map(\.name) == ["without/t1", "insmod/m", "with/t1", "rmmod/m", "dmesg/kernel"], "\(run.stdout)")
        #expect(parser.programs.map(\.exitStatus) == [127, 0, 127, 3, 0])
        #expect(parser.programs[1].output == ["loading /lib/modules/syscraft/m.ko a=1"])
        #expect(parser.done)
        let rows = Verdict.module(BootOutcome(log: run.stdout), arch: "x86_64", modules: ["m"], programs: [("t1.c", "t1")])
        #expect(rows.map(\.passed) == [true, false, false])
        #expect(rows[2].reason?.contains("rmmod m failed (exit 3)") == true)
    }
}
