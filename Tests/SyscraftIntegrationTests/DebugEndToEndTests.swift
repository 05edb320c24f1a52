import Foundation
import Testing

/// `syscraft debug --break`: the debug-info build of the demo's tree, gdb on QEMU's stub, the breakpoint on the
/// added syscall's entry point hit while the guest runs kcall, the backtrace naming it. Runs when SYSCRAFT_E2E=1.
@Suite(.serialized, .enabled(if: E2E.enabled && FileManager.default.isExecutableFile(atPath: "/usr/bin/gdb")))
struct DebugEndToEndTests {
    @Test("debug --break kstacksize -- kcall kstacksize: the breakpoint hits, the backtrace names it, the command's status comes back")
    func breakOnTheAddedSyscall() throws {
        try E2E.prepareDemoState()
        let r = try E2E.syscraft(["debug", "--tree", E2E.tree, "--cache-dir", E2E.cacheDir, "--break", "kstacksize", "--", "kcall", "kstacksize"])
        #expect(r.status == 0, "\(r.status): \(r.stderr.suffix(3000))")
        #expect(r.stdout == "kstacksize = 16384\n", "\(r.stdout)")
        // Set on the entry point __x64_sys_kstacksize; gdb names the stop by the source line's function, the body
        // SYSCALL_DEFINE0 made (__do_sys_kstacksize, inlined into it), in the user's file.
        #expect(r.stderr.contains("gdb: Breakpoint 1 at ") && r.stderr.contains("gdb: Breakpoint 1, "), "\(r.stderr.suffix(3000))")
        let frames = r.stderr.split(separator: "\n").filter { $0.hasPrefix("gdb: #") }
        #expect(frames.first?.contains("sys_kstacksize") == true && frames.first?.contains("kernel/kstacksize.c") == true, "\(frames)")
        #expect(frames.contains { $0.contains("do_syscall_64") }, "the whole backtrace, through the frame pointers: \(frames)")
        // The kernel's scripts/gdb helpers are loaded: lx-version reads the banner from the guest's memory.
        #expect(r.stderr.contains("gdb: Linux version 6.12"), "\(r.stderr.suffix(2000))")
        #expect(!r.stderr.contains("never hit"))
        #expect(RunEndToEndTests.leftoverQemu().isEmpty)
    }
}
