import Foundation
import Testing

@testable import SyscraftCore

/// Arguments end to end: the prototype in include/linux/syscalls.h spelled as upstream spells it,
/// compat advice where adding-syscalls.rst asks for it, and --compat with COMPAT_SYSCALL_DEFINEn.
@Suite struct ArgumentWiringTests {
    static func define(_ n: Int, _ name: String, _ pairs: String) -> String {
        """
        // SPDX-License-Identifier: GPL-2.0
        #include <linux/syscalls.h>

        SYSCALL_DEFINE\(n)(\(name)\(pairs.isEmpty ? "" : ", " + pairs))
        {
        \treturn 0;
        }
        """
    }

    /// (macro arguments, the prototype line upstream would have)
    static let prototypes: [(Int, String, String)] = [
        (1, "const char __user *, path", "asmlinkage long sys_probe(const char __user *path);"),
        (1, "struct foo __user *, info", "asmlinkage long sys_probe(struct foo __user *info);"),
        (3, "unsigned int, fd, char __user *, buf, size_t, count", "asmlinkage long sys_probe(unsigned int fd, char __user *buf, size_t count);"),
        (2, "unsigned long, start, unsigned long, len", "asmlinkage long sys_probe(unsigned long start, unsigned long len);"),
        (2, "int, fd, loff_t, offset", "asmlinkage long sys_probe(int fd, loff_t offset);"),
        (1, "const  char   __user*, path", "asmlinkage long sys_probe(const char __user *path);"),
        (1, "const char __user *const __user *, argv", "asmlinkage long sys_probe(const char __user *const __user *argv);"),
        (1, "u32 __user *, out", "asmlinkage long sys_probe(u32 __user *out);"),
        (1, "unsigned long long, value", "asmlinkage long sys_probe(unsigned long long value);"),
    ]

    @Test(arguments: prototypes)
    func prototypeIsExact(_ n: Int, _ pairs: String, _ expected: String) throws {
        let source = try SyscallSourceParser.parse(Self.define(n, "probe", pairs))
        #expect(source.prototype == expected)
        let plan = try WiringPlanner.planAdd(source, tree: try TreeLoader.fixture("6.12"))
        // A struct the header does not declare yet gets its forward declaration first (upstream's habit).
        let declarations = ForwardDeclarations.tags(in: expected).map { $0 + ";" }
        #expect(plan.added("include/linux/syscalls.h") == declarations + [expected])
    }

