import Foundation
import Synchronization
import SyscraftCore

/// The tree paths that were looked up but lead outside the tree (through a symlink), with where they lead.
public final class EscapeLog: Sendable {
    private let seen = Mutex<[(path: String, target: String)]>([])

    public init() {}

    func record(_ path: String, _ target: String) {
        seen.withLock { list in if !list.contains(where: { $0.path == path }) { list.append((path, target)) } }
    }

    /// The first escaping path, in lookup order.
    public var first: (path: String, target: String)? { seen.withLock { $0.first } }
}

/// A kernel tree on disk, read through the `TreeReader` protocol. Every path is relative to `root`
/// and is refused when it (or a symlink on the way) leads outside the tree.
public struct DiskTree: TreeReader {
    /// The tree's root, absolute and with symlinks resolved.
    public let root: String
    /// Paths the planner asked about that a symlink leads outside the tree: they are refused, never skipped.
    public let escapes = EscapeLog()

    public init(root: String) throws(SyscraftError) {
        let absolute = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath().path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDir), isDir.boolValue else {
            throw SyscraftError(.badTree, "kernel tree \(root) does not exist or is not a directory", hint: "pass --tree with the top directory of a Linux source tree")
        }
        self.root = absolute
    }

    /// The absolute path for a tree-relative path, or nil when it resolves outside the tree.
    public func resolve(_ path: String) -> String? {
        guard !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else { return nil }
        let full = root + "/" + path
        // Resolve symlinks of the existing prefix; a file that does not exist yet resolves through its parent.
        let url = URL(fileURLWithPath: full)
        let resolved: String
        if FileManager.default.fileExists(atPath: full) {
            resolved = url.resolvingSymlinksInPath().path
        } else {
            resolved = url.deletingLastPathComponent().resolvingSymlinksInPath().path + "/" + url.lastPathComponent
        }
        guard resolved == root || resolved.hasPrefix(root + "/") else {
            escapes.record(path, resolved)
            return nil
        }
        return resolved
    }

    /// Throws when any path looked up so far leads outside the tree, so a plan is never made around it.
    public func checkContained() throws(SyscraftError) {
        guard let escape = escapes.first else { return }
        throw SyscraftError(.badTree, "\(escape.path) leads outside the tree (to \(escape.target)); syscraft reads and writes only inside \(root)",
                            hint: "replace the symlink with the file itself (cp --remove-destination \(escape.target) \(escape.path)), or pass the real tree with --tree")
    }

    public func read(_ path: String) -> String? {
        guard let full = resolve(path) else { return nil }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue else { return nil }
        guard let data = FileManager.default.contents(atPath: full) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    public func exists(_ path: String) -> Bool {
        guard let full = resolve(path) else { return false }
        return FileManager.default.fileExists(atPath: full)
    }

    public func symlinkTarget(_ path: String) -> String?? {
        let full = root + "/" + path
        guard let attrs = try? FileManager.default.attributesOfItem(atPath: full),
            attrs[.type] as? FileAttributeType == .typeSymbolicLink
        else { return nil }
        guard let resolved = resolve(path) else { return .some(nil) }
        return .some(resolved == root ? "" : String(resolved.dropFirst(root.count + 1)))
    }

    public func list(_ directory: String) -> [String] {
        guard let full = directory.isEmpty ? root : resolve(directory) else { return [] }
        return ((try? FileManager.default.contentsOfDirectory(atPath: full)) ?? []).sorted()
    }
}
