import Foundation
import SyscraftTestSupport
import Testing
@testable import SyscraftCore
@testable import SyscraftExec

/// `--base`: what the text names, the default, and a git commit checked out into the cache through syscraft's own
/// index, moved to another commit file by file, with the user's working tree, index and stash never written.
@Suite struct BaseSourceTests {
    @Test("--base TEXT: stock, pristine, a directory (existing, or any path with a slash), else a git revision")
    func parse() {
        #expect(BaseSpec.parse("stock") == .stock)
        #expect(BaseSpec.parse("pristine") == .pristine)
        #expect(BaseSpec.parse("HEAD") == .gitRef("HEAD"))
        #expect(BaseSpec.parse("v6.12~3") == .gitRef("v6.12~3"))
        #expect(BaseSpec.parse(NSTemporaryDirectory()) == .directory(URL(fileURLWithPath: NSTemporaryDirectory()).standardizedFileURL.path))
        if case .directory(let dir) = BaseSpec.parse("../linux-6.11") { #expect(dir.hasSuffix("/linux-6.11") && dir.hasPrefix("/")) } else { Issue.record("not a directory") }
    }

    static func git(_ dir: String, _ args: [String]) throws -> String {
        let r = try HostProcess.run("git", ["-C", dir, "-c", "user.name=t", "-c", "user.email=t@t"] + args, timeout: 60)
        #expect(r.status == 0, "git \(args): \(r.stderr)")
        return r.stdout
    }

    static func write(_ path: String, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test("--base REF: checked out into the cache, moved to another commit (changed, added and deleted files), the user's repository untouched")
    func gitCheckout() async throws {
        let root = NSTemporaryDirectory() + "syscraft-base-\(getpid())-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let tree = root + "/linux", cache = root + "/cache"
        try Self.write(tree + "/Makefile", "VERSION = 6\n")
        try Self.write(tree + "/kernel/sched/fair.c", "int slice = 700000;\n")
        try Self.write(tree + "/kernel/gone.c", "/* removed later */\n")
        _ = try Self.git(tree, ["init", "-q"])
        _ = try Self.git(tree, ["add", "-A"])
        _ = try Self.git(tree, ["commit", "-q", "-m", "one"])
        let first = try Self.git(tree, ["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        try Self.write(tree + "/kernel/sched/fair.c", "int slice = 100000000;\n")
        try FileManager.default.removeItem(atPath: tree + "/kernel/gone.c")
        try Self.write(tree + "/kernel/new.c", "/* added */\n")
        _ = try Self.git(tree, ["add", "-A"])
        _ = try Self.git(tree, ["commit", "-q", "-m", "two"])
        // The user's state: an uncommitted edit, a staged file, a stash.
        try Self.write(tree + "/kernel/stashed.c", "/* stashed */\n")
        _ = try Self.git(tree, ["stash", "push", "-u", "-q"])
        try Self.write(tree + "/kernel/sched/fair.c", "int slice = 1;\n")
        try Self.write(tree + "/kernel/staged.c", "/* staged */\n")
        _ = try Self.git(tree, ["add", "kernel/staged.c"])
        let status = try Self.git(tree, ["status", "--porcelain"]), stash = try Self.git(tree, ["stash", "list"])
        let index = FileManager.default.contents(atPath: tree + "/.git/index")

        let workspace = Workspace(tree: try DiskTree(root: tree), cache: CachePaths(override: cache), reporter: ConsoleReporter(quiet: true))
        #expect(try workspace.defaultBase() == .gitRef("HEAD"))
        let head = try await workspace.gitBase("HEAD")
        #expect(head.tree.root.hasPrefix(URL(fileURLWithPath: cache).resolvingSymlinksInPath().path) || head.tree.root.hasPrefix(cache))
        #expect(try String(contentsOfFile: head.tree.root + "/kernel/sched/fair.c", encoding: .utf8) == "int slice = 100000000;\n")
        #expect(FileManager.default.fileExists(atPath: head.tree.root + "/kernel/new.c") && !FileManager.default.fileExists(atPath: head.tree.root + "/kernel/staged.c"))
        // The same commit again: nothing rewritten.
        let mtime = try FileManager.default.attributesOfItem(atPath: head.tree.root + "/Makefile")[.modificationDate] as? Date
        _ = try await workspace.gitBase(first)
        #expect(try String(contentsOfFile: head.tree.root + "/kernel/sched/fair.c", encoding: .utf8) == "int slice = 700000;\n")
        #expect(FileManager.default.fileExists(atPath: head.tree.root + "/kernel/gone.c") && !FileManager.default.fileExists(atPath: head.tree.root + "/kernel/new.c"))
        // Moved file by file: an unchanged file kept its mtime (the base build stays incremental).
        #expect(try FileManager.default.attributesOfItem(atPath: head.tree.root + "/Makefile")[.modificationDate] as? Date == mtime)
        #expect(head.description.hasPrefix("HEAD ("))
        // The checkout mirrors the tree's path, and is built in the same mirror of the tree's build directory (ccache
        // then hashes the same relative paths for both kernels).
        #expect(head.tree.root.hasSuffix(workspace.tree.root) && head.tree.root.hasPrefix(workspace.baseRoot + "/"))
        let mirror = String(head.tree.root.dropLast(workspace.tree.root.count))
        #expect(workspace.baseBuildDirectory(head.tree, profile: .arm64, variant: [:]) == mirror + workspace.buildDirectory(.arm64))
        #expect(CachePaths.relativePath(from: workspace.baseBuildDirectory(head.tree, profile: .arm64, variant: [:]), to: head.tree.root)
                == CachePaths.relativePath(from: workspace.buildDirectory(.arm64), to: workspace.tree.root))
        // Another tree (--base DIR) keeps a build directory of its own.
        #expect(workspace.baseBuildDirectory(workspace.tree, profile: .arm64, variant: [:]) == workspace.cache.buildDirectory(workspace.tree, arch: "arm64"))

        #expect(try Self.git(tree, ["status", "--porcelain"]) == status)
        #expect(try Self.git(tree, ["stash", "list"]) == stash)
        #expect(FileManager.default.contents(atPath: tree + "/.git/index") == index)
        #expect(try Self.git(tree, ["worktree", "list"]).split(separator: "\n").count == 1)

        await #expect(throws: SyscraftError.self) { try await workspace.gitBase("no-such-branch") }
    }

    @Test("no base to be had: not a git checkout, nothing added, not unpacked by syscraft; the error names --base")
    func noDefault() throws {
        let root = NSTemporaryDirectory() + "syscraft-nobase-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Self.write(root + "/linux/Makefile", "VERSION = 6\n")
        let workspace = Workspace(tree: try DiskTree(root: root + "/linux"), cache: CachePaths(override: root + "/cache"), reporter: ConsoleReporter(quiet: true))
        do {
            _ = try workspace.defaultBase()
            Issue.record("a base was found")
        } catch {
            #expect(error.hint?.contains("--base") == true)
        }
    }

    @Test("--base pristine: the tarball a tree was unpacked from, unpacked again into the cache; refused when it changed or the tree was not unpacked by syscraft")
    func pristine() async throws {
        let root = NSTemporaryDirectory() + "syscraft-pristine-\(getpid())-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Self.write(root + "/src/linux-x/Makefile", "VERSION = 6\n")
        try Self.write(root + "/src/linux-x/kernel/sched/fair.c", "int slice = 700000;\n")
        let tarball = root + "/linux-x.tar.xz"
        #expect(try HostProcess.run("tar", ["-cJf", tarball, "-C", root + "/src", "linux-x"], timeout: 60).status == 0)
        let reporter = ConsoleReporter(quiet: true)
        let tree = try await DemoRun.unpack(tarball: tarball, to: root + "/cache/sources/linux-x", reporter: reporter, purpose: "test")
        try Self.write(tree + "/kernel/sched/fair.c", "int slice = 1;\n")
        let workspace = Workspace(tree: try DiskTree(root: tree), cache: CachePaths(override: root + "/cache"), reporter: reporter)
        #expect(try workspace.defaultBase() == .pristine)
        let base = try await workspace.pristineBase()
        #expect(base.tree.root != tree)
        #expect(try String(contentsOfFile: base.tree.root + "/kernel/sched/fair.c", encoding: .utf8) == "int slice = 700000;\n")
        #expect(try String(contentsOfFile: tree + "/kernel/sched/fair.c", encoding: .utf8) == "int slice = 1;\n")
        // The tarball replaced since: no pristine copy can be trusted.
        try Self.write(root + "/src/linux-x/EXTRA", "x\n")
        #expect(try HostProcess.run("tar", ["-cJf", tarball, "-C", root + "/src", "linux-x"], timeout: 60).status == 0)
        await #expect(throws: SyscraftError.self) { try await workspace.pristineBase() }
        let other = Workspace(tree: try DiskTree(root: root + "/src/linux-x"), cache: CachePaths(override: root + "/cache"), reporter: reporter)
        await #expect(throws: SyscraftError.self) { try await other.pristineBase() }
    }
}
