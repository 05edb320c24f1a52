import Foundation
import SyscraftCore

/// `syscraft demo`: Debian's linux-source-6.12 unpacked into the cache (once), the stock kernel built and
/// tested, kstacksize added to that copy (never to /usr/src), rebuilt and tested again.
public struct DemoRun: Sendable {
    public var cache: CachePaths
    public var reporter: any ProgressReporter
    public var tarball: String = Doctor.kernelSource612
    public var profiles: [ArchProfile] = [.x86_64]
    public var accel: QEMURunner.Accel?
    /// Applies the command's test-run options (`--test`, `--accel`, `--timeout`, `--fresh`) to the demo's test run.
    public var configure: @Sendable (inout TestRun) throws(SyscraftError) -> Void = { _ in }

    public init(cache: CachePaths, reporter: any ProgressReporter) {
        self.cache = cache
        self.reporter = reporter
    }

    /// The classic first syscall.
    public static let kstacksizeSource = """
        // SPDX-License-Identifier: GPL-2.0
        /*
         * kstacksize() - report the size of the calling task's kernel stack.
         */
        #include <linux/syscalls.h>
        #include <linux/thread_info.h>

        SYSCALL_DEFINE0(kstacksize)
        {
        \treturn THREAD_SIZE;
        }

        """

    /// Unpacks the tarball into the cache once; returns the tree's directory.
    public func unpack() async throws(SyscraftError) -> String {
        let name = ((tarball as NSString).lastPathComponent as NSString).deletingPathExtension.replacingOccurrences(of: ".tar", with: "")
        return try await Self.unpack(tarball: tarball, to: cache.root + "/sources/" + name, reporter: reporter, purpose: "once")
    }

    /// The file in an unpacked tree that names the tarball it came from (path, size and mtime at unpack time): it
    /// makes the unpack happen once, and `--base pristine` unpacks the same tarball again.
    public static let unpackedStamp = ".syscraft-unpacked"

    /// A tarball's path, size and modification time, as the stamp records them.
    static func identity(of tarball: String) -> String {
        let attrs = try? FileManager.default.attributesOfItem(atPath: tarball)
        return "\(tarball) \((attrs?[.size] as? Int) ?? 0) \(((attrs?[.modificationDate] as? Date)?.timeIntervalSince1970) ?? 0)"
    }

    /// Unpacks `tarball`'s top directory as `treeDir` (through a temporary directory next to it, then a rename),
    /// unless it is there already from the same tarball.
    static func unpack(tarball: String, to treeDir: String, reporter: any ProgressReporter, purpose: String) async throws(SyscraftError) -> String {
        guard FileManager.default.fileExists(atPath: tarball) else {
            throw SyscraftError(.tool, "\(tarball) is missing", hint: "run: syscraft doctor --install (installs linux-source-6.12)")
        }
        let sources = (treeDir as NSString).deletingLastPathComponent
        let stamp = treeDir + "/" + unpackedStamp
        let identity = identity(of: tarball)
        if (try? String(contentsOfFile: stamp, encoding: .utf8)) == identity { return treeDir }
        reporter.status("unpacking \(tarball) into \(sources) (\(purpose))")
        let temp = sources + "/.unpack-\(getpid())"
        try? FileManager.default.removeItem(atPath: temp)
        try CachePaths.makeDirectory(temp)
        let result: (ending: ProcessOutcome.Ending, output: String)
        do { result = try await ProcessRunner.capture(Command("tar", ["-xJf", tarball, "-C", temp]), timeout: .seconds(1200)) } catch {
            throw SyscraftError(.tool, "cannot run tar: \(error)", hint: "install tar and xz-utils")
        }
        guard result.ending == .exited(0) else {
            try? FileManager.default.removeItem(atPath: temp)
            throw SyscraftError(.io, "unpacking \(tarball) failed: \(result.output.split(separator: "\n").last ?? "")", hint: "check free disk space in \(sources)")
        }
        guard let top = (try? FileManager.default.contentsOfDirectory(atPath: temp))?.first else {
            throw SyscraftError(.io, "\(tarball) held no directory", hint: "reinstall linux-source-6.12")
        }
        try? FileManager.default.removeItem(atPath: treeDir)
        do {
            try FileManager.default.moveItem(atPath: temp + "/" + top, toPath: treeDir)
            try identity.write(toFile: stamp, atomically: true, encoding: .utf8)
        } catch {
            throw SyscraftError(.io, "cannot move the unpacked tree to \(treeDir)", hint: "check free disk space")
        }
        try? FileManager.default.removeItem(atPath: temp)
        return treeDir
    }

    public func run() async throws(SyscraftError) -> TestReport {
        let start = ContinuousClock.now
        var timings: [String: Double] = [:]
        let treeDir = try await unpack()
        timings["unpack"] = (ContinuousClock.now - start).seconds
        // The .gitignore Debian ships ignores everything; syscraft keeps its own manifest instead of trusting git.
        let workspace = Workspace(tree: try DiskTree(root: treeDir), cache: cache, reporter: reporter)
        try workspace.recoverIfNeeded()
        // Before the first add, the stock kernel is built in each arch's own build directory, so the patched build
        // after it is incremental. An arch first asked for after the add gets its stock kernel from TestRun instead
        // (built from a copy with the additions undone), so the tree is never taken apart and put back.
        var run = TestRun(workspace: workspace, profiles: profiles)
        run.accel = accel
        try configure(&run)
        let present = try workspace.presentRecords().present
        let unpatched = present.isEmpty
        for profile in profiles where unpatched && workspace.stockImage(profile) == nil {
            reporter.status("building the stock \(profile.name) kernel")
            do {
                let built = try await workspace.build(profile, present: present)
                timings["build_stock_\(profile.name)"] = built.seconds
            } catch {
                // With --keep-going (or one arch) the test run below reports this arch's failure as its row.
                guard run.keepGoing else { throw error }
                reporter.status("the stock \(profile.name) kernel did not build; the other arches go on (--keep-going)")
            }
        }
        if !present.contains(where: { $0.name == "kstacksize" }) {
            reporter.status("adding kstacksize to \(treeDir)")
            _ = try workspace.add(sourceText: Self.kstacksizeSource, options: AddOptions(), dryRun: false)
        }
        var report = try await run.run()
        for (k, v) in timings { report.timings[k] = v }
        report.timings["demo_total"] = (ContinuousClock.now - start).seconds
        report.notes.append(.note("tree: \(treeDir)"))
        return report
    }
}
