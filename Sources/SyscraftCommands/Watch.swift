import ArgumentParser
import Foundation
import SyscraftCore
import SyscraftExec

/// `syscraft watch`: polls the files syscraft created for each added syscall (its implementation, from the manifest)
/// and the `--test` programs; on a change, rebuilds and retests (the same loop as `syscraft test`).
struct Watch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rebuild and retest whenever an added syscall's source or a --test program changes.",
        discussion: """
              $ syscraft watch --tree ~/linux --test tests/kstacksize_test.c
            Polls twice a second; Ctrl-C stops it (and any build or guest it started).
            """)

    @OptionGroup var options: TreeOptions
    @OptionGroup var build: BuildOptions
    @OptionGroup var run: RunOptions

    @Option(help: "Poll interval in milliseconds.")
    var interval = 500

    /// Size and modification time of each watched file (nil when missing).
    static func snapshot(_ paths: [String]) -> [String: String] {
        var result: [String: String] = [:]
        for path in paths {
            let attrs = try? FileManager.default.attributesOfItem(atPath: path)
            let mtime = (attrs?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
            result[path] = "\((attrs?[.size] as? Int) ?? -1):\(mtime)"
        }
        return result
    }

    func run() async throws {
        try await Failure.guarded {
            let workspace = try options.workspace()
            let testPaths = try run.testPaths()
            try SyscraftExec.Doctor.requireTools(for: try parseArches(build.arch))
            func watched() throws(SyscraftError) -> [String] {
                // Polled twice a second: the manifest's own file list, not a check of every table against the tree.
                let sources = try workspace.loadManifest().syscalls.flatMap { entry in
                    entry.record.files.filter(\.created).map { workspace.tree.root + "/" + $0.path }
                }
                return sources + testPaths
            }
            var last: [String: String] = [:]
            while true {
                let paths = try watched()
                let now = Self.snapshot(paths)
                if now != last {
                    last = now
                    var testRun = TestRun(workspace: workspace, profiles: try parseArches(build.arch))
                    try run.configure(&testRun, build: build)
                    do {
                        let report = try await testRun.run()
                        Output.emit(report, json: options.json)
                    } catch {
                        FileHandle.standardError.write(Data("syscraft: error: \(error)\n".utf8))
                    }
                    FileHandle.standardError.write(Data("syscraft: watching \(paths.count) file(s): \(paths.map { ($0 as NSString).lastPathComponent }.joined(separator: ", "))\n".utf8))
                    // Changes made while building count as the next change.
                    last = Self.snapshot(paths) == now ? now : [:]
                }
                try await Task.sleep(for: .milliseconds(max(100, interval)))
            }
        }
    }
}
