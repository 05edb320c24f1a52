import Foundation
import SyscraftCore

#if canImport(Glibc)
import Glibc
#endif

/// Where syscraft keeps what it builds: `$XDG_CACHE_HOME/syscraft` (or `~/.cache/syscraft`) unless `--cache-dir` says otherwise.
public struct CachePaths: Sendable {
    public let root: String

    public init(override: String? = nil) {
        if let override, !override.isEmpty {
            root = URL(fileURLWithPath: override).standardizedFileURL.path
        } else if let xdg = ProcessInfo.processInfo.environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            root = xdg + "/syscraft"
        } else if let home = ProcessInfo.processInfo.environment["HOME"], home.hasPrefix("/") {
            // $HOME, as XDG says, not the passwd entry's home (which NSHomeDirectory may prefer).
            root = URL(fileURLWithPath: home).standardizedFileURL.path + "/.cache/syscraft"
        } else {
            root = NSHomeDirectory() + "/.cache/syscraft"
        }
    }

    /// The per-tree directory: build output, manifest and journal for one kernel tree.
    public func tree(_ tree: DiskTree) -> String {
        let name = URL(fileURLWithPath: tree.root).lastPathComponent.filter { $0.isLetter || $0.isNumber || "-_.".contains($0) }
        return "\(root)/trees/\(name)-\(Self.fnv1a(tree.root))"
    }

    public func buildDirectory(_ tree: DiskTree, arch: String) -> String { self.tree(tree) + "/build-\(arch)" }

    /// A short stable hash (FNV-1a, 64-bit) in hex.
    /// The deepest directory that holds both absolute paths (lexically: `/home/u/linux` and `/home/u/.cache/syscraft`
    /// give `/home/u`).
    public static func commonAncestor(_ a: String, _ b: String) -> String {
        let x = a.split(separator: "/"), y = b.split(separator: "/")
        let shared = zip(x, y).prefix { $0 == $1 }.map { String($0.0) }
        return "/" + shared.joined(separator: "/")
    }

    /// `to` relative to the directory `from` (both absolute, lexically: no symlinks resolved), as ccache's base_dir
    /// rewrites it: `/c/trees/t/build-arm` to `/src/linux` is `../../../../src/linux`.
    public static func relativePath(from: String, to: String) -> String {
        let x = from.split(separator: "/"), y = to.split(separator: "/")
        let shared = zip(x, y).prefix { $0 == $1 }.count
        let parts = Array(repeating: "..", count: x.count - shared) + y.dropFirst(shared).map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    public static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    public static func makeDirectory(_ path: String) throws(SyscraftError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw SyscraftError(.io, "cannot create directory \(path): \(problem(writing: path) ?? error.localizedDescription)",
                                hint: "fix that path, or use another cache directory (--cache-dir DIR or XDG_CACHE_HOME)")
        }
    }

    /// What keeps `path` from being created or written, naming the path component at fault (from errno): a file where a
    /// directory must be, a read-only file system, no permission, no space. Nil when nothing is wrong that can be seen.
    public static func problem(writing path: String) -> String? {
        let fm = FileManager.default
        var existing = URL(fileURLWithPath: path).standardizedFileURL.path
        var isDir: ObjCBool = false
        while !fm.fileExists(atPath: existing, isDirectory: &isDir), existing != "/" {
            existing = (existing as NSString).deletingLastPathComponent
        }
        if !isDir.boolValue { return "\(existing) is a file, not a directory" }
        if access(existing, W_OK) != 0 {
            switch errno {
            case EROFS: return "\(existing) is on a read-only file system"
            case EACCES, EPERM: return "no permission to write in \(existing)"
            default: return "cannot write in \(existing): \(String(cString: strerror(errno)))"
            }
        }
        var fs = statvfs()
        if statvfs(existing, &fs) == 0, fs.f_bavail == 0 { return "no space left on the file system of \(existing)" }
        return nil
    }

    /// The refusal of a cache directory that can never be used (a file in its path), before anything is done.
    public func checkUsable(given: Bool) throws(SyscraftError) {
        guard let problem = Self.problem(writing: root), problem.hasSuffix("is a file, not a directory") else { return }
        throw SyscraftError(.io, "the cache directory \(root) cannot be created: \(problem)",
                            hint: given ? "pass a --cache-dir that is a directory or can be created" : "set XDG_CACHE_HOME to a directory, or pass --cache-dir")
    }
}
