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
