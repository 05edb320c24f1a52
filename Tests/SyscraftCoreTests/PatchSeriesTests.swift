import Foundation
import SyscraftTestSupport
import Testing

@testable import SyscraftCore

/// The debian 6.12 files the series touches, plus the selftest framework and checkpatch, unpacked once.
enum SeriesTree {
    static let version = "6.12"
    static var isAvailable: Bool {
        DebianTrees.isAvailable(version) && FileManager.default.isExecutableFile(atPath: "/usr/bin/perl")
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/git")
    }

    static let root: URL? = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("syscraft-series-\(getpid())-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let top = "linux-source-\(version)"
        let extra = ["tools/testing/selftests/Makefile", "tools/testing/selftests/lib.mk", "tools/testing/selftests/kselftest_harness.h",
                     "tools/testing/selftests/kselftest.h"].map { "\(top)/\($0)" }
        guard (try? HostProcess.run("/usr/bin/tar", ["-xJf", DebianTrees.tarball(version), "-C", dir.path, "--wildcards"] + DebianTrees.patterns(version) + extra,
                                    stdout: .null, stderr: .null)) != nil else { return nil }
        return dir.appendingPathComponent(top)
    }()

    static func run(_ tool: String, _ args: [String], in dir: URL) throws -> (status: Int32, output: String) {
        var env = ProcessInfo.processInfo.environment
        for (k, v) in ["GIT_AUTHOR_NAME": "Syscraft Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Syscraft Test",
                       "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_CONFIG_NOSYSTEM": "1", "HOME": dir.path] { env[k] = v }
        let p = try HostProcess.run(tool, args, environment: env, directory: dir.path)
        return (p.status, p.output)
    }
}

@Suite(.serialized) struct PatchSeriesTests {
    static let author = PatchSeries.Author(name: "Ada Lovelace", email: "ada@example.org")

