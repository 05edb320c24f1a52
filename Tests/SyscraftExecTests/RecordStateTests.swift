import Foundation
import Testing

/// The record follows the tree: after a reset, a branch switch or a hand edit, a record is present, dormant or partial,
/// numbers come from the tree, and `status` says so. The real binary on copies of the 6.12 fixture.
@Suite struct RecordStateTests {
    static let kstacksize = CLI.repoRoot.path + "/examples/kstacksize/kstacksize.c"
    static let kanswerSource = "#include <linux/syscalls.h>\n\nSYSCALL_DEFINE0(kanswer)\n{\n\treturn 42;\n}\n"

    struct StatusDocument: Decodable {
        struct Syscall: Decodable {
            var name: String
            var state: String
            var numbers: [String: Int]
            var recorded_numbers: [String: Int]
            var found: [String]?
            var missing: [String]?
        }
        var syscalls: [Syscall]
        var cache: String
        var interrupted: String?
    }

    static func status(_ s: Scratch) throws -> StatusDocument {
        let run = try s.syscraft(["status", "--tree", s.tree, "--json"])
        try #require(run.status == 0, "\(run)")
        return try JSONDecoder().decode(StatusDocument.self, from: Data(run.stdout.utf8))
    }

    /// The tree's files as they are (a branch's content), and putting them back (a checkout of that branch).
    static func files(_ root: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let fm = FileManager.default
        for case let path as String in fm.enumerator(atPath: root)! {
            var isDir: ObjCBool = false
            let full = root + "/" + path
            if fm.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue,
               (try? fm.destinationOfSymbolicLink(atPath: full)) == nil {
                result[path] = fm.contents(atPath: full)
            }
        }
        return result
    }

    static func checkout(_ files: [String: Data], into root: String) throws {
        let fm = FileManager.default
        for (path, _) in try Self.files(root) where files[path] == nil { try fm.removeItem(atPath: root + "/" + path) }
        for (path, data) in files where fm.contents(atPath: root + "/" + path) != data {
            try data.write(to: URL(fileURLWithPath: root + "/" + path))
        }
    }

    @Test("after a reset, the earlier record is dormant: not in status's numbers, the re-added syscall takes 463 alone")
    func resetMakesDormant() throws {
        let s = try Scratch(era: "6.12", label: "dormant")
        defer { s.remove() }
        let pristine = try Self.files(s.tree)
        let kanswer = try s.write("kanswer.c", Self.kanswerSource)
        #expect(try s.syscraft(["add", kanswer, "--tree", s.tree]).status == 0)
        #expect(try s.syscraft(["add", Self.kstacksize, "--tree", s.tree]).status == 0)
        var status = try Self.status(s)
        #expect(status.syscalls.map(\.state) == ["present", "present"])
        #expect(status.syscalls.first { $0.name == "kanswer" }?.numbers["x86_64"] == 463)
        #expect(status.syscalls.first { $0.name == "kstacksize" }?.numbers["x86_64"] == 464)

        try Self.checkout(pristine, into: s.tree)   // git reset --hard && git clean -fdx
        status = try Self.status(s)
        #expect(status.syscalls.map(\.state) == ["dormant", "dormant"])
        #expect(status.syscalls.allSatisfy { $0.numbers.isEmpty }, "a dormant record has no number in the tree")

        let readd = try s.syscraft(["add", Self.kstacksize, "--tree", s.tree, "--json"])
        #expect(readd.status == 0, "\(readd)")
        status = try Self.status(s)
        let answer = try #require(status.syscalls.first { $0.name == "kanswer" })
        let stack = try #require(status.syscalls.first { $0.name == "kstacksize" })
        #expect(answer.state == "dormant" && answer.numbers.isEmpty)
        #expect(answer.recorded_numbers["x86_64"] == 463, "the record keeps what add gave it")
        #expect(stack.state == "present" && stack.numbers["x86_64"] == 463)
        // Among the records in the tree, no two share a number on any ABI.
        let present = status.syscalls.filter { $0.state == "present" }
        for abi in Set(present.flatMap(\.numbers.keys)) {
            let numbers = present.compactMap { $0.numbers[abi] }
            #expect(Set(numbers).count == numbers.count, "\(abi): \(numbers)")
        }
        // A dormant record is not exported.
        let patch = try s.syscraft(["patch", "kanswer", "--tree", s.tree, "-o", s.base + "/out", "--author", "A U Thor <a@example.org>"])
        #expect(patch.status == 2, "\(patch)")
        #expect(patch.errorLines.first?.contains("dormant") == true, "\(patch)")
        // The text form names both states.
        let text = try s.syscraft(["status", "--tree", s.tree])
        #expect(text.stdout.contains("kanswer: dormant") && text.stdout.contains("kstacksize: present (") , "\(text)")
        #expect(text.stdout.contains("kept per tree path and per cache directory"), "\(text)")
    }

    @Test("a branch switch: each branch's record is present on its branch and dormant on the other")
    func branchSwitch() throws {
        let s = try Scratch(era: "6.12", label: "branches")
        defer { s.remove() }
        let pristine = try Self.files(s.tree)
        let kanswer = try s.write("kanswer.c", Self.kanswerSource)
        #expect(try s.syscraft(["add", kanswer, "--tree", s.tree]).status == 0)
        let branchA = try Self.files(s.tree)
        try Self.checkout(pristine, into: s.tree)
        #expect(try s.syscraft(["add", Self.kstacksize, "--tree", s.tree]).status == 0)
        let branchB = try Self.files(s.tree)
        for (branch, files, here, away) in [("A", branchA, "kanswer", "kstacksize"), ("B", branchB, "kstacksize", "kanswer"), ("A", branchA, "kanswer", "kstacksize")] {
            try Self.checkout(files, into: s.tree)
            let status = try Self.status(s)
            let onBranch = try #require(status.syscalls.first { $0.name == here })
            #expect(onBranch.state == "present" && onBranch.numbers["x86_64"] == 463, "branch \(branch): \(onBranch)")
            #expect(status.syscalls.first { $0.name == away }?.state == "dormant", "branch \(branch)")
        }
    }

