import Foundation
import Testing

@testable import SyscraftCore

/// `remove` in any order: every era fixture gets back byte for byte once all is removed, and removing one syscall
/// from the middle leaves a tree whose tables and counts are valid.
@Suite struct WiringRemoveOrderTests {
    static let eras = ["2.6.25", "3.2", "4.1", "4.14", "5.4", "6.1", "6.12"]

    static let sources: [String: String] = [
        "kstacksize": kstacksizeSource,
        "kinfo": """
            // SPDX-License-Identifier: GPL-2.0
            #include <linux/syscalls.h>

            SYSCALL_DEFINE1(kinfo, unsigned long, flags)
            {
            \treturn flags;
            }
            """,
        "kpeek": """
            // SPDX-License-Identifier: GPL-2.0
            #include <linux/syscalls.h>

            SYSCALL_DEFINE2(kpeek, int, fd, char __user *, buf)
            {
            \treturn fd;
            }
            """,
    ]

    /// Own file (kernel/Makefile), or appended to kernel/sys.c behind a Kconfig option (init/Kconfig, sys_ni.c).
    enum Placement: CaseIterable { case ownFile, sysWithConfig }

    /// A tree with syscraft's manifest kept alongside, as Exec's Workspace keeps it.
    struct Session {
        var tree: MemoryTree
        var records: [String: AddRecord] = [:]
        var warnings: [String] = []

