import Testing

@testable import SyscraftCore

@Suite struct TableAuditTests {
    @Test("every era fixture passes the table audit", arguments: ["2.6.25", "3.2", "4.1", "4.14", "5.4", "6.1", "6.12"])
    func fixturesPass(era: String) throws {
        try TableAudit.check(try TreeLoader.fixture(era))
    }

    @Test("Debian's real trees pass the table audit", .enabled(if: DebianTrees.isAvailable("6.12") && DebianTrees.isAvailable("6.1")),
          arguments: ["6.1", "6.12"])
    func debianPasses(version: String) throws {
        try TableAudit.check(try DebianTrees.tree(version))
    }

    @Test("the header's abi sentence is the vocabulary")
    func headerTags() {
        #expect(TableAudit.headerTags("#\n# The abi is \"common\", \"64\" or \"x32\" for this file.\n#\n0 common read sys_read\n") == ["common", "64", "x32"])
        #expect(TableAudit.headerTags("# The abi is always \"i386\" for this file.\n") == ["i386"])
        #expect(TableAudit.headerTags("# no sentence\n0 common read sys_read\n") == nil)
    }

    @Test("corrupt, unsorted, duplicate and unknown-abi lines are refused with the line number", arguments: [
        ("0\tcommon\tread\tsys_read\n1\tcommon\n", "line 2 is not a table line"),
        ("0\tcommon\tread\tsys_read\nx1\tcommon\twrite\tsys_write\n", "line 2 is not a table line"),
        ("0\tcommon\tread\tsys_read\n1\tcommon\twr!te\tsys_write\n", "line 2 is not a table line"),
        ("1\tcommon\twrite\tsys_write\n0\tcommon\tread\tsys_read\n", "not sorted: line 2 has 0 after 1"),
        ("0\tcommon\tread\tsys_read\n0\t64\tread2\tsys_read2\n", "number 0 is used twice (lines 1 and 2)"),
        ("0\tcomon\tread\tsys_read\n", "unknown abi 'comon'"),
    ])
    func refusals(text: String, message: String) {
        #expect(throws: SyscraftError.self) { try TableAudit.checkTbl(text, path: "t.tbl", known: TableAudit.standardTags) }
        do { try TableAudit.checkTbl(text, path: "t.tbl", known: TableAudit.standardTags) } catch {
            #expect(error.message.contains(message), "\(error)")
            #expect(error.kind == .badTree)
        }
    }

    @Test("arch-specific ranges may sit out of order; different abis may share a number")
    func upstreamOddities() throws {
        let text = "243\tcommon\ta\tsys_a\n260\tcommon\tb\tsys_b\n244\tcsky\tc\tsys_c\n244\tnios2\td\tsys_d\n261\t32\te\tsys_e\n261\t64\tf\tsys_f\n"
        try TableAudit.checkTbl(text, path: "t.tbl", known: TableAudit.standardTags.union(["csky", "nios2"]))
    }
}
