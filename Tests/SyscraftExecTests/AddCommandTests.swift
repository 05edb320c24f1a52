import Foundation
import Testing

/// `syscraft add`, `remove` and `table` run as the real binary on copies of every era fixture
/// (CLIHarness: `CLI`, `Scratch`, `TreeSnapshot`).
@Suite struct AddCommandTests {
    /// What `add --dry-run --json` must report for kstacksize on each era fixture: numbers by ABI and the files.
    struct Era: Sendable, CustomTestStringConvertible {
        var name: String
        var numbers: [String: Int]
        var files: Set<String>
        var testDescription: String { name }
    }

    static let common: Set<String> = ["kernel/kstacksize.c", "kernel/Makefile", "include/linux/syscalls.h"]
    static let x86Tbl: Set<String> = ["arch/x86/entry/syscalls/syscall_64.tbl", "arch/x86/entry/syscalls/syscall_32.tbl"]
    static let arm64Compat: Set<String> = ["arch/arm64/include/asm/unistd32.h", "arch/arm64/include/asm/unistd.h"]
    static let mips: Set<String> = ["o32", "n32", "n64"].reduce(into: []) { $0.insert("arch/mips/kernel/syscalls/syscall_\($1).tbl") }

    static let eras: [Era] = [
        Era(
            name: "2.6.25", numbers: ["i386": 327, "x86_64": 288],
            files: common.union([
                "arch/x86/kernel/syscall_table_32.S", "arch/x86/ia32/ia32entry.S", "include/asm-x86/unistd_32.h",
                "include/asm-x86/unistd_64.h",
            ])),
        Era(
            name: "3.2", numbers: ["i386": 349, "x86_64": 312],
            files: common.union([
                "arch/x86/kernel/syscall_table_32.S", "arch/x86/ia32/ia32entry.S", "arch/x86/include/asm/unistd_32.h",
                "arch/x86/include/asm/unistd_64.h",
            ])),
        Era(
            name: "4.1", numbers: ["i386": 359, "x86_64": 323, "x32": 0x4000_0000 + 323, "arm64": 282, "arm64/compat": 388],
            files: common.union(arm64Compat).union([
                "arch/x86/syscalls/syscall_64.tbl", "arch/x86/syscalls/syscall_32.tbl", "include/uapi/asm-generic/unistd.h",
            ])),
        Era(
            name: "4.14", numbers: [
                "i386": 385, "x86_64": 333, "x32": 0x4000_0000 + 333, "arm64": 292, "arm64/compat": 398, "arm": 398,
            ],
            files: common.union(x86Tbl).union(arm64Compat).union([
                "include/uapi/asm-generic/unistd.h", "arch/arm/tools/syscall.tbl",
            ])),
        Era(
            name: "5.4",
            numbers: [
                "i386": 436, "x86_64": 436, "x32": 0x4000_0000 + 436, "arm64": 436, "arm64/compat": 436, "arm": 436, "mips/o32": 4436, "mips/n32": 6436,
                "mips/n64": 5436, "alpha": 546, "ia64": 1460, "s390": 436,
            ],
            files: common.union(x86Tbl).union(arm64Compat).union(mips).union([
                "include/uapi/asm-generic/unistd.h", "arch/arm/tools/syscall.tbl", "arch/alpha/kernel/syscalls/syscall.tbl",
                "arch/ia64/kernel/syscalls/syscall.tbl", "arch/s390/kernel/syscalls/syscall.tbl",
            ])),
        Era(
            name: "6.1",
            numbers: [
                "x86_64": 451, "x32": 0x4000_0000 + 451, "i386": 451, "arm64": 451, "arm64/compat": 451, "riscv": 451, "loongarch": 451,
                "arm": 451, "alpha": 561,
                "ia64": 1475, "mips/o32": 4451, "mips/n64": 5451, "mips/n32": 6451, "powerpc": 451,
            ],
            files: common.union(x86Tbl).union(arm64Compat).union(mips).union([
                "include/uapi/asm-generic/unistd.h", "arch/arm/tools/syscall.tbl", "arch/alpha/kernel/syscalls/syscall.tbl",
                "arch/ia64/kernel/syscalls/syscall.tbl", "arch/powerpc/kernel/syscalls/syscall.tbl",
            ])),
        Era(
            name: "6.12", numbers: [
                "x86_64": 463, "x32": 0x4000_0000 + 463, "i386": 463, "arm64": 463, "arm64/compat": 463, "riscv": 463, "csky": 463,
                "alpha": 573,
            ],
            files: common.union(x86Tbl).union([
                "scripts/syscall.tbl", "arch/arm64/tools/syscall_32.tbl", "include/uapi/asm-generic/unistd.h",
                "arch/alpha/kernel/syscalls/syscall.tbl",
            ])),
    ]

