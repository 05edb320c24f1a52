import Testing

@testable import SyscraftCore

@Suite struct WiringFuzzTests {
    /// 2,000 mutated .tbl texts: parsing, numbering and insertion never crash, and an insertion keeps every old line.
    @Test func mutatedTablesNeverCrash() throws {
        let tree = try TreeLoader.fixture("6.1")
        let base = try #require(tree.read("arch/x86/entry/syscalls/syscall_64.tbl"))
        let tail = TextLines(base).lines.suffix(80).joined(separator: "\n")
        var rng = SplitMix64(seed: 1)
        for i in 0..<2000 {
            let text = mutate(tail, using: &rng, edits: 1 + i % 8)
            let next = (TblTable.mainMaximum(text, excluding: ["x32"]) ?? -1) + 1
            let entry = NewEntry(number: next, abi: TblTable.mainTag(text, excluding: ["x32"]), name: "fuzzcall",
                                 native: "sys_fuzzcall", compat: i % 2 == 0 ? "compat_sys_fuzzcall" : nil)
            let out = TblTable.inserting(entry, into: text, excluding: ["x32"])
            #expect(TextLines(out).lines.count == TextLines(text).lines.count + 1)
            #expect(TblTable.entries(out).contains { $0.name == "fuzzcall" && $0.number == next })
        }
    }

    /// 40 mutated trees (x86 i386 table and asm-generic header) planned end to end: a plan or a SyscraftError, never a crash.
    @Test func mutatedTreesPlanOrRefuse() throws {
        let tree = try TreeLoader.fixture("6.1")
        let source = try SyscallSourceParser.parse(kstacksizeSource)
        var rng = SplitMix64(seed: 2)
        var planned = 0
        for i in 0..<40 {
            var t = tree
            for path in ["arch/x86/entry/syscalls/syscall_32.tbl", "include/uapi/asm-generic/unistd.h"] {
                let text = t.files[path] ?? ""
                let lines = TextLines(text).lines
                let keep = lines.prefix(lines.count - 40).joined(separator: "\n")
                let mutated = mutate(lines.suffix(40).joined(separator: "\n"), using: &rng, edits: 1 + i % 5)
                t.files[path] = keep + "\n" + mutated
            }
            if let plan = try? WiringPlanner.planAdd(source, tree: t) {
                planned += 1
                for c in plan.changes { #expect(c.old == t.read(c.path)) }
            }
        }
        #expect(planned > 0)
    }

    @Test func columnStyleMatchesNeighbours() {
        let samples = ["0\tcommon\tread\t\t\tsys_read", "449\tcommon\tfutex_waitv\t\tsys_futex_waitv",
                       "450\tcommon\tset_mempolicy_home_node\tsys_set_mempolicy_home_node"]
        let style = ColumnStyle.infer(from: samples, count: 3)
        #expect(style.render(["451", "common", "kstacksize", "sys_kstacksize"]) == "451\tcommon\tkstacksize\t\tsys_kstacksize")
        #expect(style.render(["452", "common", "a_very_long_name_beyond_col", "sys_x"]) == "452\tcommon\ta_very_long_name_beyond_col\tsys_x")
        let s390 = ColumnStyle.infer(from: ["449  common\tfutex_waitv\t\tsys_futex_waitv\t\t\tsys_futex_waitv"], count: 4)
        #expect(s390.render(["451", "common", "x", "sys_x", "sys_x"]) == "451  common\tx\t\t\tsys_x\t\t\t\tsys_x")
    }
}
