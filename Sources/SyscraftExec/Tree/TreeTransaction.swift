import Foundation
import SyscraftCore

#if canImport(Glibc)
import Glibc
#endif

/// Applies a set of file changes to a tree as one transaction:
/// check everything first, journal the old and new texts, write each file atomically
/// (temp file + rename, mode preserved, unchanged files untouched), then drop the journal.
/// A run that dies half-way is rolled back by `recover` on the next run.
public struct TreeTransaction {
    public let tree: DiskTree
    /// Where the journal lives (the tree's cache directory), never inside the tree.
    public let journalPath: String

    public init(tree: DiskTree, stateDirectory: String) {
        self.tree = tree
        self.journalPath = stateDirectory + "/journal.json"
    }

    /// A file of syscraft's own state (the manifest), committed together with the tree's files.
    public struct StateFile: Codable, Sendable, Equatable {
        /// A plain file name inside the state directory ("manifest.json").
        public var name: String
        /// The text before the transaction; nil when the file did not exist.
        public var old: String?
        public var new: String

        public init(name: String, old: String?, new: String) {
            self.name = name
            self.old = old
            self.new = new
        }
    }

    struct Journal: Codable {
        var operation: String
        var changes: [FileChange]
        /// Absent in journals written before state files were journaled.
        var state: [StateFile]?
        /// Directories the run creates for new files (absolute, parents first): a rollback removes them again.
        var directories: [String]?
    }

    /// The directories that writing `targets` will create, parents first.
    static func directoriesToCreate(_ targets: [String]) -> [String] {
        var result: [String] = []
        for full in targets {
            var dir = (full as NSString).deletingLastPathComponent
            var missing: [String] = []
            while !dir.isEmpty, dir != "/", !FileManager.default.fileExists(atPath: dir) {
                missing.insert(dir, at: 0)
                dir = (dir as NSString).deletingLastPathComponent
            }
            for d in missing where !result.contains(d) { result.append(d) }
        }
        return result
    }

    /// Removes the directories a rolled-back run created, deepest first, when nothing else was put in them.
    static func removeCreated(_ directories: [String]) {
        for dir in directories.reversed() { rmdir(dir) }
    }

    var stateDirectory: String { (journalPath as NSString).deletingLastPathComponent }

    /// The absolute path of a state file, or nil for a name that is not a plain file name.
    func statePath(_ name: String) -> String? {
        guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else { return nil }
        return stateDirectory + "/" + name
    }

    /// The operation of an interrupted transaction waiting to be rolled back ("add kstacksize"), without touching it;
    /// "unreadable journal" for a journal that cannot be read; nil when there is none.
    public func pendingOperation() -> String? {
        guard let data = FileManager.default.contents(atPath: journalPath) else { return nil }
        return (try? JSONDecoder().decode(Journal.self, from: data))?.operation ?? "unreadable journal"
    }

    /// Rolls back a transaction that a crash, kill or full disk interrupted. Returns a sentence saying what happened, or nil.
    public func recover() throws(SyscraftError) -> String? {
        guard let data = FileManager.default.contents(atPath: journalPath) else { return nil }
        guard let journal = try? JSONDecoder().decode(Journal.self, from: data) else {
            try? FileManager.default.removeItem(atPath: journalPath)
            return "found an unreadable journal from an interrupted run and removed it (it was written before any file was touched)"
        }
        var restored = 0
        for change in journal.changes.reversed() {
            guard let full = tree.resolve(change.path) else { continue }
            let current = FileManager.default.contents(atPath: full).map { String(decoding: $0, as: UTF8.self) }
            if current == change.old { continue }
            try write(change.old, to: full, path: change.path)
            restored += 1
        }
        // The manifest goes back too, so it never lists a syscall the tree does not have (or the reverse).
        for file in (journal.state ?? []).reversed() {
            guard let full = statePath(file.name) else { continue }
            try write(file.old, to: full, path: full)
        }
        // A write cut off between its temp file and the rename leaves the temp file: nothing of the run stays behind.
        for full in journal.changes.compactMap({ tree.resolve($0.path) }) + (journal.state ?? []).compactMap({ statePath($0.name) }) {
            unlink(Self.tempPath(for: full))
        }
        Self.removeCreated(journal.directories ?? [])
        try? FileManager.default.removeItem(atPath: journalPath)
        return "rolled back an interrupted '\(journal.operation)' (\(restored) file(s) restored); the tree is as it was before that run"
    }

