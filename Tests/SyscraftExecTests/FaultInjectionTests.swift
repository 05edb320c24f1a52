import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Kills `syscraft add` and `syscraft remove` with SIGKILL after each single file write
/// (`SYSCRAFT_TEST_KILL_AFTER_WRITES=k`, counting the tree's files and then the manifest) and checks that the
/// next command rolls the tree back to byte-identical, says so, and that a clean rerun then completes.
@Suite(.serialized, .enabled(if: CLI.binary != nil, "no syscraft binary (set SYSCRAFT_BIN or run swift build)"))
struct FaultInjectionTests {
    static let source = """
        // SPDX-License-Identifier: GPL-2.0
        #include <linux/syscalls.h>
        #include <linux/thread_info.h>

        SYSCALL_DEFINE0(kstacksize)
        {
        \treturn THREAD_SIZE;
        }
        """

    /// Runs counted across the suite, for the closing note.
    nonisolated(unsafe) static var killedRuns = 0

    /// How many files `add` changes in a fresh copy of `era`, and the tree it produces.
    static func patched(_ era: String) throws -> (files: Int, snapshot: TreeSnapshot) {
        let s = try Scratch(era: era, label: "fi-ref")
        defer { s.remove() }
        let src = try s.write("kstacksize.c", source)
        let run = try s.syscraft(["add", src, "--tree", s.tree, "--cache-dir", s.cache, "--json"])
        try #require(run.status == 0, "\(run)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let edits = try #require(plan["edits"] as? [Any])
        return (edits.count, TreeSnapshot(s.tree))
    }

