import Foundation
import SyscraftCore

/// A kernel tree on disk, read through the `TreeReader` protocol. Every path is relative to `root`
/// and is refused when it (or a symlink on the way) leads outside the tree.
public struct DiskTree: TreeReader {
    /// The tree's root, absolute and with symlinks resolved.
    public let root: String

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
        guard resolved == root || resolved.hasPrefix(root + "/") else { return nil }
        return resolved
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