    /// Applies `changes` to the tree and then `state` to the state directory; the journal's removal is the commit point.
    /// On any failure, files already written are restored and the error is rethrown.
    /// - Parameters:
    ///   - changes: Whole-file changes, paths relative to the tree.
    ///   - operation: What the journal calls this run ("add kstacksize"), for the recovery message.
    ///   - state: Files of syscraft's own (the manifest) that must change if and only if the tree does.
    /// - Throws: `.badTree` for paths outside the tree or files that are not UTF-8 text, `.conflict` for files
    ///   changed since planning, `.io` for anything that cannot be written — all before the first write.
    public func apply(_ changes: [FileChange], operation: String, state: [StateFile] = []) throws(SyscraftError) {
        // 1. Check: every path inside the tree, current text as planned, every target writable.
        var targets: [(FileChange, String)] = []
        for change in changes {
            guard let full = tree.resolve(change.path) else {
                throw SyscraftError(.badTree, "refusing to write \(change.path): it leads outside the tree \(tree.root)", hint: "remove the symlink or pass the real tree with --tree")
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), isDirectory.boolValue {
                throw SyscraftError(.badTree, "cannot write \(change.path): it is a directory", hint: "move the directory out of the way and retry")
            }
            let bytes = FileManager.default.contents(atPath: full)
            // Re-encoding a file that is not UTF-8 would change bytes syscraft does not own.
            if let bytes, String(data: bytes, encoding: .utf8) == nil {
                throw SyscraftError(.badTree, "\(change.path) is not UTF-8 text, so editing it could change bytes syscraft does not own",
                                    hint: "convert it to UTF-8 (iconv -f latin1 -t utf-8) and retry")
            }
            let current = bytes.map { String(decoding: $0, as: UTF8.self) }
            guard current == change.old else {
                throw SyscraftError(.conflict, "\(change.path) changed while syscraft was planning", hint: "run the command again")
            }
            let dir = (full as NSString).deletingLastPathComponent
            let dirExists = FileManager.default.fileExists(atPath: dir)
            if change.old != nil, access(full, W_OK) != 0 {
                throw Self.unwritable(change.path, full, errno: errno)
            }
            if dirExists, access(dir, W_OK) != 0 {
                throw Self.unwritable((change.path as NSString).deletingLastPathComponent, dir, errno: errno, directory: true)
            }
            targets.append((change, full))
        }
        // 2. Journal.
        let created = Self.directoriesToCreate(targets.filter { $0.0.new != nil }.map(\.1))
        do {
            try FileManager.default.createDirectory(atPath: (journalPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let data = try JSONEncoder().encode(Journal(operation: operation, changes: changes, state: state.isEmpty ? nil : state,
                                                        directories: created.isEmpty ? nil : created))
            try data.write(to: URL(fileURLWithPath: journalPath), options: .atomic)
        } catch {
            throw SyscraftError(.io, "cannot write the journal \(journalPath): \(CachePaths.problem(writing: journalPath) ?? error.localizedDescription)",
                                hint: "fix that path, or use another cache directory (--cache-dir DIR or XDG_CACHE_HOME)")
        }
        // 3. Write, one file at a time, atomically: the tree's files, then syscraft's own state (still before the commit).
        typealias Step = (old: String?, new: String?, full: String, label: String)
        let steps: [Step] = targets.map { change, full in (change.old, change.new, full, change.path) }
            + state.compactMap { file in statePath(file.name).map { (file.old, file.new, $0, $0) } }
        let faultAfter = ProcessInfo.processInfo.environment["SYSCRAFT_TEST_KILL_AFTER_WRITES"].flatMap { Int($0) }
        var written: [Step] = []
        for step in steps {
            do {
                try write(step.new, to: step.full, path: step.label)
            } catch {
                for done in written.reversed() { try? write(done.old, to: done.full, path: done.label) }
                Self.removeCreated(created)
                try? FileManager.default.removeItem(atPath: journalPath)
                throw error
            }
            written.append(step)
            // The fault-injection switch for tests: die like kill -9 right after the k-th write.
            if let faultAfter, faultAfter == written.count { kill(getpid(), SIGKILL) }
        }
        // 4. Commit: without the journal there is nothing to roll back.
        try? FileManager.default.removeItem(atPath: journalPath)
    }

    /// The refusal for a file or directory that cannot be written, with the fix for its cause.
    static func unwritable(_ path: String, _ full: String, errno code: Int32, directory: Bool = false) -> SyscraftError {
        let what = directory ? "the directory \(path)" : path
        switch code {
        case EPERM:
            return SyscraftError(.io, "cannot write \(what): it is immutable", hint: "run 'chattr -i \(full)' and retry")
        case EROFS:
            return SyscraftError(.io, "cannot write \(what): the file system is read-only", hint: "copy the tree to a writable place and pass that with --tree")
        default:
            return SyscraftError(.io, "cannot write \(what): permission denied", hint: "run 'chmod u+w \(full)' (or run as its owner) and retry")
        }
    }

    /// The temp file a write of `full` goes through before its rename.
    static func tempPath(for full: String) -> String {
        (full as NSString).deletingLastPathComponent + "/." + (full as NSString).lastPathComponent + ".syscraft-tmp"
    }

    /// Writes `text` at `full` (nil deletes), atomically and only when the content differs.
    func write(_ text: String?, to full: String, path: String) throws(SyscraftError) {
        let fm = FileManager.default
        guard let text else {
            if fm.fileExists(atPath: full) {
                do { try fm.removeItem(atPath: full) } catch {
                    throw SyscraftError(.io, "cannot delete \(path): \(error.localizedDescription)", hint: "check permissions")
                }
            }
            return
        }
        let data = Data(text.utf8)
        if let existing = fm.contents(atPath: full), existing == data { return }
        let dir = (full as NSString).deletingLastPathComponent
        var mode: mode_t = 0o644
        var st = stat()
        if stat(full, &st) == 0 { mode = st.st_mode & 0o7777 }
        let temp = Self.tempPath(for: full)
        do {
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, mode)
            guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            defer { close(fd) }
            try data.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if n < 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                    offset += n
                }
            }
            fchmod(fd, mode)
            guard fsync(fd) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            guard rename(temp, full) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            unlink(temp)
            throw SyscraftError(.io, "cannot write \(path): \(error.localizedDescription)", hint: "check free disk space and permissions; the tree was left as it was")
        }
    }
}
