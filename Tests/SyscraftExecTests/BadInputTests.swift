import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// One bad input: how to set it up, what to run, and what the one error line must say.
struct BadInput: Sendable, CustomTestStringConvertible {
    /// A short name for the test report.
    var id: String
    /// The fixture era copied to `tree` first, or nil for an empty scratch directory.
    var era: String? = "6.12"
    /// Prepares the scratch directory and returns the arguments (the `--cache-dir` is appended).
    var setup: @Sendable (Scratch) throws -> [String]
    /// The exit code (2: refused, 4: file system).
    var code: Int32 = 2
    /// Words the error line must contain (the problem, in the user's terms).
    var mentions: [String]
    /// Words the hint (after "; ") must contain (the fix).
    var fix: [String] = []

    var testDescription: String { id }
}

/// Sources for the cases.
enum Sources {
    static func define(_ header: String, body: String = "\treturn 0;") -> String {
        "#include <linux/syscalls.h>\n\n\(header)\n{\n\(body)\n}\n"
    }
    static let good = define("SYSCALL_DEFINE0(kstacksize)", body: "\treturn THREAD_SIZE;")
}

extension Scratch {
    /// Writes `text` as a source file outside the tree and returns `["add", path, "--tree", tree]`.
    func add(_ text: String, _ extra: [String] = []) throws -> [String] {
        ["add", try write("src/input.c", text), "--tree", tree] + extra
    }

    /// Replaces `old` by `new` in a tree file (the text must be there).
    func edit(_ path: String, replacing old: String, with new: String) throws {
        let full = tree + "/" + path
        let text = try String(contentsOfFile: full, encoding: .utf8)
        guard text.contains(old) else { throw EditFailed(path: path, text: old) }
        try text.replacingOccurrences(of: old, with: new).write(toFile: full, atomically: false, encoding: .utf8)
    }

    func append(_ path: String, _ text: String) throws {
        let full = tree + "/" + path
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: full))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    struct EditFailed: Error { var path: String; var text: String }
}

/// At least 40 bad inputs, each: a non-zero exit, exactly one `syscraft: error: <problem>; <fix>` line,
/// and every byte of the tree (and of the scratch directory outside the cache) unchanged.
@Suite(.enabled(if: CLI.binary != nil, "no syscraft binary (set SYSCRAFT_BIN or run swift build)"))
struct BadInputTests {
    static let x64 = "arch/x86/entry/syscalls/syscall_64.tbl"

