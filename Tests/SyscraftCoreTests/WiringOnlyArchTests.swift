import Foundation
import Testing

@testable import SyscraftCore

/// `add --only-arch`: an arch-specific syscall, wired as upstream wired map_shadow_stack (6.6): every table numbers
/// it with its own entry point (powerpc's reserves it with sys_ni_syscall), kernel/sys_ni.c gets COND_SYSCALL, and
/// the implementation is built in the chosen arch's own directory only.
@Suite struct WiringOnlyArchTests {
    static let source = """
        // SPDX-License-Identifier: GPL-2.0
        #include <linux/syscalls.h>

        SYSCALL_DEFINE0(kshadow)
        {
        \treturn THREAD_SIZE;
        }
        """

    static func plan(_ tree: MemoryTree, _ options: AddOptions) throws -> WiringPlan {
        try WiringPlanner.planAdd(try SyscallSourceParser.parse(source), tree: tree, options: options)
    }

    /// Every table's new line has the fields of its map_shadow_stack line (name, number and entry point renamed):
    /// the same abi tag, the same entry point kind (sys_ni_syscall on powerpc), the same compat column.
    @Test(.enabled(if: DebianTrees.isAvailable("6.12"), "/usr/src/linux-source-6.12.tar.xz is absent: install linux-source-6.12"))
    func modelledOnMapShadowStack() throws {
        let tree = try DebianTrees.tree("6.12")
        let layout = try TreeLayout.detect(tree)
        let plan = try Self.plan(tree, AddOptions(onlyArch: ["x86_64"]))
        var compared = 0
        for table in layout.tables where table.format == .tbl {
            let old = try #require(tree.read(table.path))
            guard let upstream = TblTable.entries(old).first(where: { $0.name == "map_shadow_stack" }) else { continue }
            let added = plan.added(table.path)
            try #require(added.count == 1, "\(table.path): \(added)")
            let fields = ColumnStyle.split(added[0]).fields
            let model = ColumnStyle.split(TextLines(old).lines[upstream.line]).fields.map {
                $0.replacing("map_shadow_stack", with: "kshadow")
            }
            // Numbers: upstream's was the next free one of its day (453, alpha 563); ours is today's (463, 573).
            #expect(Int(fields[0]) == upstream.number + 10, "\(table.path)")
            #expect(Array(fields.dropFirst()) == Array(model.dropFirst()), "\(table.path): \(fields) vs upstream \(model)")
            compared += 1
        }
        #expect(compared == 17, "tables holding map_shadow_stack")
        #expect(plan.added("arch/powerpc/kernel/syscalls/syscall.tbl") == ["463\tcommon\tkshadow\t\t\t\tsys_ni_syscall"])
        // asm-generic's list names the entry point too (COND_SYSCALL makes it sys_ni_syscall where it is not built).
        #expect(plan.added("include/uapi/asm-generic/unistd.h").contains("__SYSCALL(__NR_kshadow, sys_kshadow)"))
        #expect(plan.added("kernel/sys_ni.c") == ["COND_SYSCALL(kshadow);"])
        #expect(plan.added("include/linux/syscalls.h") == ["asmlinkage long sys_kshadow(void);"])
        // Built on x86_64 only, from arch/x86/kernel (as shstk.c is); nothing in kernel/.
        #expect(plan.change("arch/x86/kernel/kshadow.c")?.old == nil)
        #expect(plan.added("arch/x86/kernel/Makefile") == ["obj-$(CONFIG_X86_64) += kshadow.o"])
        #expect(plan.change("kernel/Makefile") == nil && plan.change("kernel/kshadow.c") == nil)
        #expect(plan.onlyArch?.description == "x86_64")
        #expect(plan.warnings.contains { $0.contains("implemented on x86_64 only (arch/x86/kernel/kshadow.c)") })
        // And back, byte for byte.
        let added = plan.applied(to: tree)
        let back = try WiringPlanner.planRemove(name: "kshadow", tree: added, record: AddRecord(plan: plan)).applied(to: added)
        for change in plan.changes { #expect(back.read(change.path) == tree.read(change.path), "\(change.path)") }
    }

    @Test(.enabled(if: DebianTrees.isAvailable("6.1"), "/usr/src/linux-source-6.1.tar.xz is absent: install linux-source-6.1"))
    func placementAndRulesPerSelection() throws {
        let tree = try DebianTrees.tree("6.1")
        // One directory all of whose builds are chosen: obj-y in that arch's Makefile.
        let arm64 = try Self.plan(tree, AddOptions(onlyArch: ["arm64"]))
        #expect(arm64.added("arch/arm64/kernel/Makefile") == ["obj-y += kshadow.o"])
        #expect(arm64.change("arch/arm64/kernel/kshadow.c")?.old == nil)
        #expect(arm64.added("kernel/sys_ni.c") == ["COND_SYSCALL(kshadow);"])
        #expect(arm64.added("arch/powerpc/kernel/syscalls/syscall.tbl").first?.hasSuffix("sys_ni_syscall") == true)
        #expect(arm64.added("arch/x86/entry/syscalls/syscall_64.tbl") == ["451\tcommon\tkshadow\t\t\tsys_kshadow"])
        // x86_64 and i386 together are x86.
        let x86 = try Self.plan(tree, AddOptions(onlyArch: ["i386,x86_64"]))
        #expect(x86.added("arch/x86/kernel/Makefile") == ["obj-y += kshadow.o"])
        // Several directories: kernel/, one rule per arch symbol (no build sets two of them).
        let two = try Self.plan(tree, AddOptions(onlyArch: ["x86_64", "arm64"]))
        #expect(two.added("kernel/Makefile") == ["obj-$(CONFIG_X86_64) += kshadow.o", "obj-$(CONFIG_ARM64) += kshadow.o"])
        #expect(two.change("kernel/kshadow.c")?.old == nil)
        // powerpc chosen: its table gets the entry point like every other.
        let ppc = try Self.plan(tree, AddOptions(onlyArch: ["powerpc"]))
        #expect(ppc.added("arch/powerpc/kernel/syscalls/syscall.tbl").first?.hasSuffix("sys_kshadow") == true)
        #expect(ppc.added("arch/powerpc/kernel/Makefile") == ["obj-y += kshadow.o"])
        // With --config the option depends on the arches and gates the one rule; one COND_SYSCALL, not two.
        let gated = try Self.plan(tree, AddOptions(config: "KSHADOW_SYSCALL", onlyArch: ["x86_64", "arm64"]))
        #expect(gated.added("kernel/Makefile") == ["obj-$(CONFIG_KSHADOW_SYSCALL) += kshadow.o"])
        #expect(gated.added("init/Kconfig").contains("\tdepends on X86_64 || ARM64"))
        #expect(gated.added("kernel/sys_ni.c") == ["COND_SYSCALL(kshadow);"])
        for plan in [arm64, x86, two, ppc, gated] {
            let added = plan.applied(to: tree)
            let back = try WiringPlanner.planRemove(name: "kshadow", tree: added, record: AddRecord(plan: plan)).applied(to: added)
            for change in plan.changes { #expect(back.read(change.path) == tree.read(change.path), "\(change.path)") }
        }
    }

    @Test func refusals() throws {
        let tree = try TreeLoader.fixture("6.12")
        #expect(throws: SyscraftError.self) { try Self.plan(tree, AddOptions(onlyArch: ["vax"])) }
        do {
            _ = try Self.plan(tree, AddOptions(onlyArch: ["vax"]))
        } catch let error as SyscraftError {
            #expect(error.message.contains("no arch 'vax'") && error.hint?.contains("x86_64") == true)
        }
        do {
            _ = try Self.plan(tree, AddOptions(placement: .appendToSys, onlyArch: ["x86_64"]))
            Issue.record("--placement sys with --only-arch was accepted")
        } catch let error as SyscraftError {
            #expect(error.message.contains("kernel/sys.c is built everywhere") && error.hint == "drop --placement sys")
        }
        #expect(throws: SyscraftError.self) { try Self.plan(tree, AddOptions(onlyArch: [","])) }
    }

    @Test("an arch the syscall is not implemented on must answer ENOSYS on the patched kernel (real logs)")
    func verdict() throws {
        let call = Expectation.Call(name: "kstacksize", number: 463, returnsThreadSize: true, notImplemented: "arm64")
        let e = Expectation(arch: "x86_64", numberKey: "x86_64", calls: [call])
        let config = KernelConfig.parse("")
        let enosys = Verdict.judge(BootOutcome(log: try VerdictGoldenTests.log("x86_64-stock.log")), kernel: .patched, config: config, expecting: e)
        #expect(enosys.count == 1 && enosys[0].passed && enosys[0].expected == nil, "\(enosys)")
        let answered = Verdict.judge(BootOutcome(log: try VerdictGoldenTests.log("x86_64-patched.log")), kernel: .patched, config: config, expecting: e)
        #expect(answered.count == 1 && !answered[0].passed)
        #expect(answered[0].reason?.contains("implemented on arm64 only, but x86_64 answered 16384") == true, "\(answered)")
        // The stock kernel is judged as always.
        let stock = Verdict.judge(BootOutcome(log: try VerdictGoldenTests.log("x86_64-stock.log")), kernel: .stock, config: config, expecting: e)
        #expect(stock.count == 1 && stock[0].passed)
    }

    @Test func selectionCovers() throws {
        let arches = ["x86", "arm64", "riscv", "powerpc"]
        let x64 = try ArchSelection(parsing: ["x86_64"], treeArches: arches)
        #expect(x64.covers(arch: "x86_64", directory: "x86") && !x64.covers(arch: "i386", directory: "x86"))
        #expect(!x64.covers(arch: "arm64", directory: "arm64"))
        let x86 = try ArchSelection(parsing: ["x86"], treeArches: arches)
        #expect(x86.covers(arch: "i386", directory: "x86") && x86.covers(arch: "x86_64", directory: "x86"))
        let riscv = try ArchSelection(parsing: ["riscv64"], treeArches: arches)
        #expect(riscv.covers(arch: "riscv64", directory: "riscv") && riscv.symbols == ["RISCV"])
        #expect(riscv.reservesWithNi(tablePath: "arch/powerpc/kernel/syscalls/syscall.tbl"))
        #expect(!riscv.reservesWithNi(tablePath: "arch/sparc/kernel/syscalls/syscall.tbl"))
        #expect(!riscv.reservesWithNi(tablePath: "scripts/syscall.tbl"))
    }
}
