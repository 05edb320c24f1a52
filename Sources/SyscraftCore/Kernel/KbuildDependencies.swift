/// The tree files a kbuild output depends on, read from its `.cmd` files (`savedcmd_...`, `source_...`,
/// `deps_... := \` lines): every word that is a path under the tree's root. With them, a build whose inputs are all
/// older than its start is known to be current without running make (a no-op make of a whole kernel takes seconds).
public enum KbuildDependencies {
    /// The tree-relative paths a `.cmd` file names (`include/linux/sched.h`, `kernel/fork.c`), in order, unique.
    public static func paths(inCmdFile text: String, treeRoot: String) -> [String] {
        let root = Array((treeRoot.hasSuffix("/") ? treeRoot : treeRoot + "/").utf8)
        var seen: Set<String> = []
        var result: [String] = []
        let bytes = Array(text.utf8)
        var i = 0
        func isSeparator(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0a || b == 0x0d || b == 0x5c || b == 0x3a || b == 0x3d }
        while i < bytes.count {
            while i < bytes.count, isSeparator(bytes[i]) { i += 1 }
            let start = i
            while i < bytes.count, !isSeparator(bytes[i]) { i += 1 }
            guard i - start > root.count, bytes[start..<(start + root.count)].elementsEqual(root) else { continue }
            var end = i
            // "$(wildcard ...)" and quoted arguments end in punctuation that is not part of the path.
            while end > start, [0x29, 0x2c, 0x3b, 0x22, 0x27].contains(bytes[end - 1]) { end -= 1 }
            let path = String(decoding: bytes[(start + root.count)..<end], as: UTF8.self)
            guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("$("), !path.hasSuffix("/") else { continue }
            if seen.insert(path).inserted { result.append(path) }
        }
        return result
    }
}
