import Foundation
import SyscraftCore

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
            throw SyscraftError(.io, "cannot create directory \(path): \(error.localizedDescription)", hint: "check permissions or pass --cache-dir")
        }
    }
}
