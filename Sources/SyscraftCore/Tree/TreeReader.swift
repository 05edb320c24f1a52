/// Read-only access to a kernel tree, by paths relative to its root ("arch/x86/...").
/// Core code probes and plans through this protocol only; the Exec module implements it on disk,
/// tests implement it in memory.
public protocol TreeReader: Sendable {
    /// The file's text, or nil when it does not exist or is not a regular file (after symlinks).
    func read(_ path: String) -> String?
    /// True when a file or directory exists at the path.
    func exists(_ path: String) -> Bool
    /// When the path is a symlink, its target resolved to a tree-relative path (nil if it leaves the tree).
    func symlinkTarget(_ path: String) -> String??
    /// Entry names of a directory (not recursive), or [] when absent.
    func list(_ directory: String) -> [String]
}

extension TreeReader {
    public func isSymlink(_ path: String) -> Bool { symlinkTarget(path) != nil }
}

/// An in-memory tree, for tests and for planning against a tree with pending edits.
public struct MemoryTree: TreeReader {
    public var files: [String: String]
    public var symlinks: [String: String]

    public init(files: [String: String] = [:], symlinks: [String: String] = [:]) {
        self.files = files
        self.symlinks = symlinks
    }

    public func read(_ path: String) -> String? {
        if let target = symlinks[path] { return files[target] }
        return files[path]
    }

    public func exists(_ path: String) -> Bool {
        if files[path] != nil || symlinks[path] != nil { return true }
        let prefix = path.hasSuffix("/") ? path : path + "/"
        return files.keys.contains { $0.hasPrefix(prefix) }
    }

    public func symlinkTarget(_ path: String) -> String?? {
        guard let target = symlinks[path] else { return nil }
        return .some(target)
    }

    public func list(_ directory: String) -> [String] {
        let prefix = directory.isEmpty ? "" : (directory.hasSuffix("/") ? directory : directory + "/")
        var names = Set<String>()
        for key in Array(files.keys) + Array(symlinks.keys) where key.hasPrefix(prefix) {
            let rest = key.dropFirst(prefix.count)
            if let first = rest.split(separator: "/").first { names.insert(String(first)) }
        }
        return names.sorted()
    }
}