    @Test("add killed after each file write (and after the manifest) is rolled back by the next command", arguments: ["6.12", "2.6.25"])
    func interruptedAdd(era: String) throws {
        let (files, patched) = try Self.patched(era)
        #expect(files >= 5)
        // k = files + 1 kills after the manifest write, the last step before the commit.
        for k in 1...(files + 1) {
            let s = try Scratch(era: era, label: "fi-add")
            defer { s.remove() }
            let src = try s.write("kstacksize.c", Self.source)
            let before = TreeSnapshot(s.tree)
            let killed = try s.syscraft(["add", src, "--tree", s.tree, "--cache-dir", s.cache],
                                        environment: ["SYSCRAFT_TEST_KILL_AFTER_WRITES": String(k)])
            #expect(killed.signal == SIGKILL, "k=\(k): \(killed)")
            Self.killedRuns += 1
            if k <= files { #expect(TreeSnapshot(s.tree) != before, "k=\(k): the killed run wrote nothing") }

            // Any tree command recovers first and says so on stderr.
            let recovery = try s.syscraft(["table", "kstacksize", "--tree", s.tree, "--cache-dir", s.cache])
            #expect(recovery.stderr.contains("rolled back an interrupted 'add kstacksize'"), "k=\(k): \(recovery)")
            let after = TreeSnapshot(s.tree)
            #expect(after == before, "k=\(k): differs from before in \(after.differences(from: before))")
            #expect(recovery.status == 2, "k=\(k): kstacksize must be gone from the tables: \(recovery)")

            // The manifest was rolled back too: remove refuses, add succeeds and gives the full patch.
            let remove = try s.syscraft(["remove", "kstacksize", "--tree", s.tree, "--cache-dir", s.cache])
            #expect(remove.status == 2 && remove.stderr.contains("did not add"), "k=\(k): \(remove)")
            let again = try s.syscraft(["add", src, "--tree", s.tree, "--cache-dir", s.cache])
            #expect(again.status == 0, "k=\(k): \(again)")
            #expect(!again.stderr.contains("rolled back"), "k=\(k): recovered twice")
            let redone = TreeSnapshot(s.tree)
            #expect(redone == patched, "k=\(k): differs from the patched tree in \(redone.differences(from: patched))")
        }
    }

    @Test("remove killed after each file write is rolled back; a rerun restores the original bytes", arguments: ["6.12", "2.6.25"])
    func interruptedRemove(era: String) throws {
        let (files, patched) = try Self.patched(era)
        for k in 1...(files + 1) {
            let s = try Scratch(era: era, label: "fi-rm")
            defer { s.remove() }
            let original = TreeSnapshot(s.tree)
            let src = try s.write("kstacksize.c", Self.source)
            let add = try s.syscraft(["add", src, "--tree", s.tree, "--cache-dir", s.cache])
            try #require(add.status == 0, "\(add)")
            #expect(TreeSnapshot(s.tree) == patched)

            let killed = try s.syscraft(["remove", "kstacksize", "--tree", s.tree, "--cache-dir", s.cache],
                                        environment: ["SYSCRAFT_TEST_KILL_AFTER_WRITES": String(k)])
            #expect(killed.signal == SIGKILL, "k=\(k): \(killed)")
            Self.killedRuns += 1

            let recovery = try s.syscraft(["table", "kstacksize", "--tree", s.tree, "--cache-dir", s.cache])
            #expect(recovery.stderr.contains("rolled back an interrupted 'remove kstacksize'"), "k=\(k): \(recovery)")
            #expect(recovery.status == 0, "k=\(k): kstacksize is back in the tables: \(recovery)")
            let after = TreeSnapshot(s.tree)
            #expect(after == patched, "k=\(k): differs from the patched tree in \(after.differences(from: patched))")

            let again = try s.syscraft(["remove", "kstacksize", "--tree", s.tree, "--cache-dir", s.cache])
            #expect(again.status == 0, "k=\(k): \(again)")
            let restored = TreeSnapshot(s.tree)
            #expect(restored == original, "k=\(k): differs from the original in \(restored.differences(from: original))")
        }
    }

    @Test("a kill switch past the last write changes nothing: the run completes and commits")
    func switchBeyondLastWrite() throws {
        let (files, patched) = try Self.patched("6.12")
        let s = try Scratch(era: "6.12", label: "fi-none")
        defer { s.remove() }
        let src = try s.write("kstacksize.c", Self.source)
        let run = try s.syscraft(["add", src, "--tree", s.tree, "--cache-dir", s.cache],
                                 environment: ["SYSCRAFT_TEST_KILL_AFTER_WRITES": String(files + 2)])
        #expect(run.status == 0 && run.signal == nil, "\(run)")
        #expect(TreeSnapshot(s.tree) == patched)
        let next = try s.syscraft(["table", "kstacksize", "--tree", s.tree, "--cache-dir", s.cache])
        #expect(!next.stderr.contains("rolled back"))
    }

    /// A target that cannot be replaced, found only at write time: refused before any write, tree untouched.
    enum Obstacle: String, CaseIterable, Sendable {
        /// `chattr +i` (root ignores mode bits, not the immutable flag).
        case immutableFile
        /// The new kernel/NAME.c path is taken by a directory.
        case directoryInTheWay
        /// A table is a symlink to a copy outside the tree.
        case symlinkOutside
        /// A read-only directory for a non-root user, or an immutable directory for root.
        case immutableDirectory
    }

    @Test("unwritable targets are refused before the first write", arguments: Obstacle.allCases)
    func unwritable(obstacle: Obstacle) throws {
        let s = try Scratch(era: "6.12", label: "fi-ro")
        defer { s.remove() }
        let src = try s.write("kstacksize.c", Self.source)
        let table = s.tree + "/arch/x86/entry/syscalls/syscall_64.tbl"
        let outside = s.base + "/outside"
        switch obstacle {
        case .immutableFile:
            guard try CLI.shell("/usr/bin/chattr", ["+i", table]) == 0 else {
                #expect(chmod(table, 0o444) == 0)
                if getuid() == 0 { return }  // root ignores modes and chattr is unavailable: nothing to test
                break
            }
        case .immutableDirectory:
            guard try CLI.shell("/usr/bin/chattr", ["+i", s.tree + "/kernel"]) == 0 else {
                if getuid() == 0 { return }
                #expect(chmod(s.tree + "/kernel", 0o555) == 0)
                break
            }
        case .directoryInTheWay:
            try FileManager.default.createDirectory(atPath: s.tree + "/kernel/kstacksize.c", withIntermediateDirectories: false)
        case .symlinkOutside:
            try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
            try FileManager.default.moveItem(atPath: table, toPath: outside + "/syscall_64.tbl")
            try FileManager.default.createSymbolicLink(atPath: table, withDestinationPath: outside + "/syscall_64.tbl")
        }
        let before = TreeSnapshot(s.base)
        let run = try s.syscraft(["add", src, "--tree", s.tree, "--cache-dir", s.cache])
        #expect(run.status == 2 || run.status == 4, "\(run)")
        #expect(run.errorLines.count == 1, "\(run)")
        let after = TreeSnapshot(s.base)
        // Only the cache may have changed.
        let changed = after.differences(from: before).filter { !$0.hasPrefix("cache") && !$0.hasPrefix("xdg-cache") }
        #expect(changed.isEmpty, "changed: \(changed)")
        let leftovers = FileManager.default.subpaths(atPath: s.cache) ?? []
        #expect(!leftovers.contains { $0.hasSuffix("journal.json") }, "a journal was left behind")
        switch obstacle {
        case .immutableFile: #expect(run.errorLines.first?.contains("syscall_64.tbl") == true, "\(run)")
        case .immutableDirectory: #expect(run.errorLines.first?.contains("kernel") == true, "\(run)")
        case .directoryInTheWay: #expect(run.errorLines.first?.contains("kernel/kstacksize.c") == true, "\(run)")
        case .symlinkOutside: #expect(run.errorLines.first?.contains("outside the tree") == true, "\(run)")
        }
    }
}