    static var examplesDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples")
    }

    /// The series for one source on `tree`, with a selftest.
    static func series(_ text: String, tree: MemoryTree, config: String? = nil, selftest: Bool = true) throws -> (WiringPlan, [PatchSeries.Patch]) {
        let source = try SyscallSourceParser.parse(text)
        let plan = try WiringPlanner.planAdd(source, tree: tree, options: AddOptions(config: config))
        let test = selftest ? try SelftestPlanner.planAdd(source, number: plan.numbers["x86_64"], tree: tree).changes : []
        let input = PatchSeries.Input(name: source.name, numbers: plan.numbers, changes: plan.changes, selftest: test,
                                      config: config, author: author, date: "Sat, 29 Nov 2026 04:03:20 +0000")
        var all = plan
        all.changes += test
        return (all, PatchSeries.make(input))
    }

    @Test func orderSubjectsAndFiles() throws {
        let tree = try TreeLoader.fixture("6.12")
        let (_, patches) = try Self.series(kstacksizeSource, tree: tree, selftest: false)
        #expect(patches.map(\.fileName) == [
            "0000-cover-letter.patch", "0001-kernel-add-kstacksize-system-call.patch", "0002-arch-wire-up-kstacksize-syscall.patch",
        ])
        #expect(patches[1].subject == "[PATCH 1/2] kernel: add kstacksize() system call")
        #expect(patches[2].subject == "[PATCH 2/2] arch: wire up kstacksize syscall")
        #expect(patches[0].subject == "Add the kstacksize() system call")
        #expect(patches[1].paths.allSatisfy { !$0.hasPrefix("arch/") })
        #expect(patches[1].paths.contains("include/linux/syscalls.h") && patches[1].paths.contains("kernel/kstacksize.c"))
        #expect(patches[2].paths.allSatisfy { $0.hasPrefix("arch/") })
        let first = patches[1].text
        #expect(first.hasPrefix("From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\nFrom: Ada Lovelace <ada@example.org>\n"))
        #expect(first.contains("\tlong kstacksize(void);"))
        #expect(first.contains("Signed-off-by: Ada Lovelace <ada@example.org>\n---\n"))
        #expect(first.contains(" create mode 100644 kernel/kstacksize.c\n"))
        #expect(first.contains("diff --git a/kernel/kstacksize.c b/kernel/kstacksize.c\nnew file mode 100644\n--- /dev/null\n+++ b/kernel/kstacksize.c\n"))
        #expect(patches[0].text.contains("  kernel: add kstacksize() system call\n  arch: wire up kstacksize syscall\n"))
    }

    @Test("the arch patch says what x86 got: one common line, or the 64 + x32 pair of a compat syscall")
    func archMessageNamesTheX32Pair() throws {
        let tree = try TreeLoader.fixture("6.12")
        let (_, plain) = try Self.series(kstacksizeSource, tree: tree, selftest: false)
        #expect(plain[2].text.contains("x86 gets a common entry in syscall_64.tbl"))
        let text = """
            #include <linux/syscalls.h>
            #include <linux/compat.h>

            SYSCALL_DEFINE1(kptrs, const char __user *const __user *, argv)
            {
            \treturn 0;
            }

            COMPAT_SYSCALL_DEFINE1(kptrs, const compat_uptr_t __user *, argv)
            {
            \treturn 0;
            }
            """
        let source = try SyscallSourceParser.parse(text)
        let plan = try WiringPlanner.planAdd(source, tree: tree, options: AddOptions(compat: true))
        let input = PatchSeries.Input(name: source.name, numbers: plan.numbers, changes: plan.changes, selftest: [],
                                      config: nil, author: Self.author, date: "Sat, 29 Nov 2026 04:03:20 +0000")
        let arch = PatchSeries.make(input)[2].text
        #expect(arch.contains("x86 gets a 64 entry and an x32 entry"), "\(arch.prefix(900))")
        #expect(arch.contains("+463\tx32\tkptrs"))
    }

    /// A six-argument declaration in the commit message and cover letter is broken after commas, continuation lines
    /// aligned after the parenthesis, every prose line within 75 columns; joined back it is the prototype.
    @Test func longSignatureWrapsLikeKernelC() throws {
        let text = """
            #include <linux/syscalls.h>

            SYSCALL_DEFINE6(ksum, const u32 __user *, vals, size_t, count, u64 __user *, result,
            \t\tunsigned int, flags, pid_t, pid, umode_t, mode)
            {
            \treturn 0;
            }
            """
        let (_, patches) = try Self.series(text, tree: try TreeLoader.fixture("6.12"), selftest: false)
        let declaration = "long ksum(const u32 __user *vals, size_t count, u64 __user *result, unsigned int flags, pid_t pid, umode_t mode);"
        for patch in [patches[0], patches[1]] {
            let message = patch.text.components(separatedBy: "\n---\n").first ?? ""
            let lines = message.split(separator: "\n", omittingEmptySubsequences: false).drop { !$0.isEmpty }.map(String.init)
            for line in lines { #expect(ColumnStyle.advance(0, line) <= 75, "\(patch.fileName): \(line)") }
            let start = try #require(lines.firstIndex { $0.hasPrefix("\tlong ksum(") }, "\(message)")
            let end = try #require(lines[start...].firstIndex { $0.hasSuffix(";") })
            #expect(end > start, "a 112-column declaration should take more than one line")
            for line in lines[(start + 1)...end] { #expect(line.hasPrefix("\t          ") && !line.hasPrefix("\t           ")) }
            #expect(lines[start...end].map { $0.trimmingSpace }.joined(separator: " ") == declaration)
        }
    }

    @Test func diffstatLikeGit() {
        let changes = [
            FileChange(path: "kernel/a.c", old: nil, new: "x\ny\n"),
            FileChange(path: "include/linux/syscalls.h", old: "a\nb\n", new: "a\nc\nb\n"),
            FileChange(path: "kernel/Makefile", old: "n=1\n", new: "n=2\n"),
        ]
        #expect(PatchSeries.diffstat(changes) == """
             kernel/a.c               | 2 ++
             include/linux/syscalls.h | 1 +
             kernel/Makefile          | 2 +-
             3 files changed, 4 insertions(+), 1 deletion(-)
             create mode 100644 kernel/a.c

            """)
        let big = FileChange(path: "x", old: nil, new: String(repeating: "l\n", count: 500))
        let line = PatchSeries.diffstat([big]).split(separator: "\n")[0]
        #expect(line.count <= 80 && line.hasSuffix("+") && line.contains("500"))
    }

    @Test func fileNamesLikeGit() {
        #expect(PatchSeries.fileName(1, "kernel: add kstacksize() system call") == "0001-kernel-add-kstacksize-system-call.patch")
        #expect(PatchSeries.fileName(12, "selftests: add kstacksize test") == "0012-selftests-add-kstacksize-test.patch")
    }

    @Test func descriptionFromTheSourceComment() throws {
        let text = try String(contentsOf: Self.examplesDirectory.appendingPathComponent("kstrlen/kstrlen.c"), encoding: .utf8)
        let tree = try TreeLoader.fixture("6.12")
        let (_, patches) = try Self.series(text, tree: tree, selftest: false)
        #expect(patches[1].text.contains("kstrlen() - the length of a user-space string, as the kernel reads it.\n"))
        // 76 columns on one line: broken after a comma, aligned after the parenthesis.
        #expect(patches[1].text.contains("\tlong kstrlen(const char __user *str, size_t max,\n\t             unsigned int flags);\n"))
    }

    /// Every example: the series applies with `git am` on a clean copy of the files, gives the same files as `add`,
    /// and checkpatch.pl (the tree's own) reports no errors on any patch.
    @Test(.enabled(if: SeriesTree.isAvailable, "needs /usr/src/linux-source-6.12.tar.xz, perl and git"))
    func appliesWithGitAmAndPassesCheckpatch() throws {
        let root = try #require(SeriesTree.root)
        let tree = TreeLoader.load(directory: root)
        let repo = root.deletingLastPathComponent().appendingPathComponent("repo")
        try? FileManager.default.removeItem(at: repo)
        try FileManager.default.copyItem(at: root, to: repo)
        let git = "/usr/bin/git"
        for args in [["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "base"], ["tag", "base"]] {
            let r = try SeriesTree.run(git, args, in: repo)
            try #require(r.status == 0, "git \(args): \(r.output)")
        }
        let examples: [(String, String?)] = [("kstacksize", nil), ("kinfo", nil), ("kstrlen", nil), ("kuptime", "KUPTIME_SYSCALL")]
        for (name, config) in examples {
            let text = try String(contentsOf: Self.examplesDirectory.appendingPathComponent("\(name)/\(name).c"), encoding: .utf8)
            let (plan, patches) = try Self.series(text, tree: tree, config: config)
            #expect(patches.count == 4, "\(name): \(patches.map(\.fileName))")
            #expect(patches.last?.subject == "[PATCH 3/3] selftests: add \(name) test")
            let out = repo.deletingLastPathComponent().appendingPathComponent("out-\(name)")
            try? FileManager.default.removeItem(at: out)
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            var files: [String] = []
            for patch in patches {
                let file = out.appendingPathComponent(patch.fileName)
                try patch.text.write(to: file, atomically: true, encoding: .utf8)
                if patch.fileName.hasPrefix("0000") { continue }
                files.append(file.path)
                let check = try SeriesTree.run("/usr/bin/perl", [root.appendingPathComponent("scripts/checkpatch.pl").path, "--no-tree", "--no-color", file.path], in: out)
                #expect(check.output.contains("total: 0 errors"), "\(name) \(patch.fileName):\n\(check.output)")
            }
            let am = try SeriesTree.run(git, ["am", "-q"] + files, in: repo)
            #expect(am.status == 0, "\(name): git am failed: \(am.output)")
            let log = try SeriesTree.run(git, ["log", "--format=%s", "base..HEAD"], in: repo)
            #expect(log.output == "selftests: add \(name) test\narch: wire up \(name) syscall\nkernel: add \(name)() system call\n")
            for change in plan.changes {
                let onDisk = try? String(contentsOf: repo.appendingPathComponent(change.path), encoding: .utf8)
                #expect(onDisk == change.new, "\(name): \(change.path) differs after git am")
            }
            _ = try SeriesTree.run(git, ["am", "--abort"], in: repo)
            let reset = try SeriesTree.run(git, ["reset", "-q", "--hard", "base"], in: repo)
            #expect(reset.status == 0)
            _ = try SeriesTree.run(git, ["clean", "-qfdx"], in: repo)
        }
    }
}

@Suite struct SelftestPlannerTests {
    static func tree() throws -> MemoryTree {
        var tree = try TreeLoader.fixture("6.12")
        tree.files["tools/testing/selftests/lib.mk"] = "# lib.mk\n"
        tree.files["tools/testing/selftests/kselftest_harness.h"] = "/* harness */\n"
        tree.files["tools/testing/selftests/Makefile"] = """
            # SPDX-License-Identifier: GPL-2.0
            TARGETS += acct
            TARGETS += kcmp
            TARGETS += kexec
            TARGETS += kvm
            TARGETS += timens
            ifneq (1, $(quicktest))
            TARGETS += timers
            endif
            TARGETS += tmpfs
            #Please keep the TARGETS list alphabetically sorted

            """
        return tree
    }

    @Test func filesAndTargets() throws {
        let source = try SyscallSourceParser.parse(WiringCheckpatchTests.withArgs)
        let plan = try SelftestPlanner.planAdd(source, number: 463, tree: try Self.tree())
        #expect(plan.changes.map(\.path) == [
            "tools/testing/selftests/fillbuf/Makefile", "tools/testing/selftests/fillbuf/.gitignore",
            "tools/testing/selftests/fillbuf/fillbuf_test.c", "tools/testing/selftests/Makefile",
        ])
        let makefile = try #require(plan.changes[0].new)
        #expect(makefile.contains("CFLAGS += -Wall -O2 $(KHDR_INCLUDES)\n"))
        #expect(makefile.contains("TEST_GEN_PROGS := fillbuf_test\n"))
        #expect(makefile.contains("include ../lib.mk\n"))
        #expect(plan.changes[1].new == "# SPDX-License-Identifier: GPL-2.0-only\nfillbuf_test\n")
        let test = try #require(plan.changes[2].new)
        #expect(test.contains("#include \"../kselftest_harness.h\""))
        #expect(test.contains("ret = syscall(__NR_fillbuf, 0, 0, 0);"))
        #expect(test.contains("#define __NR_fillbuf 463"))
        #expect(test.contains("TEST_HARNESS_MAIN"))
        #expect(test.contains(" *   long fillbuf(char __user *buf, size_t len, unsigned int flags);"))
        #expect(plan.changes[3].addedAndRemoved.added == ["TARGETS += fillbuf"])
        #expect(plan.changes[0].old == nil && plan.changes[2].old == nil)
    }

    @Test(arguments: [
        ("kstacksize", "TARGETS += kexec\nTARGETS += kstacksize\nTARGETS += kvm\n"),
        ("aaa", "# SPDX-License-Identifier: GPL-2.0\nTARGETS += aaa\nTARGETS += acct\n"),
        ("timerx", "TARGETS += timers\nendif\nTARGETS += timerx\nTARGETS += tmpfs\n"),
        ("timeo", "TARGETS += timens\nTARGETS += timeo\nifneq (1, $(quicktest))\n"),
        ("zzz", "TARGETS += tmpfs\nTARGETS += zzz\n#Please keep"),
    ])
    func sortedTarget(_ name: String, _ expected: String) throws {
        let makefile = try #require(try Self.tree().read("tools/testing/selftests/Makefile"))
        #expect(SelftestPlanner.addingTarget(name, to: makefile).contains(expected))
    }

    @Test func kselftestOnlyTree() throws {
        var tree = try Self.tree()
        tree.files["tools/testing/selftests/kselftest_harness.h"] = nil
        tree.files["tools/testing/selftests/kselftest.h"] = "/* kselftest */\n"
        let plan = try SelftestPlanner.planAdd(try SyscallSourceParser.parse(kstacksizeSource), number: nil, tree: tree)
        let test = try #require(plan.changes.first { $0.path.hasSuffix("_test.c") }?.new)
        #expect(test.contains("#include \"../kselftest.h\""))
        #expect(test.contains("return ksft_exit_pass();"))
        #expect(!test.contains("#define __NR_kstacksize"))
    }

    @Test func refusals() throws {
        let source = try SyscallSourceParser.parse(kstacksizeSource)
        var tree = try Self.tree()
        tree.files["tools/testing/selftests/kstacksize/x.c"] = "x\n"
        #expect(throws: SyscraftError.self) { try SelftestPlanner.planAdd(source, number: 1, tree: tree) }
        var bare = try Self.tree()
        bare.files["tools/testing/selftests/lib.mk"] = nil
        #expect(throws: SyscraftError.self) { try SelftestPlanner.planAdd(source, number: 1, tree: bare) }
    }

    /// The series for a selftest on its own round-trips through the record: remove restores the Makefile.
    @Test func recordRemovesIt() throws {
        let tree = try Self.tree()
        let plan = try SelftestPlanner.planAdd(try SyscallSourceParser.parse(kstacksizeSource), number: 463, tree: tree)
        let after = plan.applied(to: tree)
        var record = AddRecord(plan: plan)
        record.name = "kstacksize"
        let undo = try WiringPlanner.planRemove(name: "kstacksize", tree: after, record: record)
        let restored = undo.applied(to: after)
        #expect(restored.read("tools/testing/selftests/Makefile") == tree.read("tools/testing/selftests/Makefile"))
        #expect(restored.read(SelftestPlanner.testPath("kstacksize")) == nil)
    }
}
