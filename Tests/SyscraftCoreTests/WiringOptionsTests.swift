import Foundation
import Testing

@testable import SyscraftCore

/// Config-gated and compat wiring, table queries and removal edge cases (6.1-like fixture).
@Suite struct WiringOptionsTests {
    static let compatSource = """
        // SPDX-License-Identifier: GPL-2.0
        #include <linux/syscalls.h>
        #include <linux/compat.h>

        SYSCALL_DEFINE2(getinfo, struct info __user *, out, loff_t, pos)
        {
        \treturn 0;
        }

        COMPAT_SYSCALL_DEFINE3(getinfo, struct compat_info __user *, out, compat_arg_u32, lo, compat_arg_u32, hi)
        {
        \treturn 0;
        }
        """

    @Test func compatAndConfig() throws {
        let tree = try TreeLoader.fixture("6.1")
        let plan = try WiringPlanner.planAdd(
            try SyscallSourceParser.parse(Self.compatSource), tree: tree,
            options: AddOptions(config: "CONFIG_GETINFO_SYSCALL", compat: true))
        #expect(plan.added("arch/x86/entry/syscalls/syscall_32.tbl") == ["451\ti386\tgetinfo\t\t\tsys_getinfo\t\t\tcompat_sys_getinfo"])
        // A struct pointer under --compat: x32 (32-bit pointers) takes the compat entry, as a `64` + `x32` pair.
        #expect(plan.added("arch/x86/entry/syscalls/syscall_64.tbl") == ["451\t64\tgetinfo\t\t\tsys_getinfo", "451\tx32\tgetinfo\t\t\tcompat_sys_getinfo"])
        #expect(plan.added("include/uapi/asm-generic/unistd.h").contains("__SC_COMP(__NR_getinfo, sys_getinfo, compat_sys_getinfo)"))
        #expect(plan.added("arch/arm64/include/asm/unistd32.h").contains("__SYSCALL(__NR_getinfo, compat_sys_getinfo)"))
        #expect(plan.added("include/linux/compat.h") == [
            "asmlinkage long compat_sys_getinfo(struct compat_info __user *out,",
            "\t\tcompat_arg_u32 lo, compat_arg_u32 hi);",
        ])
        #expect(plan.added("kernel/sys_ni.c") == ["COND_SYSCALL(getinfo);", "COND_SYSCALL_COMPAT(getinfo);"])
        #expect(plan.added("kernel/Makefile") == ["obj-$(CONFIG_GETINFO_SYSCALL) += getinfo.o"])
        let kconfig = plan.added("init/Kconfig")
        #expect(kconfig.contains("config GETINFO_SYSCALL"))
        #expect(kconfig.contains("\tdefault y"))
        let mips = plan.added("arch/mips/kernel/syscalls/syscall_n64.tbl")
        #expect(mips.count == 1 && !(mips.first ?? "").contains("compat"))
        // n32 has no compat column: its compat entry point takes the entry column, as upstream writes it.
        #expect(plan.added("arch/mips/kernel/syscalls/syscall_n32.tbl") == ["451\tn32\tgetinfo\t\t\t\tcompat_sys_getinfo"])
        #expect(plan.added("arch/mips/kernel/syscalls/syscall_o32.tbl") == ["451\to32\tgetinfo\t\t\t\tsys_getinfo\t\t\tcompat_sys_getinfo"])
    }

    @Test("a second config-gated syscall never splits the first one's COND_SYSCALL/COND_SYSCALL_COMPAT pair; removal in add order works")
    func condStubsStayPaired() throws {
        let pristine = try TreeLoader.fixture("6.1")
        let first = try WiringPlanner.planAdd(
            try SyscallSourceParser.parse(Self.compatSource), tree: pristine, options: AddOptions(config: "GETINFO_SYSCALL", compat: true))
        let once = first.applied(to: pristine)
        let second = try WiringPlanner.planAdd(
            try SyscallSourceParser.parse(kstacksizeSource), tree: once, options: AddOptions(config: "KSTACKSIZE_SYSCALL"))
        let twice = second.applied(to: once)
        let stubs = TextLines(twice.files["kernel/sys_ni.c"] ?? "").lines.filter { $0.contains("getinfo") || $0.contains("kstacksize") }
        #expect(stubs == ["COND_SYSCALL(getinfo);", "COND_SYSCALL_COMPAT(getinfo);", "COND_SYSCALL(kstacksize);"])
        let removed = try WiringPlanner.planRemove(name: "getinfo", tree: twice, record: AddRecord(plan: first)).applied(to: twice)
        let back = try WiringPlanner.planRemove(name: "kstacksize", tree: removed, record: AddRecord(plan: second)).applied(to: removed)
        #expect(back.files == pristine.files)
    }

    @Test("a compat entry point that exists already (an x32 table entry, compat.h) is refused; the native-only add is not")
    func compatSymbolConflicts() throws {
        var tree = try TreeLoader.fixture("6.1")
        let x64 = "arch/x86/entry/syscalls/syscall_64.tbl"
        // Like `546 x32 preadv2 compat_sys_preadv64v2`: a compat entry point named after no table entry.
        tree.files[x64] = tree.files[x64]?.replacingOccurrences(of: "compat_sys_x32call514", with: "compat_sys_kother64")
        for name in ["kother64", "old_readdir"] {
            let text = Self.compatSource.replacingOccurrences(of: "getinfo", with: name)
            let source = try SyscallSourceParser.parse(text)
            #expect {
                _ = try WiringPlanner.planAdd(source, tree: tree, options: AddOptions(compat: true))
            } throws: { error in
                guard let e = error as? SyscraftError else { return false }
                return e.kind == .conflict && e.message.contains("compat_sys_\(name) already exists")
            }
        }
        let plain = try SyscallSourceParser.parse("SYSCALL_DEFINE0(old_readdir2)\n{\n\treturn 0;\n}\n")
        #expect(throws: Never.self) { _ = try WiringPlanner.planAdd(plain, tree: tree) }
    }

    @Test func compatAdviceAndRefusal() throws {
        let tree = try TreeLoader.fixture("6.1")
        let source = try SyscallSourceParser.parse(Self.compatSource)
        let plan = try WiringPlanner.planAdd(source, tree: tree)
        #expect(plan.warnings.contains { $0.contains("'pos' is a 64-bit scalar") })
        #expect(plan.warnings.contains { $0.contains("'out' points to struct info") })
        let plain = try SyscallSourceParser.parse(kstacksizeSource)
        #expect {
            _ = try WiringPlanner.planAdd(plain, tree: tree, options: AddOptions(compat: true))
        } throws: { ($0 as? SyscraftError)?.kind == .badInput }
        #expect {
            _ = try WiringPlanner.planAdd(plain, tree: tree, options: AddOptions(config: "lower-case"))
        } throws: { ($0 as? SyscraftError)?.kind == .badInput }
    }

    @Test func conflictsWithExistingSyscalls() throws {
        let tree = try TreeLoader.fixture("6.1")
        for name in ["futex_waitv", "call5", "getpid"] {
            let source = try SyscallSourceParser.parse("SYSCALL_DEFINE0(\(name)) { return 0; }")
            #expect {
                _ = try WiringPlanner.planAdd(source, tree: tree)
            } throws: { ($0 as? SyscraftError)?.kind == .conflict }
        }
    }

    @Test func notAKernelTree() {
        #expect {
            _ = try TreeLayout.detect(MemoryTree(files: ["README": "hello"]))
        } throws: { ($0 as? SyscraftError)?.kind == .badTree }
        #expect {
            _ = try TreeLayout.detect(MemoryTree(files: ["Makefile": "", "include/linux/syscalls.h": ""]))
        } throws: { ($0 as? SyscraftError)?.kind == .unknownLayout }
    }

    // MARK: - Table queries

    @Test func lookupOneNameAcrossArches() throws {
        let tree = try TreeLoader.fixture("6.1")
        let rows = try SyscallTableReader.lookup(name: "set_mempolicy_home_node", arch: nil, tree: tree)
        let byArch = Dictionary(rows.map { ($0.arch, $0.number) }, uniquingKeysWith: { a, _ in a })
        #expect(byArch["x86_64"] == 450)
        #expect(byArch["x32"] == 450 | 0x4000_0000)
        #expect(byArch["i386"] == 450)
        #expect(byArch["alpha"] == 560)
        #expect(byArch["ia64"] == 1474)
        #expect(byArch["mips/o32"] == 4450)
        #expect(byArch["arm64"] == 450)
        #expect(rows.first { $0.arch == "ia64" }?.tableNumber == 450)
        let json = try JSONEncoder().encode(rows)
        #expect(try JSONDecoder().decode([TableRow].self, from: json) == rows)
    }

    @Test func lookupOneArch() throws {
        let tree = try TreeLoader.fixture("6.1")
        let x64 = try SyscallTableReader.lookup(name: nil, arch: "x86_64", tree: tree)
        #expect(x64.last?.number == 450)
        #expect(!x64.contains { $0.abi == "x32" })
        let mips = try SyscallTableReader.lookup(name: nil, arch: "mips", tree: tree)
        #expect(Set(mips.map(\.arch)) == ["mips/o32", "mips/n32", "mips/n64"])
        #expect { _ = try SyscallTableReader.lookup(name: nil, arch: "vax", tree: tree) } throws: {
            ($0 as? SyscraftError)?.kind == .notFound
        }
        #expect { _ = try SyscallTableReader.lookup(name: "nosuchcall", arch: nil, tree: tree) } throws: {
            ($0 as? SyscraftError)?.kind == .notFound
        }
        let old = try SyscallTableReader.lookup(name: "timerfd_gettime", arch: nil, tree: try TreeLoader.fixture("2.6.25"))
        #expect(Set(old.map { "\($0.arch)=\($0.number)" }) == ["i386=326", "x86_64=287"])
    }

    // MARK: - Removal

    @Test func removeAfterUserEdits() throws {
        let tree = try TreeLoader.fixture("6.1")
        let plan = try WiringPlanner.planAdd(try SyscallSourceParser.parse(kstacksizeSource), tree: tree)
        var edited = plan.applied(to: tree)
        edited.files["kernel/kstacksize.c"] = "// rewritten by the user\n"
        let tbl = "arch/x86/entry/syscalls/syscall_64.tbl"
        let userLine = "# a comment the user added\n"
        edited.files[tbl] = userLine + (edited.files[tbl] ?? "")
        edited.files["include/linux/syscalls.h"] = edited.files["include/linux/syscalls.h"]?
            .replacingOccurrences(of: "asmlinkage long sys_getpid(void);", with: "asmlinkage long sys_getpid(void); /* user */")
        let undo = try WiringPlanner.planRemove(name: "kstacksize", tree: edited, record: AddRecord(plan: plan))
        let result = undo.applied(to: edited)
        #expect(result.files["kernel/kstacksize.c"] == nil)
        #expect(result.files[tbl] == userLine + (tree.files[tbl] ?? ""))
        #expect(
            result.files["include/linux/syscalls.h"]
                == tree.files["include/linux/syscalls.h"]?.replacingOccurrences(
                    of: "asmlinkage long sys_getpid(void);", with: "asmlinkage long sys_getpid(void); /* user */"))
        #expect(result.files["arch/arm64/include/asm/unistd.h"] == tree.files["arch/arm64/include/asm/unistd.h"])
    }

    @Test func removeRefusesWhenAddedLinesAreGone() throws {
        let tree = try TreeLoader.fixture("6.1")
        let plan = try WiringPlanner.planAdd(try SyscallSourceParser.parse(kstacksizeSource), tree: tree)
        let record = AddRecord(plan: plan)
        var edited = plan.applied(to: tree)
        let tbl = "arch/x86/entry/syscalls/syscall_32.tbl"
        edited.files[tbl] = tree.files[tbl]
        #expect {
            _ = try WiringPlanner.planRemove(name: "kstacksize", tree: edited, record: record)
        } throws: { error in
            guard let e = error as? SyscraftError else { return false }
            return e.kind == .conflict && e.message.contains(tbl)
        }
        #expect {
            _ = try WiringPlanner.planRemove(name: "other", tree: edited, record: record)
        } throws: { ($0 as? SyscraftError)?.kind == .badInput }
    }
}