        mutating func add(_ name: String, _ placement: Placement) throws {
            let source = try SyscallSourceParser.parse(try #require(WiringRemoveOrderTests.sources[name]))
            let options =
                placement == .ownFile ? AddOptions() : AddOptions(placement: .appendToSys, config: "\(name.uppercased())_SYSCALL")
            let plan = try WiringPlanner.planAdd(source, tree: tree, options: options)
            records[name] = try roundTripJSON(AddRecord(plan: plan))
            tree = plan.applied(to: tree)
        }

        mutating func remove(_ name: String) throws {
            let plan = try WiringPlanner.planRemove(name: name, tree: tree, record: try #require(records[name]))
            records[name] = nil
            warnings += plan.warnings.map(\.text)
            tree = plan.applied(to: tree)
        }
    }

    static func session(_ era: String) throws -> Session { Session(tree: try TreeLoader.fixture(era)) }

    /// The files that differ between two trees (for a readable failure).
    static func differing(_ a: MemoryTree, _ b: MemoryTree) -> [String] {
        Set(a.files.keys).union(b.files.keys).filter { a.files[$0] != b.files[$0] }.sorted()
    }

    /// Tables audit clean and each count is the highest number + 1.
    static func expectValidNumbers(_ tree: MemoryTree, _ context: String) throws {
        try TableAudit.check(tree)
        let layout = try TreeLayout.detect(tree)
        for table in layout.tables {
            guard let count = table.count else { continue }
            let text = try #require(tree.read(table.path))
            let value = DefineHeaderTable.value(of: count.macro, in: try #require(tree.read(count.path)))
            let highest = try #require(WiringPlanner.highestNumber(table, in: text))
            #expect(value == highest + 1, "\(context): \(count.path) \(count.macro)")
        }
    }

    /// Add A, add B; then remove A, B (oldest first: B's bump of the counts is in the way of A's record) or B, A.
    @Test(arguments: eras, Placement.allCases) func twoInEitherOrder(_ era: String, _ placement: Placement) throws {
        var both = try Self.session(era)
        let original = both.tree
        try both.add("kstacksize", placement)
        try both.add("kinfo", placement)

        var oldestFirst = both
        try oldestFirst.remove("kstacksize")
        try Self.expectValidNumbers(oldestFirst.tree, "\(era) without kstacksize")
        try oldestFirst.remove("kinfo")
        #expect(Self.differing(oldestFirst.tree, original) == [], "oldest first")

        var newestFirst = both
        try newestFirst.remove("kinfo")
        try newestFirst.remove("kstacksize")
        #expect(Self.differing(newestFirst.tree, original) == [], "newest first")
    }

    @Test(arguments: eras, Placement.allCases) func middleThenTheRest(_ era: String, _ placement: Placement) throws {
        var s = try Self.session(era)
        let original = s.tree
        try s.add("kstacksize", placement)
        try s.add("kinfo", placement)
        try s.add("kpeek", placement)
        let numbersBefore = try #require(s.records["kpeek"]?.numbers)
        try s.remove("kinfo")
        try Self.expectValidNumbers(s.tree, "\(era) without kinfo")

        // Outside the tables the tree is what adding kstacksize and kpeek alone gives.
        var pair = try Self.session(era)
        try pair.add("kstacksize", placement)
        try pair.add("kpeek", placement)
        let layout = try TreeLayout.detect(original)
        let numbered = Set(layout.tables.map(\.path) + layout.tables.compactMap(\.count?.path))
        #expect(Self.differing(s.tree, pair.tree).filter { !numbered.contains($0) } == [])
        // kpeek keeps its numbers, and kinfo is gone from every table (it can be added again).
        let kpeek = try SyscallTableReader.lookup(name: "kpeek", arch: nil, tree: s.tree)
        for (abi, number) in numbersBefore {
            #expect(kpeek.contains { $0.arch == abi && $0.number == number }, "\(era) kpeek \(abi) \(number)")
        }
        #expect(throws: SyscraftError.self) { try SyscallTableReader.lookup(name: "kinfo", arch: nil, tree: s.tree) }
        var again = s
        try again.add("kinfo", placement)

        try s.remove("kstacksize")
        try Self.expectValidNumbers(s.tree, "\(era) with kpeek only")
        try s.remove("kpeek")
        #expect(Self.differing(s.tree, original) == [])
    }

    /// Every order of removing three syscalls ends where it started.
    @Test(arguments: eras) func everyOrderOfThree(_ era: String) throws {
        let names = ["kstacksize", "kinfo", "kpeek"]
        let orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]
        var all = try Self.session(era)
        let original = all.tree
        for name in names { try all.add(name, .ownFile) }
        for order in orders {
            var s = all
            for index in order {
                try s.remove(names[index])
                if s.records.isEmpty { break }
                try Self.expectValidNumbers(s.tree, "\(era) \(order)")
            }
            #expect(Self.differing(s.tree, original) == [], "\(era) \(order)")
        }
    }

    /// The same on the real Debian trees (every arch's table, the real Kconfig, sys_ni.c and syscalls.h).
    @Test(arguments: ["6.1", "6.12"]) func realTreeMiddleThenOldest(_ version: String) throws {
        guard DebianTrees.isAvailable(version) else { return }
        for placement in Placement.allCases {
            var s = Session(tree: try DebianTrees.tree(version))
            let original = s.tree
            for name in ["kstacksize", "kinfo", "kpeek"] { try s.add(name, placement) }
            try s.remove("kinfo")
            try Self.expectValidNumbers(s.tree, "linux \(version) without kinfo")
            try s.remove("kstacksize")
            try Self.expectValidNumbers(s.tree, "linux \(version) with kpeek only")
            try s.remove("kpeek")
            #expect(Self.differing(s.tree, original) == [], "linux \(version) \(placement)")
        }
    }

    /// On the `.S` tables the position is the number: a syscall removed from the middle keeps its slot as
    /// `sys_ni_syscall` (as upstream retires calls), so later syscalls keep their numbers.
    @Test(arguments: ["2.6.25", "3.2"]) func positionTablesKeepTheSlot(_ era: String) throws {
        var s = try Self.session(era)
        try s.add("kstacksize", .ownFile)
        try s.add("kinfo", .ownFile)
        try s.add("kpeek", .ownFile)
        let kpeek = try #require(s.records["kpeek"]?.numbers["i386"])
        try s.remove("kinfo")
        let long = try #require(s.tree.read("arch/x86/kernel/syscall_table_32.S"))
        let entries = AsmTable.entries(long, kind: .long)
        #expect(entries.last?.entry == "sys_kpeek")
        #expect(entries.count == kpeek + 1)
        #expect(entries[kpeek - 1].entry == "sys_ni_syscall")
        let quad = try #require(s.tree.read("arch/x86/ia32/ia32entry.S"))
        #expect(AsmTable.entries(quad, kind: .quad).map(\.entry).suffix(2) == ["quiet_ni_syscall", "sys_kpeek"])
        #expect(s.warnings.contains { $0.hasPrefix("arch/x86/kernel/syscall_table_32.S: slot \(kpeek - 1) stays as '.long sys_ni_syscall /* was sys_kinfo */'") })
    }

    /// A count someone raised by hand is no longer the highest number + 1: it is left alone, with a warning.
    @Test func countRaisedByHandIsLeftAlone() throws {
        var s = try Self.session("6.1")
        let original = s.tree
        try s.add("kstacksize", .ownFile)
        let path = "include/uapi/asm-generic/unistd.h"
        s.tree.files[path] = DefineHeaderTable.setting("__NR_syscalls", to: 500, in: try #require(s.tree.files[path]))
        try s.remove("kstacksize")
        #expect(DefineHeaderTable.value(of: "__NR_syscalls", in: try #require(s.tree.files[path])) == 500)
        #expect(s.warnings == ["\(path): __NR_syscalls is 500, not the highest number + 1, so it was left as it is"])
        #expect(Self.differing(s.tree, original) == [path])
    }

    /// A refusal is one line, with a hint.
    @Test func refusalIsOneLineWithAHint() throws {
        var s = try Self.session("6.1")
        try s.add("kstacksize", .ownFile)
        let path = "include/linux/syscalls.h"
        s.tree.files[path] = try #require(s.tree.files[path]).replacing("asmlinkage long sys_kstacksize(void);\n", with: "")
        let record = try #require(s.records["kstacksize"])
        #expect {
            _ = try WiringPlanner.planRemove(name: "kstacksize", tree: s.tree, record: record)
        } throws: { error in
            guard let e = error as? SyscraftError, e.kind == .conflict, let hint = e.hint else { return false }
            return !e.message.contains("\n") && !hint.contains("\n") && e.message.contains(path) && !hint.isEmpty
        }
    }
}
