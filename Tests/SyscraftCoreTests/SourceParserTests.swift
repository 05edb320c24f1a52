import Testing

@testable import SyscraftCore

@Suite struct SourceParserTests {
    @Test func defineZero() throws {
        let s = try SyscallSourceParser.parse(
            """
            // SPDX-License-Identifier: GPL-2.0
            #include <linux/syscalls.h>

            /* returns THREAD_SIZE */
            SYSCALL_DEFINE0(kstacksize)
            {
            \treturn THREAD_SIZE;
            }
            """)
        #expect(s.name == "kstacksize")
        #expect(s.parameters.isEmpty)
        #expect(s.form == .syscallDefine)
        #expect(s.prototype == "asmlinkage long sys_kstacksize(void);")
        #expect(!s.hasCompatDefinition)
    }

    @Test func multiLineArguments() throws {
        let s = try SyscallSourceParser.parse(
            """
            SYSCALL_DEFINE4(copyinfo, const char __user *, path,
            \t\tstruct foo_info __user*, info, /* out */ unsigned   long, flags,
            \t\tloff_t, offset)
            {
            \treturn 0;
            }
            """)
        #expect(s.name == "copyinfo")
        #expect(s.parameters.map(\.type) == ["const char __user *", "struct foo_info __user *", "unsigned long", "loff_t"])
        #expect(s.parameters.map(\.name) == ["path", "info", "flags", "offset"])
        #expect(
            s.prototype
                == "asmlinkage long sys_copyinfo(const char __user *path, struct foo_info __user *info, unsigned long flags, loff_t offset);"
        )
    }

    @Test func classicAsmlinkage() throws {
        let s = try SyscallSourceParser.parse(
            """
            #include <linux/linkage.h>
            asmlinkage long sys_hello(void);
            asmlinkage long sys_hello(void)
            {
            \treturn 0;
            }
            """)
        #expect(s.name == "hello")
        #expect(s.form == .asmlinkage)
        #expect(s.parameters.isEmpty)
        let t = try SyscallSourceParser.parse("asmlinkage long sys_rd(int fd, size_t  len, char __user * buf) { return 0; }")
        #expect(t.parameters == [.init(type: "int", name: "fd"), .init(type: "size_t", name: "len"), .init(type: "char __user *", name: "buf")])
    }

    @Test func compatDefinition() throws {
        let s = try SyscallSourceParser.parse(
            """
            SYSCALL_DEFINE2(getx, struct x __user *, p, size_t, n) { return 0; }
            #ifdef CONFIG_COMPAT
            COMPAT_SYSCALL_DEFINE2(getx, struct compat_x __user *, p, compat_size_t, n) { return 0; }
            #endif
            """)
        #expect(s.hasCompatDefinition)
        #expect(s.compatPrototype == "asmlinkage long compat_sys_getx(struct compat_x __user *p, compat_size_t n);")
    }

    @Test func definitionsInCommentsAndStringsAreIgnored() throws {
        let s = try SyscallSourceParser.parse(
            """
            /* SYSCALL_DEFINE1(old, int, x) { } */
            // SYSCALL_DEFINE0(other) {
            static const char *msg = "SYSCALL_DEFINE0(fake) {";
            SYSCALL_DEFINE1(real, int, x) { return x; }
            """)
        #expect(s.name == "real")
    }

    static let refusals: [(String, String)] = [
        ("", "empty"),
        ("   \n\t", "empty"),
        ("int main(void) { return 0; }", "no system call definition"),
        ("asmlinkage long sys_x(void);", "no system call definition"),
        ("SYSCALL_DEFINE0(a) { }\nSYSCALL_DEFINE0(b) { }", "defines 2 system calls"),
        ("SYSCALL_DEFINE7(a, int, a1, int, a2, int, a3, int, a4, int, a5, int, a6, int, a7) { }", "at most 6"),
        ("asmlinkage long sys_a(int a, int b, int c, int d, int e, int f, int g) { }", "at most 6"),
        ("SYSCALL_DEFINE2(a, int, x) { }", "expected 4"),
        ("SYSCALL_DEFINE1(a, int, x, int, y) { }", "expected 2"),
        ("SYSCALL_DEFINE0(9lives) { }", "not a valid C identifier"),
        ("SYSCALL_DEFINE0(my-call) { }", "not a valid C identifier"),
        ("SYSCALL_DEFINE0(int) { }", "reserved"),
        ("SYSCALL_DEFINE0(__secret) { }", "reserved"),
        ("SYSCALL_DEFINE0(\(String(repeating: "a", count: 51))) { }", "characters long"),
        ("SYSCALL_DEFINE1(a, int, 2x) { }", "argument name"),
        ("SYSCALL_DEFINE2(a, int, x, long, x) { }", "used twice"),
        ("SYSCALL_DEFINE0(a);", "has no body"),
        ("SYSCALL_DEFINE1(a, int, x", "complete (...)"),
        ("SYSCALL_DEFINE0(a) { }\nCOMPAT_SYSCALL_DEFINE0(b) { }", "COMPAT_SYSCALL_DEFINE names 'b'"),
        ("SYSCALL_DEFINE0(a)\n{\n\treturn 0;\n", "unclosed '{' at line 2"),
        ("SYSCALL_DEFINE0(a)\n{\n\treturn 0;\n}\n}\n", "unmatched '}' at line 5"),
        ("SYSCALL_DEFINE0(a)\n{\n\treturn (0;\n}\n", "'}' that closes the '(' opened on line 3"),
        ("SYSCALL_DEFINE0(a)\n{\n\treturn 0;\n}\n/* unterminated\n", "unterminated /* comment at line 5"),
        ("SYSCALL_DEFINE0(a)\n{\n\tpr_info(\"oops);\n\treturn 0;\n}\n", "unterminated string literal at line 3"),
        ("SYSCALL_DEFINE0(a)\n{\n\treturn 'x;\n}\n", "unterminated character literal"),
        ("SYSCALL_DEFINE0(a)\n{\n\treturn 0;\u{0}\n}\n", "NUL byte at line 3"),
    ]

    @Test("balanced C passes: braces in strings, comments, characters and macros do not count")
    func structureIgnoresLiteralsAndDirectives() throws {
        let s = try SyscallSourceParser.parse(
            """
            #define OPEN {
            #define LONG_MACRO(x) \\
            	((x) + (
            SYSCALL_DEFINE1(kbraces, unsigned int, flags)
            {
            	const char *s = "}{)(\\"";  /* ) } */ // {
            	char c = '}';
            	return flags ? c : s[0];
            }
            """)
        #expect(s.name == "kbraces")
    }

    @Test("a CRLF source goes into the tree with LF line endings")
    func crlfIsNormalised() throws {
        let s = try SyscallSourceParser.parse("SYSCALL_DEFINE0(kcr)\r\n{\r\n\treturn 0;\r\n}\r\n")
        #expect(s.name == "kcr")
        #expect(!s.text.utf8.contains(UInt8(ascii: "\r")))
        #expect(s.text == "SYSCALL_DEFINE0(kcr)\n{\n\treturn 0;\n}\n")
    }

    @Test(arguments: refusals) func refuses(_ input: String, _ expected: String) {
        #expect {
            _ = try SyscallSourceParser.parse(input)
        } throws: { error in
            guard let e = error as? SyscraftError else { return false }
            return e.kind == .badInput && e.message.contains(expected) && !(e.hint ?? "").isEmpty
        }
    }
}