    static let cases: [BadInput] = [
        // MARK: Names
        BadInput(id: "name is not an identifier", setup: { try $0.add(Sources.define("SYSCALL_DEFINE0(9lives)")) },
                 mentions: ["9lives", "not a valid C identifier"], fix: ["letters"]),
        BadInput(id: "name is a C keyword", setup: { try $0.add(Sources.define("SYSCALL_DEFINE0(int)")) },
                 mentions: ["'int'", "reserved"]),
        BadInput(id: "name starts with an underscore", setup: { try $0.add(Sources.define("SYSCALL_DEFINE0(_secret)")) },
                 mentions: ["_secret", "reserved"]),
        BadInput(id: "name is the kernel's own ni_syscall", setup: { try $0.add(Sources.define("SYSCALL_DEFINE0(ni_syscall)")) },
                 mentions: ["ni_syscall", "reserved"]),
        BadInput(id: "name has upper-case letters", setup: { try $0.add(Sources.define("SYSCALL_DEFINE0(KStack)")) },
                 mentions: ["'KStack'", "upper-case"], fix: ["'kstack'"]),
        BadInput(id: "name carries the sys_ prefix", setup: { try $0.add(Sources.define("SYSCALL_DEFINE0(sys_kq)")) },
                 mentions: ["'sys_kq'", "'sys_'"], fix: ["SYSCALL_DEFINE0(kq)"]),
        BadInput(id: "name carries the compat_ prefix", setup: { try $0.add(Sources.define("SYSCALL_DEFINE0(compat_kq)")) },
                 mentions: ["'compat_kq'", "'compat_'"], fix: ["SYSCALL_DEFINE0(kq)"]),
        BadInput(id: "name is too long", setup: { try $0.add(Sources.define("SYSCALL_DEFINE0(\(String(repeating: "a", count: 64)))")) },
                 mentions: ["64 characters"], fix: ["at most"]),
        BadInput(id: "name is not ASCII", setup: { try $0.add(Sources.define("SYSCALL_DEFINE0(größe)")) },
                 mentions: ["größe"]),
        BadInput(id: "name already in the tables", setup: { try $0.add(Sources.define("SYSCALL_DEFINE0(mseal)")) },
                 mentions: ["'mseal' already exists", "line"], fix: ["another name"]),
        BadInput(id: "name already in a 2.6.25 unistd_32.h", era: "2.6.25",
                 setup: { try $0.add(Sources.define("asmlinkage long sys_getpid(void)")) },
                 mentions: ["'getpid' already exists"], fix: ["another name"]),
        BadInput(id: "name already declared in syscalls.h only", setup: { s in
                     try s.edit("include/linux/syscalls.h", replacing: "asmlinkage long sys_getpid(void);",
                                with: "asmlinkage long sys_getpid(void);\nasmlinkage long sys_lonely(void);")
                     return try s.add(Sources.define("SYSCALL_DEFINE0(lonely)"))
                 }, mentions: ["'lonely' already exists", "syscalls.h"]),
        BadInput(id: "kernel/NAME.c already exists", setup: { try $0.add(Sources.define("SYSCALL_DEFINE0(sys)")) },
                 mentions: ["kernel/sys.c already exists"]),
        BadInput(id: "--config names an existing option", setup: { try $0.add(Sources.good, ["--config", "EXPERT"]) },
                 mentions: ["EXPERT already exists"], fix: ["another --config"]),

        // MARK: Arity and arguments
        BadInput(id: "DEFINE2 with one pair", setup: { try $0.add(Sources.define("SYSCALL_DEFINE2(two, int, a)")) },
                 mentions: ["SYSCALL_DEFINE2(two", "expected 4"], fix: ["pair"]),
        BadInput(id: "DEFINE1 with two pairs", setup: { try $0.add(Sources.define("SYSCALL_DEFINE1(one, int, a, int, b)")) },
                 mentions: ["SYSCALL_DEFINE1(one", "expected 2"]),
        BadInput(id: "DEFINE1 with a type and no name", setup: { try $0.add(Sources.define("SYSCALL_DEFINE1(one, int)")) },
                 mentions: ["expected 2"]),
        BadInput(id: "seven arguments", setup: {
                     try $0.add(Sources.define("SYSCALL_DEFINE7(many, int, a, int, b, int, c, int, d, int, e, int, f, int, g)"))
                 }, mentions: ["at most 6"], fix: ["struct"]),
        BadInput(id: "seven asmlinkage arguments", setup: {
                     try $0.add(Sources.define("asmlinkage long sys_many(int a, int b, int c, int d, int e, int f, int g)"))
                 }, mentions: ["sys_many takes 7 arguments", "at most 6"]),
        BadInput(id: "arity that overflows", setup: { try $0.add(Sources.define("SYSCALL_DEFINE99999999999999999999999(big)")) },
                 mentions: ["at most 6"]),
        BadInput(id: "argument names repeat", setup: { try $0.add(Sources.define("SYSCALL_DEFINE2(dup, int, a, long, a)")) },
                 mentions: ["'a' is used twice"]),
        BadInput(id: "argument of type void", setup: { try $0.add(Sources.define("SYSCALL_DEFINE1(v, void, x)")) },
                 mentions: ["invalid type"]),
        BadInput(id: "argument named like a keyword", setup: { try $0.add(Sources.define("SYSCALL_DEFINE1(k, int, int)")) },
                 mentions: ["argument name 'int'"]),
        BadInput(id: "--compat without a COMPAT_SYSCALL_DEFINE", setup: { try $0.add(Sources.good, ["--compat"]) },
                 mentions: ["--compat needs"], fix: ["drop --compat"]),

        // MARK: Malformed sources
        BadInput(id: "empty source", setup: { try $0.add("") }, mentions: ["empty"]),
        BadInput(id: "whitespace-only source", setup: { try $0.add(" \n\t\n") }, mentions: ["empty"]),
        BadInput(id: "binary source (not UTF-8)", setup: { s in
                     ["add", try s.write("src/blob.c", Data([0x7f, 0x45, 0x4c, 0x46, 0xff, 0xfe, 0x00, 0x80, 0xc3])), "--tree", s.tree]
                 }, mentions: ["not UTF-8"], fix: ["C source"]),
        BadInput(id: "binary source that happens to be UTF-8", setup: { s in
                     ["add", try s.write("src/elf.c", Data([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x01])), "--tree", s.tree]
                 }, mentions: ["no system call definition"], fix: ["SYSCALL_DEFINE"]),
        BadInput(id: "unbalanced parentheses", setup: { try $0.add("SYSCALL_DEFINE1(open_ended, int, a\n{\n\treturn 0;\n}\n") },
                 mentions: ["not followed by a complete"]),
        BadInput(id: "prototype without a body", setup: { try $0.add("SYSCALL_DEFINE0(nobody);\n") }, mentions: ["has no body"]),
        BadInput(id: "two system calls in one file", setup: {
                     try $0.add(Sources.define("SYSCALL_DEFINE0(first)") + Sources.define("SYSCALL_DEFINE0(second)"))
                 }, mentions: ["defines 2 system calls"], fix: ["exactly one"]),
        BadInput(id: "definition only inside a comment", setup: { try $0.add("/* SYSCALL_DEFINE0(ghost) { return 0; } */\n") },
                 mentions: ["no system call definition"]),
        BadInput(id: "definition only inside a string", setup: { try $0.add("static const char *s = \"SYSCALL_DEFINE0(ghost) {}\";\n") },
                 mentions: ["no system call definition"]),
        BadInput(id: "asmlinkage function that is not sys_", setup: { try $0.add("asmlinkage long do_thing(void)\n{\n\treturn 0;\n}\n") },
                 mentions: ["no system call definition"]),
        BadInput(id: "COMPAT_SYSCALL_DEFINE with another name", setup: {
                     try $0.add(Sources.define("SYSCALL_DEFINE1(cfoo, int, a)") + Sources.define("COMPAT_SYSCALL_DEFINE1(cbar, int, a)"))
                 }, mentions: ["'cbar'", "'cfoo'"]),
        BadInput(id: "missing source file", setup: { s in ["add", s.base + "/src/nope.c", "--tree", s.tree] },
                 mentions: ["cannot read", "nope.c"]),
        BadInput(id: "source is a directory", setup: { s in
                     try FileManager.default.createDirectory(atPath: s.base + "/src/dir.c", withIntermediateDirectories: true)
                     return ["add", s.base + "/src/dir.c", "--tree", s.tree]
                 }, mentions: ["dir.c"]),

        // MARK: Trees
        BadInput(id: "tree does not exist", era: nil, setup: { s in try s.add(Sources.good).map { $0 == s.tree ? s.base + "/missing" : $0 } },
                 mentions: ["missing", "does not exist"], fix: ["--tree"]),
        BadInput(id: "tree is a file", era: nil, setup: { s in
                     let file = try s.write("notadir", "x")
                     return try s.add(Sources.good).map { $0 == s.tree ? file : $0 }
                 }, mentions: ["not a directory"]),
        BadInput(id: "empty directory is not a kernel tree", era: nil, setup: { s in
                     try FileManager.default.createDirectory(atPath: s.tree, withIntermediateDirectories: true)
                     return try s.add(Sources.good)
                 }, mentions: ["not a Linux kernel tree"], fix: ["top directory"]),
        BadInput(id: "a subdirectory of a kernel tree", setup: { s in try s.add(Sources.good).map { $0 == s.tree ? s.tree + "/kernel" : $0 } },
                 mentions: ["not a Linux kernel tree"]),
        BadInput(id: "Makefile but no syscalls.h", setup: { s in
                     try FileManager.default.removeItem(atPath: s.tree + "/include/linux/syscalls.h")
                     return try s.add(Sources.good)
                 }, mentions: ["not a Linux kernel tree"]),
        BadInput(id: "unknown layout: no table at all", setup: { s in
                     for dir in ["arch", "scripts", "include/uapi"] { try FileManager.default.removeItem(atPath: s.tree + "/" + dir) }
                     return try s.add(Sources.good)
                 }, mentions: ["no known system call table"], fix: ["--tree"]),
        BadInput(id: "a tree from before the x86 merge", era: "2.6.25", setup: { s in
                     try FileManager.default.createDirectory(atPath: s.tree + "/arch/i386/kernel", withIntermediateDirectories: true)
                     try s.write("tree/arch/i386/kernel/syscall_table.S", "ENTRY(sys_call_table)\n\t.long sys_restart_syscall\n")
                     return try s.add(Sources.good)
                 }, mentions: ["predates the x86 merge"], fix: ["2.6.24"]),
        BadInput(id: "a tree built in place", setup: { s in
                     try s.write("tree/.config", "CONFIG_64BIT=y\n")
                     return ["build", "--tree", s.tree]
                 }, mentions: ["built or configured in place", "(it has .config)"], fix: ["make mrproper"]),
        BadInput(id: "a tree with in-place generated headers (make headers_install)", setup: { s in
                     try s.write("tree/arch/x86/include/generated/uapi/asm/unistd_64.h", "#define __NR_read 0\n")
                     return ["build", "--tree", s.tree]
                 }, mentions: ["arch/x86/include/generated"], fix: ["make mrproper"]),
        BadInput(id: "a tree built in place, seen by test", setup: { s in
                     try s.write("tree/include/config/auto.conf", "CONFIG_64BIT=y\n")
                     _ = try s.syscraft(try s.add(Sources.good) + ["--cache-dir", s.cache])
                     return ["test", "--tree", s.tree]
                 }, mentions: ["built or configured in place", "include/config"], fix: ["make mrproper"]),
        BadInput(id: "an arch's table deleted while its directory is there", setup: { s in
                     try FileManager.default.removeItem(atPath: s.tree + "/" + x64)
                     return try s.add(Sources.good)
                 }, mentions: ["syscall_64.tbl is missing", "damaged"], fix: ["git checkout"]),
        BadInput(id: "a syscall named after a kernel macro", setup: { s in
                     try s.write("tree/include/linux/compiler.h", "#ifndef __LINUX_COMPILER_H\n# define likely(x)\t__builtin_expect(!!(x), 1)\n#endif\n")
                     return try s.add(Sources.define("SYSCALL_DEFINE0(likely)"))
                 }, mentions: ["'likely' is a macro", "include/linux/compiler.h:2"], fix: ["another name"]),
        BadInput(id: "--cache-dir below a regular file", setup: { s in
                     try s.write("plainfile", "not a directory\n")
                     return try s.add(Sources.good, ["--cache-dir", s.base + "/plainfile/cache"])
                 }, code: 4, mentions: ["plainfile is a file, not a directory"], fix: ["a --cache-dir that is a directory"]),
        BadInput(id: "XDG_CACHE_HOME below a regular file", setup: { s in
                     try s.write("xdg-cache", "not a directory\n")
                     return try s.add(Sources.good) + ["--cache-dir", ""]
                 }, code: 4, mentions: ["xdg-cache is a file, not a directory"], fix: ["XDG_CACHE_HOME"]),
        BadInput(id: "--cache-dir inside the tree", setup: { s in try s.add(Sources.good, ["--cache-dir", s.tree + "/.syscraft"]) },
                 mentions: ["inside the kernel tree"], fix: ["--cache-dir"]),

        // MARK: Tables
        BadInput(id: "a table with DOS line endings", setup: { s in
                     let full = s.tree + "/" + x64
                     let text = try String(contentsOfFile: full, encoding: .utf8)
                     try text.replacingOccurrences(of: "\n", with: "\r\n").write(toFile: full, atomically: false, encoding: .utf8)
                     return try s.add(Sources.good)
                 }, mentions: [x64, "CRLF"], fix: ["dos2unix"]),
        BadInput(id: "a header with DOS line endings", setup: { s in
                     try s.edit("include/linux/syscalls.h", replacing: "asmlinkage long sys_getpid(void);\n",
                                with: "asmlinkage long sys_getpid(void);\r\n")
                     return try s.add(Sources.good)
                 }, mentions: ["include/linux/syscalls.h", "CRLF"], fix: ["dos2unix"]),
        BadInput(id: "--config names an option of another Kconfig file", setup: { s in
                     try s.write("tree/kernel/bpf/Kconfig", "menu \"BPF\"\n\nmenuconfig BPF_SYSCALL\n\tbool \"Enable bpf() system call\"\n\nendmenu\n")
                     return try s.add(Sources.good, ["--config", "BPF_SYSCALL"])
                 }, mentions: ["BPF_SYSCALL already exists", "kernel/bpf/Kconfig line 3"], fix: ["another --config"]),
        BadInput(id: "a source whose braces do not match", setup: { try $0.add("SYSCALL_DEFINE0(kopen)\n{\n\treturn 0;\n") },
                 mentions: ["unclosed '{' at line 2"], fix: ["fix the C"]),
        BadInput(id: "a table line with two fields", setup: { s in
                     try s.edit(x64, replacing: "462\tcommon\tmseal", with: "461\tcommon\n462\tcommon\tmseal")
                     return try s.add(Sources.good)
                 }, mentions: [x64, "line"], fix: ["fix"]),
        BadInput(id: "a table line with a bad number", setup: { s in
                     try s.edit(x64, replacing: "462\tcommon\tmseal", with: "46x\tcommon\tbroken\t\t\tsys_broken\n462\tcommon\tmseal")
                     return try s.add(Sources.good)
                 }, mentions: [x64, "46x"]),
        BadInput(id: "a table out of order", setup: { s in
                     try s.edit(x64, replacing: "100\tcommon\tcall100\t\t\tsys_call100\n101\tcommon\tcall101\t\t\tsys_call101",
                                with: "101\tcommon\tcall101\t\t\tsys_call101\n100\tcommon\tcall100\t\t\tsys_call100")
                     return try s.add(Sources.good)
                 }, mentions: [x64, "101", "100"], fix: ["sort"]),
        BadInput(id: "a number used twice", setup: { s in
                     try s.append("scripts/syscall.tbl", "462\tcommon\ttwin\t\t\t\tsys_twin\n")
                     return try s.add(Sources.good)
                 }, mentions: ["scripts/syscall.tbl", "462", "twice"]),
        BadInput(id: "an unknown abi tag", setup: { s in
                     try s.edit(x64, replacing: "462\tcommon\tmseal", with: "462\tcomon\tmseal")
                     return try s.add(Sources.good)
                 }, mentions: [x64, "comon"]),
        BadInput(id: "a table that is not UTF-8", setup: { s in
                     var data = try Data(contentsOf: URL(fileURLWithPath: s.tree + "/" + x64))
                     data.append(contentsOf: Array("# caf".utf8) + [0xe9] + Array("\n".utf8))
                     try data.write(to: URL(fileURLWithPath: s.tree + "/" + x64))
                     return try s.add(Sources.good)
                 }, mentions: [x64, "UTF-8"], fix: ["iconv"]),
        BadInput(id: "i386 .S table shorter than unistd_32.h", era: "2.6.25", setup: { s in
                     try s.edit("arch/x86/kernel/syscall_table_32.S", replacing: "\t.long sys_call3\n", with: "")
                     return try s.add(Sources.good)
                 }, mentions: ["syscall_table_32.S"]),

        // MARK: Files that cannot be written or lead outside
        BadInput(id: "a table symlinked outside the tree", setup: { s in
                     let full = s.tree + "/" + x64
                     try FileManager.default.moveItem(atPath: full, toPath: s.base + "/outside.tbl")
                     try FileManager.default.createSymbolicLink(atPath: full, withDestinationPath: s.base + "/outside.tbl")
                     return try s.add(Sources.good)
                 }, mentions: ["leads outside the tree"], fix: ["symlink"]),
        BadInput(id: "a directory symlinked outside the tree", setup: { s in
                     try FileManager.default.moveItem(atPath: s.tree + "/kernel", toPath: s.base + "/kernel-elsewhere")
                     try FileManager.default.createSymbolicLink(atPath: s.tree + "/kernel", withDestinationPath: s.base + "/kernel-elsewhere")
                     return try s.add(Sources.good)
                 }, mentions: ["leads outside the tree"]),
        BadInput(id: "an immutable table", setup: { s in
                     if try CLI.shell("/usr/bin/chattr", ["+i", s.tree + "/" + x64]) != 0 { chmod(s.tree + "/" + x64, 0o444) }
                     return try s.add(Sources.good)
                 }, code: 4, mentions: [x64], fix: [getuid() == 0 ? "chattr -i" : "chmod"]),
        BadInput(id: "a directory where kernel/NAME.c goes", setup: { s in
                     try FileManager.default.createDirectory(atPath: s.tree + "/kernel/kstacksize.c", withIntermediateDirectories: false)
                     return try s.add(Sources.good)
                 }, mentions: ["kernel/kstacksize.c"]),

        // MARK: Workflow
        BadInput(id: "duplicate add", setup: { s in
                     let args = try s.add(Sources.good)
                     _ = try s.syscraft(args + ["--cache-dir", s.cache])
                     return args
                 }, mentions: ["already added kstacksize"], fix: ["syscraft remove kstacksize"]),
        BadInput(id: "remove what syscraft did not add", setup: { s in ["remove", "mseal", "--tree", s.tree] },
                 mentions: ["did not add", "mseal"], fix: ["nothing was added"]),
        BadInput(id: "remove a name that is not a syscall", setup: { s in ["remove", "../../etc/passwd", "--tree", s.tree] },
                 mentions: ["did not add"]),
        BadInput(id: "unknown --arch for build", setup: { s in ["build", "--tree", s.tree, "--arch", "vax"] },
                 mentions: ["unknown arch 'vax'"], fix: ["x86_64"]),
        BadInput(id: "unknown --arch for test", setup: { s in
                     _ = try s.syscraft(try s.add(Sources.good) + ["--cache-dir", s.cache])
                     return ["test", "--tree", s.tree, "--arch", "x86_64,sparc"]
                 }, mentions: ["unknown arch 'sparc'"]),
        BadInput(id: "--cc with shell text", setup: { s in ["build", "--tree", s.tree, "--cc", "distcc; touch \(s.base)/pwned"] },
                 mentions: ["--cc", "not a plain command"], fix: ["--cc distcc"]),
        BadInput(id: "empty --arch", setup: { s in ["build", "--tree", s.tree, "--arch", ","] }, mentions: ["no arch"]),
        BadInput(id: "lower-case --config", setup: { try $0.add(Sources.good, ["--config", "kstack"]) },
                 mentions: ["'kstack' is not a Kconfig option name"], fix: ["upper-case"]),
        BadInput(id: "--config CONFIG_ only", setup: { try $0.add(Sources.good, ["--config", "CONFIG_"]) },
                 mentions: ["not a Kconfig option name"]),
        BadInput(id: "--config with a newline", setup: { try $0.add(Sources.good, ["--config", "A\nselect X"]) },
                 mentions: ["not a Kconfig option name"]),
        BadInput(id: "--test file missing", setup: { s in
                     _ = try s.syscraft(try s.add(Sources.good) + ["--cache-dir", s.cache])
                     return ["test", "--tree", s.tree, "--test", s.base + "/no_such_test.c"]
                 }, mentions: ["cannot read test program", "no_such_test.c"]),
        // MARK: run and shell (refused before anything is built or booted)
        BadInput(id: "run without a command", setup: { s in ["run", "--tree", s.tree] }, mentions: ["no command given"], fix: ["--help"]),
        BadInput(id: "run on two arches", setup: { s in ["run", "--tree", s.tree, "--arch", "x86_64,i386", "--", "true"] },
                 mentions: ["one arch at a time"], fix: ["--arch"]),
        BadInput(id: "run --kernel bogus", setup: { s in ["run", "--tree", s.tree, "--kernel", "bogus", "--", "true"] }, mentions: ["bogus"]),
        BadInput(id: "run --file of a dynamically linked program", setup: { s in ["run", "--tree", s.tree, "--file", "/bin/sh", "--", "true"] },
                 mentions: ["/bin/sh is dynamically linked"], fix: ["-static"]),
        BadInput(id: "run --file that does not exist", setup: { s in ["run", "--tree", s.tree, "--file", s.base + "/nothing", "--", "true"] },
                 mentions: ["cannot read", "nothing"], fix: ["HOST:GUEST"]),
        BadInput(id: "run --file onto /init", setup: { s in ["run", "--tree", s.tree, "--file", "/etc/hostname:/init", "--", "true"] },
                 mentions: ["bad guest path /init"], fix: ["absolute path"]),
        BadInput(id: "shell on an unknown arch", setup: { s in ["shell", "--tree", s.tree, "--arch", "vax"] }, mentions: ["unknown arch 'vax'"], fix: ["x86_64"]),
        BadInput(id: "unknown --accel", setup: { s in
                     _ = try s.syscraft(try s.add(Sources.good) + ["--cache-dir", s.cache])
                     return ["test", "--tree", s.tree, "--accel", "hvf"]
                 }, mentions: ["unknown accelerator 'hvf'"], fix: ["kvm or tcg"]),
        BadInput(id: "test before any add", setup: { s in ["test", "--tree", s.tree] },
                 mentions: ["has not added a syscall"], fix: ["syscraft add"]),
        BadInput(id: "table for an unknown name", setup: { s in ["table", "no_such_call", "--tree", s.tree] },
                 mentions: ["no_such_call"]),

        // MARK: The command line itself
        BadInput(id: "missing --tree", setup: { s in ["add", try s.write("src/k.c", Sources.good)] },
                 mentions: ["--tree"], fix: ["--help"]),
        BadInput(id: "unknown option", setup: { s in try s.add(Sources.good, ["--frobnicate"]) },
                 mentions: ["--frobnicate"], fix: ["--help"]),
        BadInput(id: "bad --placement value", setup: { s in try s.add(Sources.good, ["--placement", "nowhere"]) },
                 mentions: ["nowhere"], fix: ["--help"]),
        BadInput(id: "non-numeric --timeout", setup: { s in ["test", "--tree", s.tree, "--timeout", "soon"] },
                 mentions: ["soon"], fix: ["--help"]),
        BadInput(id: "unknown subcommand", setup: { _ in ["frob"] },
                 mentions: ["frob"], fix: ["--help"]),
        BadInput(id: "compare without a workload", setup: { s in ["compare", "--tree", s.tree, "--base", "HEAD"] },
                 mentions: ["give the workload", "--bench"], fix: ["--help"]),
        BadInput(id: "compare with two workloads", setup: { s in ["compare", "--tree", s.tree, "--bench", try s.write("src/b.c", "int main(void){return 0;}\n"), "--", "true"] },
                 mentions: ["not both"], fix: ["--help"]),
        BadInput(id: "compare --kernel base", setup: { s in ["compare", "--tree", s.tree, "--kernel", "base", "--", "true"] },
                 mentions: ["compare boots both kernels"], fix: ["name the base with --base"]),
        BadInput(id: "compare --expect without a verdict", setup: { s in ["compare", "--tree", s.tree, "--expect", "wakeup_p99", "--", "true"] },
                 mentions: ["--expect 'wakeup_p99'"], fix: ["wakeup_p99:slower"]),
        BadInput(id: "compare with one run", setup: { s in ["compare", "--tree", s.tree, "--base", s.base, "--runs", "1", "--", "true"] },
                 mentions: ["--runs 1"], fix: ["--runs 5"]),
        BadInput(id: "compare --bench that does not exist", setup: { s in ["compare", "--tree", s.tree, "--bench", s.base + "/nothing.c"] },
                 mentions: ["cannot read --bench"], fix: ["existing C file"]),
        BadInput(id: "compare with no base to be had", setup: { s in ["compare", "--tree", s.tree, "--", "true"] },
                 mentions: ["no base kernel to compare"], fix: ["--base DIR"]),
        BadInput(id: "compare --base REF outside git", setup: { s in ["compare", "--tree", s.tree, "--base", "HEAD", "--", "true"] },
                 mentions: ["not a git checkout"], fix: ["--base DIR"]),
        BadInput(id: "compare --base of a directory that is no tree", setup: { s in ["compare", "--tree", s.tree, "--base", s.base + "/src", "--", "true"] },
                 mentions: ["is not a kernel tree"], fix: ["another kernel tree"]),
        BadInput(id: "run --base without --kernel base", setup: { s in ["run", "--tree", s.tree, "--base", "HEAD", "--", "true"] },
                 mentions: ["--base names the kernel"], fix: ["--help"]),
        BadInput(id: "debug --kernel stock", setup: { s in ["debug", "--tree", s.tree, "--kernel", "stock", "--break", "kstacksize", "--", "true"] },
                 mentions: ["debug builds the tree's own kernel"], fix: ["--help"]),
        BadInput(id: "run --kernel base with no base to be had", setup: { s in ["run", "--tree", s.tree, "--kernel", "base", "--", "true"] },
                 mentions: ["no base kernel"], fix: ["--base"]),
    ]

