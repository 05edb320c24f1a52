import Foundation
import SyscraftCore

/// What a finished build read from the tree (`syscraft.inputs` in its build directory): every file its `.cmd` files
/// name, the Makefile (and Kbuild) of every directory it built in, and kbuild's own scripts; with the build's identity
/// and the moment make started. When none of those files changed since, the build is current and make is not run:
/// a no-op make of a whole kernel costs seconds, a stat of its inputs milliseconds (`syscraft run` boots in under one).
struct BuildInputs {
    static let fileName = "syscraft.inputs"

    var key: String
    /// When make started, in nanoseconds since 1970: an input modified at or after this may not be in the build.
    var started: Int64
    /// The image's mtime when recorded: a different one is another build's image.
    var image: Int64
    var paths: [String]

    static func now() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }

    static func modified(_ path: String) -> Int64? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
    }

    static func load(_ buildDirectory: String) -> BuildInputs? {
        guard let text = try? String(contentsOfFile: buildDirectory + "/" + fileName, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 4, lines[0].hasPrefix("key "), lines[1].hasPrefix("started "), let started = Int64(lines[1].dropFirst(8)),
              lines[2].hasPrefix("image "), let image = Int64(lines[2].dropFirst(6)) else { return nil }
        return BuildInputs(key: String(lines[0].dropFirst(4)), started: started, image: image, paths: lines[3...].filter { !$0.isEmpty })
    }

    /// The build in `buildDirectory` is of this identity and no input changed since it started (and none is gone).
    func isCurrent(key: String, treeRoot: String, image: String) -> Bool {
        guard key == self.key, !paths.isEmpty, Self.modified(image) == self.image else { return false }
        for path in paths {
            guard let mtime = Self.modified(treeRoot + "/" + path), mtime < started else { return false }
        }
        return true
    }

    /// Records a build that started at `started`: the `.cmd` files written since the previous record are read (all of
    /// them when there is none, or it is of another identity), their paths merged into the previous ones.
    static func record(buildDirectory: String, treeRoot given: String, key: String, started: Int64, image: String, archDirectory: String) {
        guard let imageTime = modified(image) else { return }
        // The .cmd files name the tree by its real path (kbuild's abs_srctree).
        let treeRoot = URL(fileURLWithPath: given).resolvingSymlinksInPath().path
        let previous = load(buildDirectory).flatMap { $0.key == key ? $0 : nil }
        var paths = Set(previous?.paths ?? [])
        let since = previous?.started ?? 0
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: buildDirectory) else { return }
        var directories: Set<String> = [""]
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".cmd") else { continue }
            let full = buildDirectory + "/" + relative
            let dir = (relative as NSString).deletingLastPathComponent
            directories.insert(dir)
            guard let mtime = modified(full), mtime >= since, let text = try? String(contentsOfFile: full, encoding: .utf8) else { continue }
            for path in KbuildDependencies.paths(inCmdFile: text, treeRoot: treeRoot) { paths.insert(path) }
        }
        // Makefiles decide what is built: a new object or directory shows as an edited Makefile.
        var makefiles = ["Makefile", "arch/\(archDirectory)/Makefile"]
        for dir in directories where !dir.isEmpty { makefiles += ["\(dir)/Makefile", "\(dir)/Kbuild"] }
        makefiles += ((try? fm.contentsOfDirectory(atPath: treeRoot + "/scripts")) ?? [])
            .filter { $0.hasPrefix("Makefile") || $0.hasPrefix("Kbuild") }.map { "scripts/\($0)" }
        for path in makefiles where fm.fileExists(atPath: treeRoot + "/" + path) { paths.insert(path) }
        // Only regular files in the tree (a .cmd file also names directories, with -I).
        let files = paths.filter { path in
            var isDirectory: ObjCBool = false
            return fm.fileExists(atPath: treeRoot + "/" + path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
        let text = "key \(key)\nstarted \(started)\nimage \(imageTime)\n" + files.joined(separator: "\n") + "\n"
        try? text.write(toFile: buildDirectory + "/" + fileName, atomically: true, encoding: .utf8)
    }

    /// Forgets the record (a failed build: the next one must run make).
    static func forget(_ buildDirectory: String) {
        try? FileManager.default.removeItem(atPath: buildDirectory + "/" + fileName)
    }
}
