import Foundation
import Testing

@testable import SyscraftCore

/// Wiring on the synthetic era fixtures (Fixtures/eras, written by generate.py).
@Suite struct WiringEraTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var era: String
        var layout: TreeLayout.Era
        var numbers: [String: Int]
        var files: Set<String>
        var testDescription: String { era }
    }

    static let common: Set<String> = ["kernel/kstacksize.c", "kernel/Makefile", "include/linux/syscalls.h"]

    static let cases: [Case] = [
        Case(
            era: "2.6.25", layout: .x86AsmHeaders, numbers: ["i386": 327, "x86_64": 288],
            files: common.union([
                "arch/x86/kernel/syscall_table_32.S", "arch/x86/ia32/ia32entry.S", "include/asm-x86/unistd_32.h",
                "include/asm-x86/unistd_64.h",
            ])),
        Case(
            era: "3.2", layout: .x86ArchHeaders, numbers: ["i386": 349, "x86_64": 312],
            files: common.union([
                "arch/x86/kernel/syscall_table_32.S", "arch/x86/ia32/ia32entry.S", "arch/x86/include/asm/unistd_32.h",
                "arch/x86/include/asm/unistd_64.h",
            ])),
        Case(
            era: "4.1", layout: .x86SyscallsTbl, numbers: ["i386": 359, "x86_64": 323, "x32": 0x4000_0000 + 323, "arm64": 282, "arm64/compat": 388],
            files: common.union([
                "arch/x86/syscalls/syscall_64.tbl", "arch/x86/syscalls/syscall_32.tbl", "include/uapi/asm-generic/unistd.h",
                "arch/arm64/include/asm/unistd32.h", "arch/arm64/include/asm/unistd.h",
            ])),
        Case(
            era: "4.14", layout: .x86EntryTbl, numbers: [
                "i386": 385, "x86_64": 333, "x32": 0x4000_0000 + 333, "arm64": 292, "arm64/compat": 398, "arm": 398,
            ],
            files: common.union([
                "arch/x86/entry/syscalls/syscall_64.tbl", "arch/x86/entry/syscalls/syscall_32.tbl",
                "include/uapi/asm-generic/unistd.h", "arch/arm64/include/asm/unistd32.h", "arch/arm64/include/asm/unistd.h",
                "arch/arm/tools/syscall.tbl",
            ])),
        Case(
            era: "5.4", layout: .prefixedEntryPoints,
            numbers: [
                "i386": 436, "x86_64": 436, "x32": 0x4000_0000 + 436, "arm64": 436, "arm64/compat": 436, "arm": 436, "mips/o32": 4436, "mips/n32": 6436,
                "mips/n64": 5436, "alpha": 546, "ia64": 1460, "s390": 436,
            ],
            files: common.union([
                "arch/x86/entry/syscalls/syscall_64.tbl", "arch/x86/entry/syscalls/syscall_32.tbl",
                "include/uapi/asm-generic/unistd.h", "arch/arm64/include/asm/unistd32.h", "arch/arm64/include/asm/unistd.h",
                "arch/arm/tools/syscall.tbl", "arch/mips/kernel/syscalls/syscall_o32.tbl",
                "arch/mips/kernel/syscalls/syscall_n32.tbl", "arch/mips/kernel/syscalls/syscall_n64.tbl",
                "arch/alpha/kernel/syscalls/syscall.tbl", "arch/ia64/kernel/syscalls/syscall.tbl",
                "arch/s390/kernel/syscalls/syscall.tbl",
            ])),
        Case(
            era: "6.1", layout: .genericUnistd,
            numbers: [
                "x86_64": 451, "x32": 0x4000_0000 + 451, "i386": 451, "arm64": 451, "arm64/compat": 451, "riscv": 451, "loongarch": 451,
                "arm": 451, "alpha": 561,
                "ia64": 1475, "mips/o32": 4451, "mips/n64": 5451, "mips/n32": 6451, "powerpc": 451,
            ],
            files: common.union([
                "arch/x86/entry/syscalls/syscall_64.tbl", "arch/x86/entry/syscalls/syscall_32.tbl",
                "include/uapi/asm-generic/unistd.h", "arch/arm64/include/asm/unistd32.h", "arch/arm64/include/asm/unistd.h",
                "arch/arm/tools/syscall.tbl", "arch/mips/kernel/syscalls/syscall_o32.tbl",
                "arch/mips/kernel/syscalls/syscall_n32.tbl", "arch/mips/kernel/syscalls/syscall_n64.tbl",
                "arch/alpha/kernel/syscalls/syscall.tbl", "arch/ia64/kernel/syscalls/syscall.tbl",
                "arch/powerpc/kernel/syscalls/syscall.tbl",
            ])),
        Case(
            era: "6.12", layout: .syscallTbl,
            numbers: [
                "x86_64": 463, "x32": 0x4000_0000 + 463, "i386": 463, "arm64": 463, "arm64/compat": 463, "riscv": 463, "csky": 463,
                "alpha": 573,
            ],
            files: common.union([
                "arch/x86/entry/syscalls/syscall_64.tbl", "arch/x86/entry/syscalls/syscall_32.tbl", "scripts/syscall.tbl",
                "arch/arm64/tools/syscall_32.tbl", "include/uapi/asm-generic/unistd.h",
                "arch/alpha/kernel/syscalls/syscall.tbl",
            ])),
    ]

    @Test(arguments: cases) func numbersAndFiles(_ c: Case) throws {
        let tree = try TreeLoader.fixture(c.era)
        #expect(try TreeLayout.detect(tree).era == c.layout)
        let plan = try WiringPlanner.planAdd(try SyscallSourceParser.parse(kstacksizeSource), tree: tree)
        #expect(plan.numbers == c.numbers)
        #expect(Set(plan.changes.map(\.path)) == c.files)
        for change in plan.changes { #expect(change.old == tree.read(change.path), "\(change.path)") }
    }

    @Test(arguments: cases) func addThenRemoveIsByteIdentical(_ c: Case) throws {
        let tree = try TreeLoader.fixture(c.era)
        let source = try SyscallSourceParser.parse(kstacksizeSource)
        for options in [AddOptions(), AddOptions(placement: .appendToSys, config: "KSTACKSIZE_SYSCALL")] {
            let plan = try WiringPlanner.planAdd(source, tree: tree, options: options)
            let added = plan.applied(to: tree)
            let record = try roundTripJSON(AddRecord(plan: plan))
            let undo = try WiringPlanner.planRemove(name: "kstacksize", tree: added, record: record)
            #expect(undo.applied(to: added).files == tree.files, "\(options)")
        }
    }

    @Test(arguments: cases) func addingTwiceIsRefused(_ c: Case) throws {
        let tree = try TreeLoader.fixture(c.era)
        let source = try SyscallSourceParser.parse(kstacksizeSource)
        let added = try WiringPlanner.planAdd(source, tree: tree).applied(to: tree)
        #expect {
            _ = try WiringPlanner.planAdd(source, tree: added, options: AddOptions(placement: .appendToSys))
        } throws: { ($0 as? SyscraftError)?.kind == .conflict }
    }

    @Test func era2625Lines() throws {
        let tree = try TreeLoader.fixture("2.6.25")
        let plan = try WiringPlanner.planAdd(try SyscallSourceParser.parse(kstacksizeSource), tree: tree)
        #expect(plan.added("arch/x86/kernel/syscall_table_32.S") == ["\t.long sys_kstacksize"])
        #expect(plan.added("arch/x86/ia32/ia32entry.S") == ["\t.quad sys_kstacksize"])
        #expect(plan.added("include/asm-x86/unistd_32.h") == ["#define __NR_kstacksize\t\t327"])
        #expect(plan.added("include/asm-x86/unistd_64.h") == ["#define __NR_kstacksize\t\t\t288", "__SYSCALL(__NR_kstacksize, sys_kstacksize)"])
        // No SYSCALL_DEFINE in this era: the definition is rewritten.
        let impl = try #require(plan.change("kernel/kstacksize.c")?.new)
        #expect(impl.contains("asmlinkage long sys_kstacksize(void)\n{"))
        #expect(!impl.contains("SYSCALL_DEFINE"))
        let quad = try #require(plan.change("arch/x86/ia32/ia32entry.S")?.new)
        #expect(quad.contains("\t.quad sys_kstacksize\nia32_syscall_end:"))
    }

    @Test func era32BumpsNRSyscalls() throws {
        let tree = try TreeLoader.fixture("3.2")
        let plan = try WiringPlanner.planAdd(try SyscallSourceParser.parse(kstacksizeSource), tree: tree)
        let u32 = plan.change("arch/x86/include/asm/unistd_32.h")?.addedAndRemoved
        #expect(u32?.added == ["#define __NR_kstacksize\t\t349", "#define NR_syscalls 350"])
        #expect(u32?.removed == ["#define NR_syscalls 349"])
    }

    @Test func era54PrefixedEntryPoints() throws {
        let tree = try TreeLoader.fixture("5.4")
        let plan = try WiringPlanner.planAdd(try SyscallSourceParser.parse(kstacksizeSource), tree: tree)
        #expect(plan.added("arch/x86/entry/syscalls/syscall_64.tbl") == ["436\tcommon\tkstacksize\t\t__x64_sys_kstacksize"])
        #expect(
            plan.added("arch/x86/entry/syscalls/syscall_32.tbl") == ["436\ti386\tkstacksize\t\tsys_kstacksize\t\t\t__ia32_sys_kstacksize"])
        // asm-generic: after the #ifdef'd clone3, before #undef __NR_syscalls.
        let generic = try #require(plan.change("include/uapi/asm-generic/unistd.h")?.new)
        #expect(generic.contains("#endif\n#define __NR_kstacksize 436\n__SYSCALL(__NR_kstacksize, sys_kstacksize)\n\n#undef __NR_syscalls\n#define __NR_syscalls 437"))
        #expect(plan.added("kernel/sys_ni.c").isEmpty)
    }

    @Test func era612EditsTheSymlinkTargetOnce() throws {
        let tree = try TreeLoader.fixture("6.12")
        let plan = try WiringPlanner.planAdd(try SyscallSourceParser.parse(kstacksizeSource), tree: tree)
        #expect(plan.change("arch/arm64/tools/syscall_64.tbl") == nil)
        #expect(plan.added("scripts/syscall.tbl") == ["463\tcommon\tkstacksize\t\t\tsys_kstacksize"])
        #expect(plan.added("arch/x86/entry/syscalls/syscall_64.tbl") == ["463\tcommon\tkstacksize\t\tsys_kstacksize"])
    }
}

