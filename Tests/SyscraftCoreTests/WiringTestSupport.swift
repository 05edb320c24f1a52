import Foundation
import SyscraftTestSupport

@testable import SyscraftCore

/// Loads directory trees (fixtures, unpacked tarballs) into a `MemoryTree`, keeping symlinks as symlinks.
enum TreeLoader {
    static func load(directory root: URL) -> MemoryTree {
        var tree = MemoryTree()
        let fm = FileManager.default
        let rootPath = root.resolvingSymlinksInPath().path
        guard let walker = fm.enumerator(atPath: rootPath) else { return tree }
        while let relative = walker.nextObject() as? String {
            let full = rootPath + "/" + relative
            if let target = try? fm.destinationOfSymbolicLink(atPath: full) {
                var parts = relative.split(separator: "/").dropLast().map(String.init)
                for part in target.split(separator: "/") {
                    if part == ".." { _ = parts.popLast() } else if part != "." { parts.append(String(part)) }
                }
                tree.symlinks[relative] = parts.joined(separator: "/")
                continue
            }
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue,
                let data = fm.contents(atPath: full)
            {
                tree.files[relative] = String(decoding: data, as: UTF8.self)
            }
        }
        return tree
    }

    /// An era fixture from `Fixtures/eras/<era>`.
    static func fixture(_ era: String) throws -> MemoryTree {
        guard let url = Bundle.module.url(forResource: "Fixtures/eras/\(era)", withExtension: nil) else {
            throw FixtureMissing(name: era)
        }
        var tree = load(directory: url)
        // Fixtures list their symlinks in SYMLINKS ("path -> target"), as resource copying may not keep links.
        if let list = tree.files.removeValue(forKey: "SYMLINKS") {
            for line in list.split(separator: "\n") {
                let parts = line.components(separatedBy: " -> ")
                guard parts.count == 2 else { continue }
                tree.symlinks[parts[0]] = parts[1]
            }
        }
        tree.files = tree.files.filter { !$0.key.hasSuffix(".py") }
        return tree
    }

    struct FixtureMissing: Error { var name: String }
}

/// The Debian linux-source tarballs, unpacked once (only the files wiring needs) into a temporary directory.
enum DebianTrees {
    static func tarball(_ version: String) -> String { "/usr/src/linux-source-\(version).tar.xz" }

    static func isAvailable(_ version: String) -> Bool {
        FileManager.default.fileExists(atPath: tarball(version))
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/tar")
    }

    /// Patterns of the files syscraft reads or edits (plus checkpatch and its data files).
    static func patterns(_ version: String) -> [String] {
        let top = "linux-source-\(version)"
        return [
            "arch/*/syscall*.tbl", "arch/*/include/asm/unistd*.h", "arch/*/include/uapi/asm/unistd.h",
            "arch/*/kernel/Makefile.syscalls", "arch/*/kernel/Makefile", "include/uapi/asm-generic/unistd.h", "include/linux/syscalls.h",
            "include/linux/compat.h", "kernel/sys_ni.c", "kernel/Makefile", "kernel/sys.c", "Makefile", "init/Kconfig",
            "scripts/syscall.tbl", "scripts/checkpatch.pl", "scripts/spelling.txt", "scripts/const_structs.checkpatch",
            "include/linux/compiler.h", "include/linux/compiler_types.h", "include/linux/kernel.h", "include/linux/minmax.h",
            "include/asm-generic/current.h", "arch/*/include/asm/current.h",
            "include/uapi/linux/mount.h", "include/uapi/linux/mman.h", "include/uapi/linux/lsm.h", "include/uapi/linux/time.h",
            "include/uapi/linux/time_types.h", "include/uapi/linux/sched/types.h",
        ].map { "\(top)/\($0)" }
    }

    private static let cache = Cache()

    final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var roots: [String: URL] = [:]

        func root(_ version: String) throws -> URL {
            lock.lock()
            defer { lock.unlock() }
            if let root = roots[version] { return root }
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("syscraft-debian-\(version)-\(getpid())")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            _ = try HostProcess.run("/usr/bin/tar", ["-xJf", DebianTrees.tarball(version), "-C", dir.path, "--wildcards"] + DebianTrees.patterns(version),
                                    stdout: .null, stderr: .null)
            // tar exits 2 when a pattern matches nothing (scripts/syscall.tbl on 6.1): the rest is extracted.
            let root = dir.appendingPathComponent("linux-source-\(version)")
            roots[version] = root
            return root
        }
    }

    /// The directory holding the unpacked files.
    static func root(_ version: String) throws -> URL { try cache.root(version) }

    /// The unpacked files as a tree.
    static func tree(_ version: String) throws -> MemoryTree { TreeLoader.load(directory: try root(version)) }
}

/// The kstacksize example from the spec.
let kstacksizeSource = """
    // SPDX-License-Identifier: GPL-2.0
    #include <linux/syscalls.h>
    #include <linux/thread_info.h>

    SYSCALL_DEFINE0(kstacksize)
    {
    \treturn THREAD_SIZE;
    }
    """

extension WiringPlan {
    /// The change to one path, if any.
    func change(_ path: String) -> FileChange? { changes.first { $0.path == path } }

    /// Lines added to one path.
    func added(_ path: String) -> [String] { change(path)?.addedAndRemoved.added ?? [] }

    /// The tree after applying the plan.
    func applied(to tree: MemoryTree) -> MemoryTree {
        var result = tree
        for c in changes {
            let real = tree.symlinks[c.path] ?? c.path
            result.files[real] = c.new
        }
        return result
    }
}