    @Test("bad input: refused with one clear line, tree untouched", arguments: cases)
    func refused(_ input: BadInput) throws {
        let s = try Scratch(era: input.era, label: "bad")
        defer { s.remove() }
        var args = try input.setup(s)
        if !args.contains("--cache-dir"), ["add", "remove", "build", "test", "table", "compare", "run"].contains(args.first ?? "") {
            args += ["--cache-dir", s.cache]
        }
        let tree = TreeSnapshot(s.tree)
        let scratch = TreeSnapshot(s.base)
        let run = try s.syscraft(args)

        #expect(run.status == input.code, "\(run)")
        #expect(run.signal == nil)
        #expect(run.errorLines.count == 1, "expected exactly one error line: \(run)")
        #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Stack dump"), "\(run)")
        let line = run.errorLines.first ?? ""
        let parts = line.dropFirst("syscraft: error: ".count).components(separatedBy: "; ")
        #expect(parts.count >= 2 && !parts[0].isEmpty && !(parts.last ?? "").isEmpty, "no '; fix' in: \(line)")
        let problem = parts.dropLast().joined(separator: "; "), fix = parts.last ?? ""
        #expect(!problem.hasSuffix("."), "a sentence break before the fix: \(line)")
        for word in input.mentions { #expect(problem.contains(word), "problem part lacks '\(word)': \(line)") }
        for word in input.fix { #expect(fix.contains(word), "fix part lacks '\(word)': \(line)") }

        let treeChanges = TreeSnapshot(s.tree).differences(from: tree)
        #expect(treeChanges.isEmpty, "tree changed: \(treeChanges)")
        // Nothing written anywhere else in the scratch directory but the caches.
        let changed = TreeSnapshot(s.base).differences(from: scratch).filter { !$0.hasPrefix("cache") && !$0.hasPrefix("xdg-cache") }
        #expect(changed.isEmpty, "written outside the cache: \(changed)")
    }

    /// Runs where this host lacks the riscv64 cross toolchain (CI installs x86_64 and arm64 only).
    @Test("a missing cross toolchain is named before any arch is built, with the doctor line, exit 4",
          .enabled(if: !FileManager.default.isExecutableFile(atPath: "/usr/bin/riscv64-linux-gnu-gcc"), "riscv64's cross compiler is installed here"))
    func missingToolchain() throws {
        let s = try Scratch(era: "6.12", label: "toolchain")
        defer { s.remove() }
        #expect(try s.syscraft(try s.add(Sources.good) + ["--cache-dir", s.cache]).status == 0)
        let before = TreeSnapshot(s.tree)
        let run = try s.syscraft(["test", "--tree", s.tree, "--cache-dir", s.cache, "--arch", "x86_64,riscv64"])
        #expect(run.status == 4, "\(run)")
        #expect(run.errorLines.count == 1, "\(run)")
        let line = run.errorLines.first ?? ""
        #expect(line.contains("riscv64-linux-gnu-gcc") && line.contains("syscraft doctor --install --arch x86_64,riscv64"), "\(line)")
        // Refused up front: x86_64 was not built first.
        let trees = (try? FileManager.default.contentsOfDirectory(atPath: s.cache + "/trees")) ?? []
        #expect(!trees.contains { FileManager.default.fileExists(atPath: s.cache + "/trees/\($0)/build-x86_64") }, "x86_64 was built before the refusal")
        #expect(TreeSnapshot(s.tree) == before)
    }

    /// A synthetic tree has no kernel to build: each arch's build fails at once, which is what --keep-going is about.
    @Test("test across arches: without --keep-going the arches after a failed one are rows that say so; with it, each is tried")
    func keepGoing() throws {
        let s = try Scratch(era: "6.12", label: "keepgoing")
        defer { s.remove() }
        #expect(try s.syscraft(try s.add(Sources.good) + ["--cache-dir", s.cache]).status == 0)
        let before = TreeSnapshot(s.tree)
        func rows(_ extra: [String]) throws -> [[String: Any]] {
            let run = try s.syscraft(["test", "--tree", s.tree, "--cache-dir", s.cache, "--arch", "x86_64,i386", "--json"] + extra)
            #expect(run.status == 1, "\(run)")
            let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            return json?["results"] as? [[String: Any]] ?? []
        }
        let stopped = try rows([])
        let i386 = stopped.filter { $0["arch"] as? String == "i386" }
        #expect(i386.count == 1 && (i386.first?["reason"] as? String)?.contains("not built: x86_64 failed first") == true, "\(stopped)")
        let all = try rows(["--keep-going"])
        let tried = all.filter { $0["arch"] as? String == "i386" }
        #expect(!tried.isEmpty && tried.allSatisfy { ($0["reason"] as? String)?.contains("not built") == false }, "\(all)")
        #expect(TreeSnapshot(s.tree) == before)
    }

    @Test("the suite has at least 40 cases with distinct names")
    func enoughCases() {
        #expect(Self.cases.count >= 40)
        #expect(Set(Self.cases.map(\.id)).count == Self.cases.count)
    }
}
