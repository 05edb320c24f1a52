import Foundation
import SyscraftCore

/// A stock kernel for an arch that had none when syscraft first added a syscall (say `test --arch arm64` after a
/// `demo` that built only x86_64): built from a copy of the tree in the cache with syscraft's additions undone,
/// so the user's tree is never edited to get one.
///
/// The copy and its build directory mirror the tree and its build directory under `stock-root` (the tree
/// `/src/linux` is copied to `<state>/stock-root/src/linux`, built in `<state>/stock-root/<cache>/trees/.../build-arm`),
/// so each source path relative to its build directory is the same text in both builds. ccache's base_dir makes
/// those relative paths what it hashes: every object whose inputs syscraft's additions did not touch (about three
/// in four on arm 6.12: 176 of 677 objects include syscalls.h or a generated unistd header) is a hit.
extension Workspace {
    var stockRoot: String { stateDirectory + "/stock-root" }
    var stockSourceDirectory: String { stockRoot + tree.root }
    func stockBuildDirectory(_ profile: ArchProfile) -> String { stockRoot + buildDirectory(profile) }

    /// Copies the tree to `stock-src` (hard links when the cache shares the tree's file system: only inodes, and
    /// syscraft's atomic writes replace a link instead of writing through it) and undoes every addition in
    /// `manifest` there (the present records: a dormant one has nothing in the tree to undo).
    func makeStockSource(_ manifest: Manifest) async throws(SyscraftError) -> DiskTree {
        let target = stockSourceDirectory
        // What a killed run left (the copy, its journal) is dropped, never recovered into.
        removeStockSource()
        try CachePaths.makeDirectory((target as NSString).deletingLastPathComponent)
        reporter.status("copying \(tree.root) to \(target) to undo syscraft's additions there (the stock kernel's source)")
        var copied = false
        for flags in [["-al"], ["-a"]] where !copied {
            let result: (ending: ProcessOutcome.Ending, output: String)
            do { result = try await ProcessRunner.capture(Command("cp", flags + [tree.root, target]), timeout: .seconds(1800)) } catch {
                throw SyscraftError(.tool, "cannot run cp: \(error)", hint: "install coreutils")
            }
            copied = result.ending == .exited(0)
            if !copied { try? FileManager.default.removeItem(atPath: target) }
        }
        guard copied else {
            throw SyscraftError(.io, "cannot copy \(tree.root) to \(target)", hint: "free disk space in the cache, or pass --cache-dir")
        }
        do {
            let shadow = try DiskTree(root: target)
            let transaction = TreeTransaction(tree: shadow, stateDirectory: stateDirectory + "/stock-state")
            for entry in manifest.syscalls.reversed() {
                let plan = try WiringPlanner.planRemove(name: entry.name, tree: shadow, record: entry.record)
                try shadow.checkContained()
                try transaction.apply(plan.changes, operation: "stock: remove \(entry.name)")
            }
            return shadow
        } catch {
            // Nothing half-made is left for the next run to trip over.
            removeStockSource()
            throw error
        }
    }

    /// Builds and keeps the stock kernel for `profile` from `source` (see `makeStockSource`); its build directory is
    /// dropped once the image and config are kept.
    func buildStock(_ profile: ArchProfile, from source: DiskTree, ccWrapper: String?) async throws(SyscraftError) -> KernelBuilder.Outcome {
        let builder = try plainBuilder(profile, source: source, buildDirectory: stockBuildDirectory(profile), ccWrapper: ccWrapper)
        let outcome = try await builder.build()
        try saveStock(profile, outcome, config: stockBuildDirectory(profile) + "/.config")
        try? FileManager.default.removeItem(atPath: stockBuildDirectory(profile))
        return outcome
    }

    func removeStockSource() {
        try? FileManager.default.removeItem(atPath: stockRoot)
        try? FileManager.default.removeItem(atPath: stateDirectory + "/stock-src")  // where syscraft before 2026-12 kept it
        try? FileManager.default.removeItem(atPath: stateDirectory + "/stock-state")
    }
}
