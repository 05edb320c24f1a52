import Foundation
import Testing
import SyscraftCore
@testable import SyscraftExec

@Suite struct TreeTransactionTests {
    struct Sandbox {
        let root: String
        let state: String
        init() throws {
            root = NSTemporaryDirectory() + "syscraft-tx-\(UUID().uuidString)"
            state = root + "-state"
            try FileManager.default.createDirectory(atPath: root + "/kernel", withIntermediateDirectories: true)
            try "obj-y += sys.o\n".write(toFile: root + "/kernel/Makefile", atomically: true, encoding: .utf8)
            try "int x;\n".write(toFile: root + "/kernel/sys.c", atomically: true, encoding: .utf8)
            chmod(root + "/kernel/sys.c", 0o640)
        }
        func read(_ p: String) -> String? { try? String(contentsOfFile: root + "/" + p, encoding: .utf8) }
        func mtime(_ p: String) -> Date? { (try? FileManager.default.attributesOfItem(atPath: root + "/" + p))?[.modificationDate] as? Date }
    }

    @Test("applies creates and edits, keeps the file mode, leaves no temp files or journal")
    func apply() throws {
        let box = try Sandbox()
        let tree = try DiskTree(root: box.root)
        let tx = TreeTransaction(tree: tree, stateDirectory: box.state)
        try tx.apply([
            FileChange(path: "kernel/sys.c", old: "int x;\n", new: "int x;\nint y;\n"),
            FileChange(path: "kernel/new.c", old: nil, new: "new\n"),
        ], operation: "test")
        #expect(box.read("kernel/sys.c") == "int x;\nint y;\n")
        #expect(box.read("kernel/new.c") == "new\n")
        var st = stat()
        stat(box.root + "/kernel/sys.c", &st)
        #expect(st.st_mode & 0o777 == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: box.root + "/kernel").sorted() == ["Makefile", "new.c", "sys.c"])
        #expect(!FileManager.default.fileExists(atPath: tx.journalPath))
    }

    @Test("a same-content write does not touch the file's mtime (no needless rebuilds)")
    func sameContent() throws {
        let box = try Sandbox()
        let before = box.mtime("kernel/Makefile")
        Thread.sleep(forTimeInterval: 0.05)
        let tx = TreeTransaction(tree: try DiskTree(root: box.root), stateDirectory: box.state)
        try tx.write("obj-y += sys.o\n", to: box.root + "/kernel/Makefile", path: "kernel/Makefile")
        #expect(box.mtime("kernel/Makefile") == before)
    }

    @Test("a file changed since planning is refused and nothing is written")
    func stalePlan() throws {
        let box = try Sandbox()
        let tx = TreeTransaction(tree: try DiskTree(root: box.root), stateDirectory: box.state)
        #expect(throws: SyscraftError.self) {
            try tx.apply([
                FileChange(path: "kernel/new.c", old: nil, new: "x\n"),
                FileChange(path: "kernel/sys.c", old: "something else\n", new: "y\n"),
            ], operation: "test")
        }
        #expect(box.read("kernel/new.c") == nil)
        #expect(box.read("kernel/sys.c") == "int x;\n")
    }

    @Test("a symlink that leads outside the tree is refused before any write")
    func outside() throws {
        let box = try Sandbox()
        let outsideFile = box.root + "-outside.txt"
        try "secret\n".write(toFile: outsideFile, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: box.root + "/kernel/link.c", withDestinationPath: outsideFile)
        let tree = try DiskTree(root: box.root)
        #expect(tree.read("kernel/link.c") == nil)
        let tx = TreeTransaction(tree: tree, stateDirectory: box.state)
        #expect(throws: SyscraftError.self) {
            try tx.apply([FileChange(path: "kernel/link.c", old: nil, new: "x\n")], operation: "test")
        }
        #expect(try String(contentsOfFile: outsideFile, encoding: .utf8) == "secret\n")
        #expect(tree.resolve("../etc/passwd") == nil)
        #expect(tree.resolve("/etc/passwd") == nil)
    }

    @Test("recovery rolls an interrupted transaction back from its journal")
    func recovery() throws {
        let box = try Sandbox()
        let tree = try DiskTree(root: box.root)
        let tx = TreeTransaction(tree: tree, stateDirectory: box.state)
        // Simulate a crash after the first of two writes: journal present, one file written.
        let changes = [
            FileChange(path: "kernel/sys.c", old: "int x;\n", new: "int x;\nint y;\n"),
            FileChange(path: "kernel/new.c", old: nil, new: "new\n"),
        ]
        try FileManager.default.createDirectory(atPath: box.state, withIntermediateDirectories: true)
        try JSONEncoder().encode(TreeTransaction.Journal(operation: "add y", changes: changes)).write(to: URL(fileURLWithPath: tx.journalPath))
        try tx.write("int x;\nint y;\n", to: box.root + "/kernel/sys.c", path: "kernel/sys.c")
        let note = try #require(try tx.recover())
        #expect(note.contains("rolled back"))
        #expect(box.read("kernel/sys.c") == "int x;\n")
        #expect(box.read("kernel/new.c") == nil)
        #expect(try tx.recover() == nil)
    }
}