/// Reference cases beyond kstacksize: arguments with --compat on every era, classic asmlinkage sources,
/// and where the arch-independent lines go.
@Suite struct WiringReferenceCaseTests {
    static let compatSource = """
        // SPDX-License-Identifier: GPL-2.0
        #include <linux/syscalls.h>
        #include <linux/compat.h>

        SYSCALL_DEFINE3(getinfo, int, fd, char __user *, buf, size_t, len)
        {
        \treturn 0;
        }

        COMPAT_SYSCALL_DEFINE3(getinfo, int, fd, compat_uptr_t, buf, compat_size_t, len)
        {
        \treturn 0;
        }
        """

    static let classicSource = """
        #include <linux/kernel.h>
        #include <linux/linkage.h>

        asmlinkage long sys_oldstyle(int pid, unsigned long __user *out)
        {
        \treturn 0;
        }
        """

    func plan(_ era: String, _ text: String, _ options: AddOptions = AddOptions()) throws -> WiringPlan {
        try WiringPlanner.planAdd(try SyscallSourceParser.parse(text), tree: try TreeLoader.fixture(era), options: options)
    }

    /// Before 3.10 there is no COMPAT_SYSCALL_DEFINEn: the compat entry is written as asmlinkage compat_sys_.
    @Test(arguments: ["2.6.25", "3.2"]) func compatBefore310IsAsmlinkage(_ era: String) throws {
        let plan = try plan(era, Self.compatSource, AddOptions(compat: true))
        let impl = try #require(plan.change("kernel/getinfo.c")?.new)
        #expect(!impl.contains("COMPAT_SYSCALL_DEFINE"))
        #expect(impl.contains("asmlinkage long compat_sys_getinfo(int fd, compat_uptr_t buf, compat_size_t len)\n{"))
        #expect(impl.contains(era == "2.6.25" ? "asmlinkage long sys_getinfo(int fd, char __user *buf, size_t len)\n{"
                                              : "SYSCALL_DEFINE3(getinfo, int, fd, char __user *, buf, size_t, len)\n{"))
        #expect(plan.added("arch/x86/ia32/ia32entry.S") == ["\t.quad compat_sys_getinfo"])
        #expect(plan.added("include/linux/compat.h") == ["asmlinkage long compat_sys_getinfo(int fd, compat_uptr_t buf, compat_size_t len);"])
        #expect(plan.warnings.contains { $0.contains("no COMPAT_SYSCALL_DEFINEn") })
        #expect(plan.numbers == (era == "2.6.25" ? ["i386": 327, "x86_64": 288] : ["i386": 349, "x86_64": 312]))
    }

    @Test(arguments: ["4.1", "4.14", "5.4", "6.1", "6.12"]) func compatDefineKeptFrom310(_ era: String) throws {
        let plan = try plan(era, Self.compatSource, AddOptions(compat: true))
        let impl = try #require(plan.change("kernel/getinfo.c")?.new)
        #expect(impl.contains("COMPAT_SYSCALL_DEFINE3(getinfo, int, fd, compat_uptr_t, buf, compat_size_t, len)"))
        #expect(!plan.warnings.contains { $0.contains("COMPAT_SYSCALL_DEFINEn") })
    }

    @Test func compatColumnsIn54() throws {
        let plan = try plan("5.4", Self.compatSource, AddOptions(compat: true))
        #expect(plan.added("arch/x86/entry/syscalls/syscall_64.tbl") == ["436\tcommon\tgetinfo\t\t\t__x64_sys_getinfo"])
        #expect(plan.added("arch/x86/entry/syscalls/syscall_32.tbl")
            == ["436\ti386\tgetinfo\t\t\tsys_getinfo\t\t\t__ia32_compat_sys_getinfo"])
        #expect(plan.added("arch/s390/kernel/syscalls/syscall.tbl").first?.hasSuffix("sys_getinfo\t\t\tcompat_sys_getinfo") == true)
        // mips: o32 and n32 carry a compat column, n64 does not.
        #expect(plan.added("arch/mips/kernel/syscalls/syscall_o32.tbl").first?.hasSuffix("\tcompat_sys_getinfo") == true)
        #expect(plan.added("arch/mips/kernel/syscalls/syscall_n32.tbl").first?.hasSuffix("\tcompat_sys_getinfo") == true)
        #expect(plan.added("arch/mips/kernel/syscalls/syscall_n64.tbl").first?.hasSuffix("\tsys_getinfo") == true)
        #expect(plan.added("include/uapi/asm-generic/unistd.h").contains("__SC_COMP(__NR_getinfo, sys_getinfo, compat_sys_getinfo)"))
        #expect(plan.added("arch/arm64/include/asm/unistd32.h").contains("__SYSCALL(__NR_getinfo, compat_sys_getinfo)"))
        // Without --compat the compat columns keep the native entry (s390 fills both).
        let plain = try self.plan("5.4", Self.compatSource)
        #expect(plain.added("arch/x86/entry/syscalls/syscall_32.tbl")
            == ["436\ti386\tgetinfo\t\t\tsys_getinfo\t\t\t__ia32_sys_getinfo"])
        #expect(plain.added("arch/s390/kernel/syscalls/syscall.tbl").first?.hasSuffix("sys_getinfo\t\t\tsys_getinfo") == true)
    }

    @Test func compatPrototypeGoesBeforeTheDeprecatedBlock() throws {
        let plan = try plan("6.1", Self.compatSource, AddOptions(compat: true))
        let compat = try #require(plan.change("include/linux/compat.h")?.new)
        #expect(compat.contains("compat_ulong_t arg);\nasmlinkage long compat_sys_getinfo(int fd, compat_uptr_t buf, compat_size_t len);\n\n/*\n * Deprecated"))
    }

    @Test func classicSourceOn2625StaysAsmlinkage() throws {
        let plan = try plan("2.6.25", Self.classicSource)
        #expect(plan.numbers == ["i386": 327, "x86_64": 288])
        let impl = try #require(plan.change("kernel/oldstyle.c")?.new)
        #expect(impl.contains("asmlinkage long sys_oldstyle(int pid, unsigned long __user *out)\n{"))
        #expect(plan.added("include/linux/syscalls.h") == ["asmlinkage long sys_oldstyle(int pid, unsigned long __user *out);"])
        #expect(plan.added("arch/x86/kernel/syscall_table_32.S") == ["\t.long sys_oldstyle"])
        #expect(plan.added("include/asm-x86/unistd_64.h") == ["#define __NR_oldstyle\t\t\t288", "__SYSCALL(__NR_oldstyle, sys_oldstyle)"])
        // No rewrite warning (the tree is asmlinkage too); only the advice that `unsigned long *` needs compat.
        #expect(plan.warnings.count == 1 && plan.warnings[0].contains("'out' points to a long-sized value"), "\(plan.warnings)")
    }

    @Test func classicSourceOnModernTreeBecomesSyscallDefine() throws {
        let plan = try plan("6.1", Self.classicSource, AddOptions(config: "OLDSTYLE_SYSCALL"))
        let impl = try #require(plan.change("kernel/oldstyle.c")?.new)
        #expect(impl.contains("SYSCALL_DEFINE2(oldstyle, int, pid, unsigned long __user *, out)\n{"))
        #expect(impl.contains("#include <linux/syscalls.h>"))
        #expect(plan.added("kernel/sys_ni.c") == ["COND_SYSCALL(oldstyle);"])
        #expect(plan.added("kernel/Makefile") == ["obj-$(CONFIG_OLDSTYLE_SYSCALL) += oldstyle.o"])
    }

    @Test func legacyCondSyscallBefore417() throws {
        let plan = try plan("4.14", Self.classicSource, AddOptions(config: "OLDSTYLE_SYSCALL"))
        #expect(plan.added("kernel/sys_ni.c") == ["cond_syscall(sys_oldstyle);"])
    }

    /// The prototype goes at the end of the generic list, before the architecture-specific block.
    @Test func prototypeBeforeArchitectureSpecificBlock() throws {
        let plan = try plan("6.12", kstacksizeSource)
        let header = try #require(plan.change("include/linux/syscalls.h")?.new)
        #expect(header.contains("asmlinkage long sys_getpid(void);\nasmlinkage long sys_kstacksize(void);\n\n/*\n * Architecture-specific"))
    }

    /// kernel/Makefile: after the last top-level obj line, never inside an ifdef block.
    @Test func makefileRuleStaysOutsideConditionals() throws {
        var tree = try TreeLoader.fixture("6.1")
        tree.files["kernel/Makefile"] = """
            obj-y     = fork.o sys.o
            obj-$(CONFIG_MODULES) += kmod.o

            ifdef CONFIG_FUNCTION_TRACER
            obj-y += trace_helper.o
            endif

            $(obj)/configs.o: $(obj)/config_data.gz

            """
        let plan = try WiringPlanner.planAdd(try SyscallSourceParser.parse(kstacksizeSource), tree: tree)
        let makefile = try #require(plan.change("kernel/Makefile")?.new)
        #expect(makefile.contains("obj-$(CONFIG_MODULES) += kmod.o\nobj-y += kstacksize.o\n\nifdef"))
    }

    @Test func eraDetectionByProbing() throws {
        let expected: [String: (TreeLayout.Era, SyscallSource.Form, SyscallSource.Form, TreeLayout.CondStyle)] = [
            "2.6.25": (.x86AsmHeaders, .asmlinkage, .asmlinkage, .legacy),
            "3.2": (.x86ArchHeaders, .syscallDefine, .asmlinkage, .legacy),
            "4.1": (.x86SyscallsTbl, .syscallDefine, .syscallDefine, .legacy),
            "4.14": (.x86EntryTbl, .syscallDefine, .syscallDefine, .legacy),
            "5.4": (.prefixedEntryPoints, .syscallDefine, .syscallDefine, .condSyscall),
            "6.1": (.genericUnistd, .syscallDefine, .syscallDefine, .condSyscall),
            "6.12": (.syscallTbl, .syscallDefine, .syscallDefine, .condSyscall),
        ]
        for (era, (layoutEra, entry, compat, cond)) in expected {
            let layout = try TreeLayout.detect(try TreeLoader.fixture(era))
            #expect(layout.era == layoutEra, "\(era)")
            #expect(layout.entryForm == entry, "\(era)")
            #expect(layout.compatForm == compat, "\(era)")
            #expect(layout.condStyle == cond, "\(era)")
        }
    }
}

func roundTripJSON<T: Codable>(_ value: T) throws -> T {
    try JSONDecoder().decode(T.self, from: try JSONEncoder().encode(value))
}