    @Test("a partial record is never judged: test refuses in one line naming what is there and missing, tree untouched; remove --forget drops it")
    func partialRecord() throws {
        let s = try Scratch(era: "6.12", label: "partial")
        defer { s.remove() }
        let kanswer = try s.write("kanswer.c", Self.kanswerSource)
        #expect(try s.syscraft(["add", kanswer, "--tree", s.tree]).status == 0)
        // The implementation left behind (untracked across a checkout), everything else gone: restore the tables only.
        let tbl = s.tree + "/arch/x86/entry/syscalls/syscall_64.tbl"
        let text = try String(contentsOfFile: tbl, encoding: .utf8)
        try text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("kanswer") }.joined(separator: "\n")
            .write(toFile: tbl, atomically: true, encoding: .utf8)
        let status = try Self.status(s)
        let record = try #require(status.syscalls.first)
        #expect(record.state == "partial")
        #expect(record.missing == ["arch/x86/entry/syscalls/syscall_64.tbl"], "\(record)")
        #expect(record.found?.contains("kernel/kanswer.c") == true, "\(record)")

        let before = TreeSnapshot(s.tree)
        let test = try s.syscraft(["test", "--tree", s.tree, "--arch", "x86_64"])
        #expect(test.status == 2, "\(test)")
        #expect(test.errorLines.count == 1, "\(test)")
        let line = test.errorLines.first ?? ""
        #expect(line.contains("kanswer is only partly in the tree") && line.contains("missing: arch/x86/entry/syscalls/syscall_64.tbl"), "\(line)")
        #expect(line.contains("remove kanswer --forget"), "\(line)")
        #expect(TreeSnapshot(s.tree) == before, "a refused test leaves the tree as it was")
        let patch = try s.syscraft(["patch", "kanswer", "--tree", s.tree, "-o", s.base + "/out", "--author", "A U Thor <a@example.org>"])
        #expect(patch.status == 2 && patch.errorLines.first?.contains("only partly") == true, "\(patch)")

        let forget = try s.syscraft(["remove", "kanswer", "--forget", "--tree", s.tree])
        #expect(forget.status == 0, "\(forget)")
        #expect(TreeSnapshot(s.tree) == before, "--forget leaves the tree as it is")
        #expect(try Self.status(s).syscalls.isEmpty)
    }

    @Test("without --cache-dir and XDG_CACHE_HOME, the cache is $HOME/.cache/syscraft")
    func cacheFollowsHome() throws {
        let s = try Scratch(era: "6.12", label: "home")
        defer { s.remove() }
        let home = s.base + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let run = try s.syscraft(["add", Self.kstacksize, "--tree", s.tree], environment: ["HOME": home, "XDG_CACHE_HOME": ""])
        #expect(run.status == 0, "\(run)")
        let trees = (try? FileManager.default.contentsOfDirectory(atPath: home + "/.cache/syscraft/trees")) ?? []
        #expect(trees.count == 1, "the record went elsewhere: \(run)")
        let status = try s.syscraft(["status", "--tree", s.tree, "--json"], environment: ["HOME": home, "XDG_CACHE_HOME": ""])
        #expect(status.stdout.contains("\"cache\" : \"\(home)/.cache/syscraft\""), "\(status)")
    }
}

/// Two syscalls sharing a new struct (upstream's statmount and listmount share struct mnt_id_req): one forward
/// declaration, kept while either needs it, gone with the last; removing both in either order is byte-identical.
@Suite struct SharedForwardDeclarationTests {
    static func source(_ name: String) -> String {
        "#include <linux/syscalls.h>\n\nSYSCALL_DEFINE1(\(name), struct mnt_req __user *, req)\n{\n\treturn 0;\n}\n"
    }

    @Test(arguments: [["kstat", "klist"], ["klist", "kstat"]])
    func sharedDeclaration(_ removalOrder: [String]) throws {
        let s = try Scratch(era: "6.12", label: "forward")
        defer { s.remove() }
        let before = TreeSnapshot(s.tree)
        let header = s.tree + "/include/linux/syscalls.h"
        func declarations() throws -> Int {
            try String(contentsOfFile: header, encoding: .utf8).split(separator: "\n").filter { $0 == "struct mnt_req;" }.count
        }
        for name in ["kstat", "klist"] {
            let add = try s.syscraft(["add", try s.write("\(name).c", Self.source(name)), "--tree", s.tree])
            #expect(add.status == 0, "\(add)")
        }
        #expect(try declarations() == 1)
        let first = try s.syscraft(["remove", removalOrder[0], "--tree", s.tree])
        #expect(first.status == 0, "\(first)")
        #expect(try declarations() == 1, "the other syscall still needs it")
        let second = try s.syscraft(["remove", removalOrder[1], "--tree", s.tree])
        #expect(second.status == 0, "\(second)")
        #expect(TreeSnapshot(s.tree) == before, "\(TreeSnapshot(s.tree).differences(from: before))")
    }
}