    static let kstacksize = CLI.repoRoot.path + "/examples/kstacksize/kstacksize.c"

    /// The `add --json` document, decoded.
    struct PlanDocument: Decodable {
        struct Edit: Decodable {
            var path: String
            var added: [String]
            var removed: [String]
        }
        var name: String
        var numbers: [String: Int]
        var edits: [Edit]
    }

    struct TableDocument: Decodable {
        struct Row: Decodable {
            var arch: String
            var abi: String
            var number: Int
            var tableNumber: Int
            var name: String
            var entry: String
            var file: String
        }
        var rows: [Row]
    }

    static func decode<T: Decodable>(_ type: T.Type, _ run: CLI.Run) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(run.stdout.utf8))
    }

    /// Manifests written under the scratch cache (a dry run must write none).
    static func manifests(_ s: Scratch) -> [String] {
        let root = s.base + "/xdg-cache"
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var found: [String] = []
        while let path = walker.nextObject() as? String {
            if path.hasSuffix("manifest.json") { found.append(path) }
        }
        return found
    }

    // MARK: - add --dry-run

    @Test(arguments: eras) func dryRunJSONContract(_ era: Era) throws {
        let s = try Scratch(era: era.name, label: "add-json")
        defer { s.remove() }
        let before = TreeSnapshot(s.tree)
        let run = try s.syscraft(["add", Self.kstacksize, "--tree", s.tree, "--dry-run", "--json"])
        #expect(run.status == 0, "\(run)")
        let plan = try Self.decode(PlanDocument.self, run)
        #expect(plan.name == "kstacksize")
        #expect(plan.numbers == era.numbers)
        #expect(Set(plan.edits.map(\.path)) == era.files)
        #expect(plan.edits.count == era.files.count, "each file once")
        for edit in plan.edits {
            #expect(!edit.path.hasPrefix("/") && !edit.path.contains(s.tree), "relative: \(edit.path)")
            #expect(!edit.added.isEmpty, "\(edit.path)")
            // Only counts are bumped: a removed line is always replaced.
            #expect(edit.removed.count <= edit.added.count, "\(edit.path)")
        }
        let created = plan.edits.filter { !FileManager.default.fileExists(atPath: s.tree + "/" + $0.path) }.map(\.path)
        #expect(created == ["kernel/kstacksize.c"])
        #expect(TreeSnapshot(s.tree) == before, "a dry run writes nothing")
        #expect(Self.manifests(s).isEmpty, "a dry run records nothing")
    }

    @Test(arguments: eras) func dryRunDiffNamesEveryFile(_ era: Era) throws {
        let s = try Scratch(era: era.name, label: "add-diff")
        defer { s.remove() }
        let before = TreeSnapshot(s.tree)
        let run = try s.syscraft(["add", Self.kstacksize, "--tree", s.tree, "--dry-run"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("--- /dev/null\n+++ b/kernel/kstacksize.c\n"))
        let targets = Set(run.stdout.split(separator: "\n").filter { $0.hasPrefix("+++ b/") }.map { String($0.dropFirst(6)) })
        #expect(targets == era.files)
        #expect(TreeSnapshot(s.tree) == before)
    }

    // MARK: - add, add again, table, remove

    @Test(arguments: eras) func addThenRemoveIsByteIdentical(_ era: Era) throws {
        let s = try Scratch(era: era.name, label: "add-remove")
        defer { s.remove() }
        let before = TreeSnapshot(s.tree)

        let preview = try Self.decode(PlanDocument.self, try s.syscraft(["add", Self.kstacksize, "--tree", s.tree, "--dry-run", "--json"]))
        let add = try s.syscraft(["add", Self.kstacksize, "--tree", s.tree, "--json"])
        #expect(add.status == 0, "\(add)")
        let applied = try Self.decode(PlanDocument.self, add)
        #expect(applied.numbers == preview.numbers)
        let afterAdd = TreeSnapshot(s.tree)
        #expect(Set(afterAdd.differences(from: before)) == era.files)
        // The edits the JSON announced are the ones on disk.
        for edit in applied.edits {
            let lines = Set((try? String(contentsOfFile: s.tree + "/" + edit.path, encoding: .utf8))?.components(separatedBy: "\n") ?? [])
            for line in edit.added { #expect(lines.contains(line), "\(edit.path): \(line)") }
            for line in edit.removed { #expect(!lines.contains(line), "\(edit.path): \(line)") }
        }
        if era.name == "6.12" {
            // The arm64 native table is a symlink to scripts/syscall.tbl: the link stays, its target is edited.
            #expect(afterAdd.entries["arch/arm64/tools/syscall_64.tbl"] == .symlink("../../../scripts/syscall.tbl"))
        }

        // The tree's own tables now list it, with the numbers add reported.
        let table = try s.syscraft(["table", "kstacksize", "--tree", s.tree, "--json"])
        #expect(table.status == 0, "\(table)")
        let rows = try Self.decode(TableDocument.self, table).rows
        for (key, number) in era.numbers {
            #expect(rows.contains { $0.arch == key && $0.number == number && $0.name == "kstacksize" }, "\(key)")
        }

        // Adding it again is refused and changes nothing.
        let again = try s.syscraft(["add", Self.kstacksize, "--tree", s.tree])
        #expect(again.status == 2, "\(again)")
        #expect(again.errorLines.count == 1)
        #expect(TreeSnapshot(s.tree) == afterAdd)

        // The loop edits the body; remove deletes the file it created, keeping a copy of the user's version in the cache.
        let implementation = era.files.first { $0.hasPrefix("kernel/kstacksize") }
        if let implementation {
            try s.append(implementation, "/* edited by the user */\n")
        }
        let remove = try s.syscraft(["remove", "kstacksize", "--tree", s.tree])
        #expect(remove.status == 0, "\(remove)")
        #expect(TreeSnapshot(s.tree).differences(from: before) == [])
        if let implementation {
            #expect(remove.stderr.contains("kept a copy of \(implementation)"), "\(remove)")
            // The path is the one the status line names ("... at /path/to/copy").
            let line = try #require(remove.stderr.split(separator: "\n").first { $0.contains("kept a copy") })
            let copy = try #require(line.components(separatedBy: " at ").last)
            #expect(copy.contains("/removed/") && !copy.hasPrefix(s.tree + "/"))
            #expect(try String(contentsOfFile: copy, encoding: .utf8).hasSuffix("/* edited by the user */\n"))
        }

        // Once removed it can be added again, to the same numbers.
        let readd = try Self.decode(PlanDocument.self, try s.syscraft(["add", Self.kstacksize, "--tree", s.tree, "--json"]))
        #expect(readd.numbers == era.numbers)
        #expect(TreeSnapshot(s.tree) == afterAdd)
    }

    /// A tree re-extracted (or reset) at the same path after an add: the stale record neither blocks a new add
    /// nor a remove, and a partly reverted tree is still refused rather than guessed at.
    @Test(arguments: ["2.6.25", "6.1", "6.12"]) func reExtractedTreeForgetsTheStaleRecord(_ era: String) throws {
        let s = try Scratch(era: era, label: "re-extract")
        defer { s.remove() }
        let pristine = TreeSnapshot(s.tree)
        func reExtract() throws {
            try FileManager.default.removeItem(atPath: s.tree)
            try Scratch.copyFixture(era, to: s.tree)
        }
        #expect(try s.syscraft(["add", Self.kstacksize, "--tree", s.tree]).status == 0)
        let patched = TreeSnapshot(s.tree)
        try reExtract()
        let again = try s.syscraft(["add", Self.kstacksize, "--tree", s.tree])
        #expect(again.status == 0, "\(again)")
        #expect(again.stderr.contains("adding it afresh"), "\(again)")
        #expect(TreeSnapshot(s.tree) == patched)

        try reExtract()
        let forget = try s.syscraft(["remove", "kstacksize", "--tree", s.tree])
        #expect(forget.status == 0, "\(forget)")
        #expect(forget.stdout.contains("forgot kstacksize"), "\(forget)")
        #expect(TreeSnapshot(s.tree) == pristine)
        #expect(try s.syscraft(["remove", "kstacksize", "--tree", s.tree]).status == 2)
        #expect(try s.syscraft(["add", Self.kstacksize, "--tree", s.tree]).status == 0)
        #expect(TreeSnapshot(s.tree) == patched)
    }

    /// A name the tree already has (here `getpid`, which every fixture's syscalls.h declares) is refused untouched.
    @Test(arguments: eras) func existingNameIsRefused(_ era: Era) throws {
        let s = try Scratch(era: era.name, label: "add-exists")
        defer { s.remove() }
        let before = TreeSnapshot(s.tree)
        let source = try s.write("getpid.c", "#include <linux/syscalls.h>\n\nSYSCALL_DEFINE0(getpid)\n{\n\treturn 0;\n}\n")
        let run = try s.syscraft(["add", source, "--tree", s.tree, "--dry-run", "--json"])
        #expect(run.status == 2, "\(run)")
        #expect(run.errorLines.first?.contains("already exists") == true, "\(run)")
        #expect(TreeSnapshot(s.tree) == before)
        #expect(Self.manifests(s).isEmpty)
    }

    /// A syscall with arguments and a compat entry point, on the oldest and the prefixed eras.
    @Test func argumentsAndCompat() throws {
        let source = """
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
        for era in ["2.6.25", "5.4"] {
            let s = try Scratch(era: era, label: "add-compat")
            defer { s.remove() }
            let path = try s.write("getinfo.c", source)
            let run = try s.syscraft(["add", path, "--tree", s.tree, "--compat", "--dry-run", "--json"])
            #expect(run.status == 0, "\(run)")
            let plan = try Self.decode(PlanDocument.self, run)
            func added(_ path: String) -> [String] { plan.edits.first { $0.path == path }?.added ?? [] }
            #expect(added("include/linux/syscalls.h") == ["asmlinkage long sys_getinfo(int fd, char __user *buf, size_t len);"])
            #expect(added("include/linux/compat.h") == ["asmlinkage long compat_sys_getinfo(int fd, compat_uptr_t buf, compat_size_t len);"])
            if era == "2.6.25" {
                #expect(plan.numbers == ["i386": 327, "x86_64": 288])
                #expect(added("arch/x86/ia32/ia32entry.S") == ["\t.quad compat_sys_getinfo"])
                #expect(added("arch/x86/kernel/syscall_table_32.S") == ["\t.long sys_getinfo"])
                let impl = added("kernel/getinfo.c")
                #expect(impl.contains("asmlinkage long sys_getinfo(int fd, char __user *buf, size_t len)"))
                #expect(impl.contains("asmlinkage long compat_sys_getinfo(int fd, compat_uptr_t buf, compat_size_t len)"))
                #expect(run.stderr.contains("warning"))
            } else {
                #expect(added("arch/x86/entry/syscalls/syscall_64.tbl") == ["436\tcommon\tgetinfo\t\t\t__x64_sys_getinfo"])
                #expect(added("arch/x86/entry/syscalls/syscall_32.tbl") == ["436\ti386\tgetinfo\t\t\tsys_getinfo\t\t\t__ia32_compat_sys_getinfo"])
                #expect(added("include/uapi/asm-generic/unistd.h").contains("__SC_COMP(__NR_getinfo, sys_getinfo, compat_sys_getinfo)"))
                #expect(added("arch/arm64/include/asm/unistd32.h").contains("__SYSCALL(__NR_getinfo, compat_sys_getinfo)"))
            }
        }
    }

    // MARK: - table

    @Test func tableOneArch() throws {
        let s = try Scratch(era: "6.1", label: "table")
        defer { s.remove() }
        let json = try s.syscraft(["table", "--tree", s.tree, "--arch", "x86_64", "--json"])
        #expect(json.status == 0, "\(json)")
        let rows = try Self.decode(TableDocument.self, json).rows
        #expect(rows.allSatisfy { $0.arch == "x86_64" && $0.file == "arch/x86/entry/syscalls/syscall_64.tbl" })
        #expect(rows.map(\.number) == rows.map(\.number).sorted())
        // The main range only: the legacy x32 block (512-547) is not x86_64's.
        #expect(rows.last?.number == 450 && rows.last?.name == "set_mempolicy_home_node")
        #expect(!rows.contains { $0.abi == "x32" })

        let text = try s.syscraft(["table", "--tree", s.tree, "--arch", "x86_64"])
        #expect(text.status == 0, "\(text)")
        let last = text.stdout.split(separator: "\n").last.map { $0.split(separator: " ").map(String.init) } ?? []
        #expect(last.prefix(3) == ["x86_64", "450", "450"], "\(text)")
        #expect(last.contains("set_mempolicy_home_node"))

        let mips = try Self.decode(TableDocument.self, try s.syscraft(["table", "--tree", s.tree, "--arch", "mips", "--json"])).rows
        #expect(Set(mips.map(\.arch)) == ["mips/o32", "mips/n32", "mips/n64"])

        let unknown = try s.syscraft(["table", "--tree", s.tree, "--arch", "vax"])
        #expect(unknown.status == 2, "\(unknown)")
    }

    /// One name across every arch: the answer to "why is my 64-bit number different?".
    @Test func tableOneNameAcrossArches() throws {
        let s = try Scratch(era: "5.4", label: "table-name")
        defer { s.remove() }
        let run = try s.syscraft(["table", "clone3", "--tree", s.tree, "--json"])
        #expect(run.status == 0, "\(run)")
        let numbers = Dictionary(try Self.decode(TableDocument.self, run).rows.map { ($0.arch, $0.number) }) { a, _ in a }
        #expect(numbers["x86_64"] == 435)
        #expect(numbers["x32"] == 435 | 0x4000_0000)
        #expect(numbers["i386"] == 435)
        #expect(numbers["arm64"] == 435)
        #expect(numbers["arm"] == 435)
        #expect(numbers["mips/o32"] == 4435)
        #expect(numbers["mips/n32"] == 6435)
        #expect(numbers["mips/n64"] == 5435)
        #expect(numbers["s390"] == 435)

        let old = try Self.decode(TableDocument.self, try s.syscraft(["table", "process_vm_writev", "--tree", Scratch.fixture("3.2"), "--json"]))
        #expect(Dictionary(old.rows.map { ($0.arch, $0.number) }) { a, _ in a } == ["i386": 348, "x86_64": 311])

        let missing = try s.syscraft(["table", "nosuchcall", "--tree", s.tree])
        #expect(missing.status == 2, "\(missing)")
    }

    /// Diagnostics as the user sees them: a warning names the problem on its "syscraft: warning:" line and the fix on
    /// an indented "hint:" line; a note has no "warning:"; in JSON each is one string (message and hint).
    @Test func diagnosticsRendered() throws {
        let s = try Scratch(era: "6.12", label: "diagnostics")
        defer { s.remove() }
        let path = try s.write("kwide.c", "#include <linux/syscalls.h>\n\nSYSCALL_DEFINE1(kwide, loff_t, pos)\n{\n\treturn 0;\n}\n")
        let run = try s.syscraft(["add", path, "--tree", s.tree, "--dry-run", "--only-arch", "x86_64"])
        #expect(run.status == 0, "\(run)")
        let lines = run.stderr.split(separator: "\n").map(String.init)
        let warning = try #require(lines.firstIndex { $0.hasPrefix("syscraft: warning: argument 'pos' is a 64-bit scalar") }, "\(run.stderr)")
        #expect(lines.indices.contains(warning + 1) && lines[warning + 1].hasPrefix("  hint: consider a compat entry point"), "\(run.stderr)")
        // The fixture has no arch/x86/kernel/Makefile: the implementation stays in kernel/, built for x86_64 only.
        #expect(lines.contains { $0.hasPrefix("syscraft: implemented on x86_64 only (kernel/kwide.c)") }, "\(run.stderr)")
        let json = try s.syscraft(["add", path, "--tree", s.tree, "--dry-run", "--json", "--only-arch", "x86_64"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let warnings = try #require(object["warnings"] as? [String], "\(json.stdout)")
        #expect(warnings.contains { $0.contains("64-bit scalar") && $0.contains("\n  hint: consider a compat entry point") }, "\(warnings)")
        let bad = try s.syscraft(["add", path, "--tree", s.tree, "--only-arch", "vax"])
        #expect(bad.status == 2 && bad.errorLines.count == 1 && bad.stderr.contains("no arch 'vax'"), "\(bad)")
    }
}
