import Foundation
import Testing

@testable import SyscraftCore

/// Wiring against the real Debian linux-source trees (only the needed files are unpacked).
@Suite(.serialized) struct WiringDebianTests {
    @Test(.enabled(if: DebianTrees.isAvailable("6.1"), "/usr/src/linux-source-6.1.tar.xz is absent: install linux-source-6.1"))
    func debian61() throws {
        let tree = try DebianTrees.tree("6.1")
        let layout = try TreeLayout.detect(tree)
        #expect(layout.era == .genericUnistd)
        let plan = try WiringPlanner.planAdd(try SyscallSourceParser.parse(kstacksizeSource), tree: tree)
        let expected: [String: Int] = [
            "x86_64": 451, "i386": 451, "arm64": 451, "riscv": 451, "arm": 451, "alpha": 561, "ia64": 1475,
            "mips/o32": 4451, "mips/n64": 5451, "mips/n32": 6451, "s390": 451, "powerpc": 451, "sparc": 451,
            "parisc": 451, "m68k": 451, "microblaze": 451, "sh": 451, "xtensa": 451, "loongarch": 451, "csky": 451,
        ]
        for (key, number) in expected { #expect(plan.numbers[key] == number, "\(key)") }
        #expect(plan.added("arch/x86/entry/syscalls/syscall_64.tbl") == ["451\tcommon\tkstacksize\t\tsys_kstacksize"])
        #expect(plan.added("arch/x86/entry/syscalls/syscall_32.tbl") == ["451\ti386\tkstacksize\t\tsys_kstacksize"])
        #expect(plan.added("arch/s390/kernel/syscalls/syscall.tbl") == ["451  common\tkstacksize\t\tsys_kstacksize\t\t\tsys_kstacksize"])
        #expect(plan.added("arch/alpha/kernel/syscalls/syscall.tbl").first?.hasPrefix("561\tcommon\tkstacksize\t") == true)
        // Set apart by a blank line, like every entry of asm-generic/unistd.h.
        let generic = try #require(plan.change("include/uapi/asm-generic/unistd.h")?.new)
        #expect(generic.contains("__SYSCALL(__NR_set_mempolicy_home_node, sys_set_mempolicy_home_node)\n\n#define __NR_kstacksize 451\n__SYSCALL(__NR_kstacksize, sys_kstacksize)\n\n#undef __NR_syscalls\n#define __NR_syscalls 452\n"))
        #expect(plan.added("arch/arm64/include/asm/unistd32.h") == ["#define __NR_kstacksize 451", "__SYSCALL(__NR_kstacksize, sys_kstacksize)"])
        #expect(plan.added("arch/arm64/include/asm/unistd.h") == ["#define __NR_compat_syscalls\t\t452"])
        #expect(plan.added("include/linux/syscalls.h") == ["asmlinkage long sys_kstacksize(void);"])
        #expect(plan.change("kernel/kstacksize.c")?.old == nil)
        #expect(plan.added("kernel/Makefile") == ["obj-y += kstacksize.o"])
        #expect(plan.change("kernel/sys_ni.c") == nil)
        // x86_64: right after 450, before the x32 block.
        let x64 = try #require(plan.change("arch/x86/entry/syscalls/syscall_64.tbl")?.new)
        #expect(x64.contains("set_mempolicy_home_node\n451\tcommon\tkstacksize\t\tsys_kstacksize\n\n#\n# Due to a historical"))
        for change in plan.changes { #expect(change.old == tree.read(change.path), "\(change.path)") }
        print(plan.unifiedDiff())
    }

    @Test(.enabled(if: DebianTrees.isAvailable("6.12"), "/usr/src/linux-source-6.12.tar.xz is absent: install linux-source-6.12"))
    func debian612() throws {
        let tree = try DebianTrees.tree("6.12")
        #expect(tree.symlinks["arch/arm64/tools/syscall_64.tbl"] == "scripts/syscall.tbl")
        let layout = try TreeLayout.detect(tree)
        #expect(layout.era == .syscallTbl)
        let plan = try WiringPlanner.planAdd(try SyscallSourceParser.parse(kstacksizeSource), tree: tree)
        for key in ["x86_64", "i386", "arm64", "riscv", "arm", "loongarch", "s390", "powerpc"] {
            #expect(plan.numbers[key] == 463, "\(key)")
        }
        #expect(plan.numbers["alpha"] == 573)
        #expect(plan.numbers["mips/o32"] == 4463)
        #expect(plan.added("scripts/syscall.tbl") == ["463\tcommon\tkstacksize\t\t\tsys_kstacksize"])
        #expect(plan.added("arch/arm64/tools/syscall_32.tbl").count == 1)
        #expect(plan.change("arch/arm64/tools/syscall_64.tbl") == nil)
        #expect(plan.change("arch/arm64/include/asm/unistd.h") == nil)
        // Prototypes are sorted by source file since 4.17: a new call goes last, before the arch-specific block.
        let header = try #require(plan.change("include/linux/syscalls.h")?.new)
        #expect(header.contains("u32 __user *size, u32 flags);\nasmlinkage long sys_kstacksize(void);\n\n/*\n * Architecture-specific"))
        let makefile = try #require(plan.change("kernel/Makefile")?.new)
        #expect(makefile.contains("obj-$(CONFIG_SCF_TORTURE_TEST) += scftorture.o\nobj-y += kstacksize.o\n\n"))
        for change in plan.changes { #expect(change.old == tree.read(change.path), "\(change.path)") }
        print(plan.unifiedDiff())
    }

    /// With --compat, each new compat line sits in the columns upstream uses for lines whose entry point starts
    /// at the same column (arm64's syscall_32.tbl pairs entry 40 with compat 64 but entry 48 with compat 80).
    @Test(arguments: ["6.1", "6.12"])
    func compatColumnsFollowUpstream(_ version: String) throws {
        guard DebianTrees.isAvailable(version) else { return }
        let tree = try DebianTrees.tree(version)
        let source = """
            #include <linux/syscalls.h>
            #include <linux/compat.h>

            SYSCALL_DEFINE1(kcompat, unsigned long __user *, out)
            {
            \treturn put_user(1UL, out);
            }

            COMPAT_SYSCALL_DEFINE1(kcompat, compat_ulong_t __user *, out)
            {
            \treturn put_user(1U, out);
            }
            """
        let plan = try WiringPlanner.planAdd(try SyscallSourceParser.parse(source), tree: tree, options: AddOptions(compat: true))
        var checked = 0
        for change in plan.changes where change.path.hasSuffix(".tbl") {
            guard let line = plan.added(change.path).first(where: { $0.hasSuffix("\tcompat_sys_kcompat") }) else { continue }
            let columns = ColumnStyle.fieldColumns(line)
            guard columns.count == 5 else { continue }
            let upstream = TblTable.entries(change.old ?? "").filter { $0.compatEntry != nil }
                .map { ColumnStyle.fieldColumns(TextLines(change.old ?? "").lines[$0.line]) }
            let sameEntry = upstream.filter { $0.count == 5 && $0[3] == columns[3] }
            guard !sameEntry.isEmpty else { continue }
            #expect(sameEntry.contains { $0[4] == columns[4] }, "\(change.path): compat at \(columns[4]) after entry at \(columns[3])")
            checked += 1
        }
        #expect(checked >= 5, "only \(checked) tables with compat lines were checked")
    }

    /// A syscall named after a macro of the headers every syscall includes would expand inside SYSCALL_DEFINE.
    @Test(arguments: ["6.1", "6.12"])
    func macroNamesRefused(_ version: String) throws {
        guard DebianTrees.isAvailable(version) else { return }
        let tree = try DebianTrees.tree(version)
        for (name, header) in [("current", "current.h:"), ("likely", "include/linux/compiler.h"), ("min", "include/linux/minmax.h")] {
            let source = try SyscallSourceParser.parse("#include <linux/syscalls.h>\n\nSYSCALL_DEFINE0(\(name))\n{\n\treturn 0;\n}\n")
            #expect(throws: SyscraftError.self) { try WiringPlanner.planAdd(source, tree: tree) }
            do { _ = try WiringPlanner.planAdd(source, tree: tree) } catch {
                #expect(error.kind == .badInput && error.message.contains("'\(name)' is a macro") && error.message.contains(header), "\(error)")
            }
        }
        // Names that are no macro stay allowed.
        #expect(KernelMacros.definition(of: "kstacksize", in: tree) == nil)
    }

    /// Upstream's cachestat (6.5) replayed onto Debian's 6.1: its two structs get forward declarations at the end of
    /// syscalls.h's declaration block, in the order Linux 6.12 has them; a struct declared already gets none.
    @Test(.enabled(if: DebianTrees.isAvailable("6.1") && DebianTrees.isAvailable("6.12"), "needs linux-source-6.1 and 6.12"))
    func forwardDeclarationsAsUpstream() throws {
        let tree = try DebianTrees.tree("6.1")
        let cachestat = try SyscallSourceParser.parse("""
            #include <linux/syscalls.h>

            SYSCALL_DEFINE4(cachestat, unsigned int, fd, struct cachestat_range __user *, cstat_range,
            \t\tstruct cachestat __user *, cstat, unsigned int, flags)
            {
            \treturn 0;
            }
            """)
        let plan = try WiringPlanner.planAdd(cachestat, tree: tree)
        let new = try #require(plan.change("include/linux/syscalls.h")?.new)
        let lines = TextLines(new).lines
        let at = try #require(lines.firstIndex(of: "struct cachestat_range;"))
        #expect(lines[at + 1] == "struct cachestat;")
        #expect(ForwardDeclarations.declared(by: lines[at - 1]) != nil, "right after the existing block: \(lines[at - 1])")
        #expect(lines[at + 2].isEmpty)
        // Linux 6.12 has the same two lines, in the same order, in the same block.
        let upstream = TextLines(try #require(try DebianTrees.tree("6.12").read("include/linux/syscalls.h"))).lines
        let u = try #require(upstream.firstIndex(of: "struct cachestat_range;"))
        #expect(upstream[u + 1] == "struct cachestat;")
        // A struct the header already declares (struct epoll_event) gets no second declaration.
        let epoll = try SyscallSourceParser.parse("#include <linux/syscalls.h>\n\nSYSCALL_DEFINE1(kepoll, struct epoll_event __user *, ev)\n{\n\treturn 0;\n}\n")
        let added = try WiringPlanner.planAdd(epoll, tree: tree).added("include/linux/syscalls.h")
        #expect(added == ["asmlinkage long sys_kepoll(struct epoll_event __user *ev);"])
    }

    /// The compat advice reads what the struct holds: upstream's struct-pointer syscalls of 6.5-6.10 (cachestat,
    /// statmount, listmount, lsm_get_self_attr) have no compat entry point, and syscraft advises none; a struct with a
    /// long-sized field, or one it cannot find, is named with the field or asked about.
    @Test(.enabled(if: DebianTrees.isAvailable("6.12"), "needs linux-source-6.12"))
    func compatAdviceFromStructs() throws {
        let tree = try DebianTrees.tree("6.12")
        func advice(_ params: String, _ n: Int) throws -> [String] {
            let text = "#include <linux/syscalls.h>\n\nSYSCALL_DEFINE\(n)(kprobe, \(params))\n{\n\treturn 0;\n}\n"
            return try WiringPlanner.planAdd(try SyscallSourceParser.parse(text), tree: tree).warnings.map(\.text).filter { $0.contains("struct") }
        }
        for params in ["struct cachestat_range __user *, r", "struct mnt_id_req __user *, req", "struct lsm_ctx __user *, ctx",
                       "struct __kernel_timespec __user *, ts"] {
            let got = try advice(params, 1)
            #expect(got.isEmpty, "\(params): \(got)")
        }
        let timeval = try advice("struct __kernel_old_timeval __user *, tv", 1)
        #expect(timeval.isEmpty, "a y2038 type known to be fixed: \(timeval)")
        let sched = try advice("struct sched_attr __user *, attr", 1)
        #expect(sched.isEmpty, "struct sched_attr holds only __u32/__s32/__u64: \(sched)")
        let unknown = try advice("struct nowhere_at_all __user *, p", 1)
        #expect(unknown.count == 1 && unknown[0].contains("could not read") && unknown[0].contains("?"), "\(unknown)")
        // A struct of the source itself with a long: the field is named.
        let own = try SyscallSourceParser.parse("""
            #include <linux/syscalls.h>

            struct kwide {
            \tunsigned long addr;
            \t__u32 flags;
            };

            SYSCALL_DEFINE1(kwide, struct kwide __user *, w)
            {
            \treturn 0;
            }
            """)
        let warnings = try WiringPlanner.planAdd(own, tree: tree).warnings
        #expect(warnings.contains { $0.contains("struct kwide, which holds 'unsigned long addr' (the source)") && $0.contains("--compat") }, "\(warnings)")
    }

    /// `table` on Linux 6.12: arm64/compat rows name the compat entry point 32-bit callers reach, and riscv32 is a view
    /// of scripts/syscall.tbl with the 32-bit tags (never a key of add's numbers).
    @Test(.enabled(if: DebianTrees.isAvailable("6.12"), "needs linux-source-6.12"))
    func tableCompatAndRiscv32() throws {
        let tree = try DebianTrees.tree("6.12")
        let ioctl = try SyscallTableReader.lookup(name: "ioctl", arch: nil, tree: tree)
        let compat = try #require(ioctl.first { $0.arch == "arm64/compat" })
        #expect(compat.number == 54 && compat.entry == "compat_sys_ioctl" && compat.compatEntry == "compat_sys_ioctl")
        #expect(ioctl.first { $0.arch == "arm64" }?.entry == "sys_ioctl")
        let all = try SyscallTableReader.lookup(name: nil, arch: "arm64/compat", tree: tree)
        let viaCompat = all.filter { $0.entry.hasPrefix("compat_sys_") }.count
        #expect(viaCompat > 80, "arm64/compat rows through a compat entry point: \(viaCompat)")
        #expect(all.allSatisfy { $0.compatEntry == nil || $0.entry == $0.compatEntry })

        let rv32 = try SyscallTableReader.lookup(name: nil, arch: "riscv32", tree: tree)
        let rv64 = try SyscallTableReader.lookup(name: nil, arch: "riscv", tree: tree)
        #expect(rv32.contains { $0.name == "clock_gettime64" && $0.number == 403 })
        #expect(!rv64.contains { $0.name == "clock_gettime64" })
        #expect(rv64.contains { $0.name == "setrlimit" } && !rv32.contains { $0.name == "setrlimit" })
        let plan = try WiringPlanner.planAdd(try SyscallSourceParser.parse(kstacksizeSource), tree: tree)
        #expect(plan.numbers["riscv32"] == nil && plan.numbers["riscv"] == 463)
    }
}
