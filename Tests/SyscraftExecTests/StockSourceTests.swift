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
}