    @Test func sixArgumentsWrapLikeUpstream() throws {
        let source = try SyscallSourceParser.parse(Self.define(
            6, "probe6",
            "int, dfd, const char __user *, path, struct foo __user *, info, size_t, size, loff_t, offset, unsigned int, flags"))
        let plan = try WiringPlanner.planAdd(source, tree: try TreeLoader.fixture("6.12"))
        let added = plan.added("include/linux/syscalls.h")
        #expect(added.first == "struct foo;")
        let lines = Array(added.dropFirst())
        #expect(lines.joined(separator: " ").replacing("\t", with: "")
            == "asmlinkage long sys_probe6(int dfd, const char __user *path, struct foo __user *info, size_t size, loff_t offset, unsigned int flags);")
        #expect(lines.count > 1 && lines.dropFirst().allSatisfy { $0.hasPrefix("\t\t") })
        #expect(lines.allSatisfy { ColumnStyle.advance(0, $0) <= 100 })
    }

    @Test func examplesPrototypes() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let expected = [
            "kstacksize": "asmlinkage long sys_kstacksize(void);",
            "kinfo": "asmlinkage long sys_kinfo(struct kinfo __user *info);",
            "kstrlen": "asmlinkage long sys_kstrlen(const char __user *str, size_t max, unsigned int flags);",
            "kuptime": "asmlinkage long sys_kuptime(void);",
        ]
        for (name, prototype) in expected {
            let text = try String(contentsOf: root.appendingPathComponent("examples/\(name)/\(name).c"), encoding: .utf8)
            #expect(try SyscallSourceParser.parse(text).prototype == prototype)
        }
    }

    /// adding-syscalls.rst: compat for pointer-to-pointer, structs with pointers or longs, 64-bit scalars on 32-bit ABIs.
    @Test(arguments: [
        ("char __user * __user *, argv", "pointer to a pointer"),
        ("struct foo __user *, info", "points to struct foo, whose layout syscraft could not read"),
        ("loff_t, offset", "64-bit scalar"),
        ("u64, value", "64-bit scalar"),
        ("unsigned long long, value", "64-bit scalar"),
        ("unsigned long __user *, out", "long-sized value"),
        ("size_t __user *, len", "long-sized value"),
    ])
    func compatAdvice(_ pair: String, _ words: String) throws {
        let source = try SyscallSourceParser.parse(Self.define(1, "probe", pair))
        let plan = try WiringPlanner.planAdd(source, tree: try TreeLoader.fixture("6.12"))
        #expect(plan.warnings.contains { $0.contains(words) && $0.contains("--compat") }, "\(plan.warnings)")
    }

    /// Under --compat, x86_64 gets a `64` + `x32` pair exactly when x32 (32-bit pointers and longs) reads the argument
    /// differently: a pointer to a pointer, to a struct or to a long; not a pointer to int or u64, nor a scalar.
    @Test(arguments: [
        ("unsigned long __user *", "compat_ulong_t __user *", true),
        ("struct foo __user *", "struct compat_foo __user *", true),
        ("char __user * __user *", "compat_uptr_t __user *", true),
        ("int __user *", "int __user *", false),
        ("u64 __user *", "u64 __user *", false),
        ("unsigned int", "unsigned int", false),
    ])
    func x32Pair(_ native: String, _ compat: String, _ paired: Bool) throws {
        let text = """
            #include <linux/syscalls.h>
            #include <linux/compat.h>

            SYSCALL_DEFINE1(probe, \(native), arg)
            {
            \treturn 0;
            }

            COMPAT_SYSCALL_DEFINE1(probe, \(compat), arg)
            {
            \treturn 0;
            }
            """
        let plan = try WiringPlanner.planAdd(try SyscallSourceParser.parse(text), tree: try TreeLoader.fixture("6.12"), options: AddOptions(compat: true))
        let lines = plan.added("arch/x86/entry/syscalls/syscall_64.tbl")
        let abis = lines.map { ColumnStyle.split($0).fields[1] }
        #expect(abis == (paired ? ["64", "x32"] : ["common"]), "\(lines)")
        if paired { #expect(lines.last?.hasSuffix("\tcompat_sys_probe") == true) }
    }

    @Test(arguments: ["const char __user *, path", "size_t, count", "unsigned long, addr", "unsigned int, flags", "int __user *, out", "unsigned long long __user *, out", "u64 __user *, out"])
    func noCompatAdvice(_ pair: String) throws {
        let source = try SyscallSourceParser.parse(Self.define(1, "probe", pair))
        let plan = try WiringPlanner.planAdd(source, tree: try TreeLoader.fixture("6.12"))
        #expect(plan.warnings.isEmpty, "\(plan.warnings)")
    }

    static let compatSource = """
        // SPDX-License-Identifier: GPL-2.0
        #include <linux/compat.h>
        #include <linux/syscalls.h>

        SYSCALL_DEFINE3(kpread, unsigned int, fd, char __user *, buf, loff_t, pos)
        {
        \treturn 0;
        }

        #ifdef CONFIG_COMPAT
        COMPAT_SYSCALL_DEFINE4(kpread, unsigned int, fd, char __user *, buf, compat_arg_u64_dual(pos))
        {
        \treturn 0;
        }
        #endif
        """

    /// --compat on 6.12: compat.h prototype, the i386 compat column, __SC_COMP... via scripts/syscall.tbl, arm64 compat.
    @Test func compatWiringOn612() throws {
        let plain = """
            // SPDX-License-Identifier: GPL-2.0
            #include <linux/compat.h>
            #include <linux/syscalls.h>

            SYSCALL_DEFINE2(kgetval, unsigned int, which, unsigned long __user *, out)
            {
            \treturn 0;
            }

            COMPAT_SYSCALL_DEFINE2(kgetval, unsigned int, which, compat_ulong_t __user *, out)
            {
            \treturn 0;
            }
            """
        let source = try SyscallSourceParser.parse(plain)
        #expect(source.compatPrototype == "asmlinkage long compat_sys_kgetval(unsigned int which, compat_ulong_t __user *out);")
        let tree = try TreeLoader.fixture("6.12")
        let plan = try WiringPlanner.planAdd(source, tree: tree, options: AddOptions(config: "KGETVAL_SYSCALL", compat: true))
        #expect(plan.added("include/linux/compat.h") == ["asmlinkage long compat_sys_kgetval(unsigned int which, compat_ulong_t __user *out);"])
        #expect(plan.added("include/linux/syscalls.h") == ["asmlinkage long sys_kgetval(unsigned int which, unsigned long __user *out);"])
        let i386 = plan.added("arch/x86/entry/syscalls/syscall_32.tbl")
        #expect(i386.count == 1 && i386[0].hasSuffix("compat_sys_kgetval") && i386[0].contains("sys_kgetval"))
        let x86_64 = plan.added("arch/x86/entry/syscalls/syscall_64.tbl")
        // x32's unsigned long is 4 bytes, as for i386: the 64 line keeps the native entry, the x32 twin takes compat.
        #expect(x86_64.count == 2 && !x86_64[0].contains("compat") && x86_64[1].hasSuffix("\tcompat_sys_kgetval"))
        if tree.exists("scripts/syscall.tbl") {
            #expect(plan.added("scripts/syscall.tbl").first?.hasSuffix("compat_sys_kgetval") == true)
        }
        #expect(plan.added("kernel/sys_ni.c") == ["COND_SYSCALL(kgetval);", "COND_SYSCALL_COMPAT(kgetval);"])
        #expect(!plan.warnings.contains { $0.contains("--compat") })
        // Without --compat: advice, and the compat columns keep the native entry.
        let advice = try WiringPlanner.planAdd(source, tree: tree)
        #expect(advice.warnings.contains { $0.contains("COMPAT_SYSCALL_DEFINE but --compat was not given") })
        #expect(advice.change("include/linux/compat.h") == nil)
    }

    @Test(arguments: [
        ("SYSCALL_DEFINE7(many, int, a, int, b, int, c, int, d, int, e, int, f, int, g)\n{\n}\n", "at most 6"),
        ("SYSCALL_DEFINE2(odd, int, a)\n{\n}\n", "expected 4"),
        ("SYSCALL_DEFINE1(odd, int, a, int, b)\n{\n}\n", "expected 2"),
        ("asmlinkage long sys_many(int a, int b, int c, int d, int e, int f, int g)\n{\n}\n", "at most 6"),
    ])
    func refusals(_ text: String, _ words: String) {
        do {
            _ = try SyscallSourceParser.parse(text)
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.message.contains(words), "\(error)")
        }
    }
}

@Suite struct TypeSpellingTests {
    @Test(arguments: [
        ("const char __user *", "const char __user *"),
        ("const  char\t__user*", "const char __user *"),
        ("char __user * __user *", "char __user * __user *"),
        ("char __user *__user *", "char __user * __user *"),
        ("const char __user *const __user *", "const char __user *const __user *"),
        ("const char __user * const __user *", "const char __user *const __user *"),
        ("char **", "char **"),
        ("char * *", "char **"),
        ("struct  foo __user *", "struct foo __user *"),
        ("unsigned   long", "unsigned long"),
    ])
    func spelling(_ raw: String, _ expected: String) {
        #expect(SyscallSourceParser.normaliseType(raw) == expected)
    }
}
