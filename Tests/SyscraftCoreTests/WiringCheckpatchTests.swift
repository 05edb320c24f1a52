import Foundation
import SyscraftTestSupport
import Testing

@testable import SyscraftCore

/// The planned change, as a patch, passes the tree's own scripts/checkpatch.pl without errors.
@Suite(.serialized) struct WiringCheckpatchTests {
    static func patch(_ plan: WiringPlan) -> String {
        var text = """
            From: Syscraft Test <test@example.org>
            Subject: [PATCH] kernel: add the \(plan.name)() system call

            Add \(plan.name)(), which returns the size of the kernel stack, and wire
            it up on every architecture.

            Signed-off-by: Syscraft Test <test@example.org>
            ---

            """
        for change in plan.changes {
            text += "diff --git a/\(change.path) b/\(change.path)\n"
            if change.old == nil { text += "new file mode 100644\n" }
            text += LineDiff.unified(path: change.path, old: change.old, new: change.new)
        }
        return text + "-- \n2.39.0\n"
    }

    static func checkpatch(_ patch: String, root: URL) throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("syscraft-\(UUID().uuidString).patch")
        try patch.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let perl = try HostProcess.run("/usr/bin/perl", [root.appendingPathComponent("scripts/checkpatch.pl").path, "--no-tree", "--no-color", file.path])
        return (perl.status, perl.output)
    }

    static let withArgs = """
        // SPDX-License-Identifier: GPL-2.0
        #include <linux/syscalls.h>

        SYSCALL_DEFINE3(fillbuf, char __user *, buf, size_t, len, unsigned int, flags)
        {
        \tif (flags)
        \t\treturn -EINVAL;
        \treturn len;
        }
        """

    @Test(
        .enabled(if: DebianTrees.isAvailable("6.1") && FileManager.default.isExecutableFile(atPath: "/usr/bin/perl"),
                 "needs /usr/src/linux-source-6.1.tar.xz and perl"),
        arguments: ["6.1", "6.12"])
    func noErrors(_ version: String) throws {
        guard DebianTrees.isAvailable(version) else { return }
        let root = try DebianTrees.root(version)
        let tree = TreeLoader.load(directory: root)
        let plans = [
            try WiringPlanner.planAdd(try SyscallSourceParser.parse(kstacksizeSource), tree: tree),
            try WiringPlanner.planAdd(
                try SyscallSourceParser.parse(Self.withArgs), tree: tree,
                options: AddOptions(config: "FILLBUF_SYSCALL")),
        ]
        for plan in plans {
            let (status, output) = try Self.checkpatch(Self.patch(plan), root: root)
            #expect(output.contains("total: 0 errors"), "\(output)")
            #expect(status == 0 || !output.contains("ERROR:"), "\(output)")
        }
    }
}
