import Foundation
import Testing
@testable import SyscraftCore
@testable import SyscraftExec

/// The source a late stock kernel is built from (an arch first tested after `add`): a copy of the tree with
/// syscraft's additions undone, made without ever writing the user's tree.
@Suite struct StockSourceTests {
    static func source(_ name: String) -> String {
        "// SPDX-License-Identifier: GPL-2.0\n#include <linux/syscalls.h>\n\nSYSCALL_DEFINE1(\(name), unsigned int, flags)\n{\n\treturn flags ? -EINVAL : 0;\n}\n"
    }

    @Test("the stock source equals the tree before every add, and the patched tree is left exactly as it was",
          arguments: ["2.6.25", "3.2", "4.14", "5.4", "6.1", "6.12"])
    func stockSourceUndoesAdditions(era: String) async throws {
        let s = try Scratch(era: era, label: "stock")
        defer { s.remove() }
        let pristine = TreeSnapshot(s.tree)
        let workspace = Workspace(tree: try DiskTree(root: s.tree), cache: CachePaths(override: s.cache), reporter: ConsoleReporter(quiet: true))
        _ = try workspace.add(sourceText: Self.source("kfirst"), options: AddOptions(), dryRun: false)
        _ = try workspace.add(sourceText: Self.source("ksecond"), options: AddOptions(), dryRun: false)
        let patched = TreeSnapshot(s.tree)
        #expect(patched != pristine)

        let shadow = try await workspace.makeStockSource(try workspace.loadManifest())
        #expect(shadow.root.hasPrefix(URL(fileURLWithPath: s.cache).resolvingSymlinksInPath().path + "/"))
        #expect(TreeSnapshot(shadow.root).differences(from: pristine) == [])
        // Hard links or not, undoing the additions in the copy never wrote through to the user's files.
        #expect(TreeSnapshot(s.tree).differences(from: patched) == [])
        #expect(try workspace.loadManifest().syscalls.map(\.name) == ["kfirst", "ksecond"])

        workspace.removeStockSource()
        #expect(!FileManager.default.fileExists(atPath: shadow.root))
        #expect(TreeSnapshot(s.tree).differences(from: patched) == [])
    }

    /// The stock copy and its build directory mirror the tree and its build directory, so that ccache (base_dir: the
    /// deepest directory holding tree and cache) hashes the same relative paths in both builds.
    @Test("the stock kernel's source and build directory mirror the tree's; both builds name the tree by the same relative path")
    func mirroredLayout() throws {
        let s = try Scratch(era: "6.12", label: "mirror")
        defer { s.remove() }
        let workspace = Workspace(tree: try DiskTree(root: s.tree), cache: CachePaths(override: s.cache), reporter: ConsoleReporter(quiet: true))
        let tree = workspace.tree.root
        #expect(workspace.stockSourceDirectory == workspace.stockRoot + tree)
        #expect(workspace.stockBuildDirectory(.arm64) == workspace.stockRoot + workspace.buildDirectory(.arm64))
        let patched = try workspace.plainBuilder(.arm64, source: workspace.tree, buildDirectory: workspace.buildDirectory(.arm64), ccWrapper: nil)
        try FileManager.default.createDirectory(atPath: workspace.stockSourceDirectory, withIntermediateDirectories: true)
        let stock = try workspace.plainBuilder(.arm64, source: try DiskTree(root: workspace.stockSourceDirectory),
                                               buildDirectory: workspace.stockBuildDirectory(.arm64), ccWrapper: nil)
        let base = CachePaths.commonAncestor(tree, workspace.cache.root)
        #expect(patched.ccacheBaseDirectory == base && stock.ccacheBaseDirectory == base)
        guard patched.ccacheAvailable, ProcessInfo.processInfo.environment["CCACHE_BASEDIR"] == nil else { return }
        #expect(patched.relativeSourcePrefix != nil)
        #expect(patched.relativeSourcePrefix == stock.relativeSourcePrefix)
        #expect(patched.environment["CCACHE_BASEDIR"] == base)
        #expect(ProcessInfo.processInfo.environment["CCACHE_IGNOREOPTIONS"] != nil || patched.environment["CCACHE_IGNOREOPTIONS"] == "-Wa,-I*")
        let flag = "KCPPFLAGS=-fmacro-prefix-map=\(patched.relativeSourcePrefix ?? "")/="
        #expect(patched.makeArguments(["Image"]).contains(flag) && stock.makeArguments(["Image"]).contains(flag))
    }

    @Test("relative paths and common ancestors are lexical, as ccache's base_dir rewriting is")
    func relativePaths() {
        #expect(CachePaths.commonAncestor("/home/u/linux", "/home/u/.cache/syscraft") == "/home/u")
        #expect(CachePaths.commonAncestor("/tmp/linux", "/root/.cache/syscraft") == "/")
        #expect(CachePaths.commonAncestor("/a/bc", "/a/b") == "/a")
        #expect(CachePaths.relativePath(from: "/c/trees/t/build-arm", to: "/src/linux") == "../../../../src/linux")
        #expect(CachePaths.relativePath(from: "/h/.cache/s/trees/t/build-arm", to: "/h/linux") == "../../../../../linux")
        #expect(CachePaths.relativePath(from: "/a/b", to: "/a/b") == ".")
        // Mirrored under any root R, the relative path is the same text.
        for root in ["/x", "/h/.cache/s/trees/t/stock-root"] {
            #expect(CachePaths.relativePath(from: root + "/c/trees/t/build-arm", to: root + "/src/linux") == "../../../../src/linux")
        }
    }

    /// A kept stock kernel is reused only while the arch's fragment is the one it was configured from: after a
    /// syscraft upgrade that changes the fragment (riscv64 gained SIFIVE_PLIC for 6.1), the stock kernel is rebuilt.
    @Test func stockImageFollowsTheFragment() throws {
        let s = try Scratch(era: "6.12", label: "stockfrag")
        defer { s.remove() }
        let workspace = Workspace(tree: try DiskTree(root: s.tree), cache: CachePaths(override: s.cache), reporter: ConsoleReporter(quiet: true))
        let built = s.base + "/Image"
        try "kernel".write(toFile: built, atomically: true, encoding: .utf8)
        try "CONFIG_64BIT=y\n".write(toFile: s.base + "/config", atomically: true, encoding: .utf8)
        let outcome = KernelBuilder.Outcome(image: built, config: KernelConfig(), seconds: 1, compiled: 1, logPath: "")
        var profile = ArchProfile.riscv64
        #expect(workspace.stockImage(profile) == nil)
        try workspace.saveStock(profile, outcome, config: s.base + "/config")
        let kept = try #require(workspace.stockImage(profile))
        #expect(try String(contentsOfFile: kept, encoding: .utf8) == "kernel")
        profile.fragment["SIFIVE_PLIC"] = nil
        #expect(workspace.stockImage(profile) == nil, "a stock kernel from another fragment must not be reused")
    }
}
