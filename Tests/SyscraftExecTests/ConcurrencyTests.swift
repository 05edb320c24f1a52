import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// One writer per tree: concurrent adds all land, each at its own number; a rollback leaves no temp file behind.
@Suite(.serialized, .enabled(if: CLI.binary != nil, "no syscraft binary (set SYSCRAFT_BIN or run swift build)"))
struct ConcurrencyTests {
    @Test("six adds started at once on one tree: all six are in the tree and the records, at six distinct numbers")
    func concurrentAdds() throws {
        let s = try Scratch(era: "6.12", label: "concurrent")
        defer { s.remove() }
        let names = (1...6).map { "kconc\($0)" }
        let sources = try names.map { try s.write("\($0).c", "#include <linux/syscalls.h>\n\nSYSCALL_DEFINE0(\($0))\n{\n\treturn 0;\n}\n") }
        let group = DispatchGroup()
        let lock = NSLock()
        nonisolated(unsafe) var runs: [CLI.Run] = []
        for source in sources {
            group.enter()
            DispatchQueue.global().async {
                let run = try? s.syscraft(["add", source, "--tree", s.tree, "--cache-dir", s.cache])
                lock.withLock { if let run { runs.append(run) } }
                group.leave()
            }
        }
        group.wait()
        #expect(runs.count == 6 && runs.allSatisfy { $0.status == 0 }, "\(runs.filter { $0.status != 0 })")
        let status = try s.syscraft(["status", "--tree", s.tree, "--cache-dir", s.cache, "--json"])
        let doc = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        let syscalls = try #require(doc?["syscalls"] as? [[String: Any]], "\(status)")
        #expect(Set(syscalls.compactMap { $0["name"] as? String }) == Set(names), "\(syscalls)")
        #expect(syscalls.allSatisfy { $0["state"] as? String == "present" }, "\(syscalls)")
        let numbers = syscalls.compactMap { ($0["numbers"] as? [String: Int])?["x86_64"] }
        #expect(Set(numbers) == Set(463...468), "\(numbers)")
        let tbl = try String(contentsOfFile: s.tree + "/arch/x86/entry/syscalls/syscall_64.tbl", encoding: .utf8)
        for name in names { #expect(tbl.contains("\t\(name)\t"), "\(name) missing from syscall_64.tbl") }
    }

    @Test("a rollback run by a read-only command removes the temp file of a write cut off before its rename")
    func rollbackRemovesTempFiles() throws {
        let s = try Scratch(era: "6.12", label: "tmpfiles")
        defer { s.remove() }
        let before = TreeSnapshot(s.tree)
        let src = try s.write("kstacksize.c", FaultInjectionTests.source)
        let killed = try s.syscraft(["add", src, "--tree", s.tree, "--cache-dir", s.cache], environment: ["SYSCRAFT_TEST_KILL_AFTER_WRITES": "2"])
        #expect(killed.signal == SIGKILL)
        // What a kill between a write and its rename leaves: the next file's temp copy.
        let temp = s.tree + "/include/linux/.syscalls.h.syscraft-tmp"
        try "half-written\n".write(toFile: temp, atomically: false, encoding: .utf8)
        let recovery = try s.syscraft(["table", "getpid", "--tree", s.tree, "--cache-dir", s.cache])
        #expect(recovery.stderr.contains("rolled back"), "\(recovery)")
        #expect(!FileManager.default.fileExists(atPath: temp))
        #expect(TreeSnapshot(s.tree) == before, "\(TreeSnapshot(s.tree).differences(from: before))")
    }
}

/// `add --selftest` is one plan and one transaction: killed after any write, the next command rolls back the syscall
/// and its selftest together; completed, `remove` takes both away byte for byte.
@Suite(.serialized, .enabled(if: CLI.binary != nil, "no syscraft binary (set SYSCRAFT_BIN or run swift build)"))
struct SelftestTransactionTests {
    /// A 6.12 fixture with the kselftest framework files the planner needs.
    static func scratch() throws -> Scratch {
        let s = try Scratch(era: "6.12", label: "selftest-tx")
        try s.write("tree/tools/testing/selftests/Makefile", "# SPDX-License-Identifier: GPL-2.0\nTARGETS += size\nTARGETS += sync\nTARGETS += timers\n")
        try s.write("tree/tools/testing/selftests/lib.mk", "# a stand-in for kselftest's lib.mk\n")
        try s.write("tree/tools/testing/selftests/kselftest_harness.h", "/* a stand-in for kselftest_harness.h */\n")
        return s
    }

    @Test("add --selftest lands whole or not at all, and remove undoes both")
    func oneTransaction() throws {
        let probe = try Self.scratch()
        defer { probe.remove() }
        let pristine = TreeSnapshot(probe.tree)
        let src = try probe.write("kstacksize.c", FaultInjectionTests.source)
        let add = try probe.syscraft(["add", src, "--selftest", "--tree", probe.tree, "--cache-dir", probe.cache, "--json"])
        #expect(add.status == 0, "\(add)")
        let plan = try JSONSerialization.jsonObject(with: Data(add.stdout.utf8)) as? [String: Any]
        let files = (plan?["edits"] as? [[String: Any]])?.compactMap { $0["path"] as? String } ?? []
        #expect(files.contains("tools/testing/selftests/kstacksize/kstacksize_test.c") && files.contains("tools/testing/selftests/Makefile"), "\(files)")
        #expect(files.contains("arch/x86/entry/syscalls/syscall_64.tbl"))
        let remove = try probe.syscraft(["remove", "kstacksize", "--tree", probe.tree, "--cache-dir", probe.cache])
        #expect(remove.status == 0, "\(remove)")
        #expect(TreeSnapshot(probe.tree) == pristine, "\(TreeSnapshot(probe.tree).differences(from: pristine))")

        // Killed after the last tree file, before the manifest: the selftest goes back with the wiring.
        for k in [files.count - 1, files.count] {
            let s = try Self.scratch()
            defer { s.remove() }
            let before = TreeSnapshot(s.tree)
            let source = try s.write("kstacksize.c", FaultInjectionTests.source)
            let killed = try s.syscraft(["add", source, "--selftest", "--tree", s.tree, "--cache-dir", s.cache],
                                        environment: ["SYSCRAFT_TEST_KILL_AFTER_WRITES": String(k)])
            #expect(killed.signal == SIGKILL, "k=\(k): \(killed)")
            let recovery = try s.syscraft(["table", "getpid", "--tree", s.tree, "--cache-dir", s.cache])
            #expect(recovery.stderr.contains("rolled back an interrupted 'add kstacksize'"), "k=\(k): \(recovery)")
            #expect(TreeSnapshot(s.tree) == before, "k=\(k): \(TreeSnapshot(s.tree).differences(from: before))")
        }
    }
}
