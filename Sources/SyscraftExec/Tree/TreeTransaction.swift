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

    struct Journal: Codable {
        var operation: String
        var changes: [FileChange]
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
        try? FileManager.default.removeItem(atPath: journalPath)
        return "rolled back an interrupted '\(journal.operation)' (\(restored) file(s) restored); the tree is as it was before that run"
    }

    /// Applies `changes`. On any failure, files already written are restored and the error is rethrown.
    public func apply(_ changes: [FileChange], operation: String) throws(SyscraftError) {
        // 1. Check: every path inside the tree, current text as planned, every target writable.
        var targets: [(FileChange, String)] = []
        for change in changes {
            guard let full = tree.resolve(change.path) else {
                throw SyscraftError(.badTree, "refusing to write \(change.path): it leads outside the tree \(tree.root)", hint: "remove the symlink or pass the real tree with --tree")
            }
            let current = FileManager.default.contents(atPath: full).map { String(decoding: $0, as: UTF8.self) }
            guard current == change.old else {
                throw SyscraftError(.conflict, "\(change.path) changed while syscraft was planning", hint: "run the command again")
            }
            let dir = (full as NSString).deletingLastPathComponent
            let dirExists = FileManager.default.fileExists(atPath: dir)
            if change.old != nil, access(full, W_OK) != 0 {
                throw SyscraftError(.io, "cannot write \(change.path): permission denied", hint: "make it writable (chmod u+w \(change.path)) and retry")
            }
            if dirExists, access(dir, W_OK) != 0 {
                throw SyscraftError(.io, "cannot write in \((change.path as NSString).deletingLastPathComponent): permission denied", hint: "make the directory writable and retry")
            }
            targets.append((change, full))
        }
        // 2. Journal.
        do {
            try FileManager.default.createDirectory(atPath: (journalPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let data = try JSONEncoder().encode(Journal(operation: operation, changes: changes))
            try data.write(to: URL(fileURLWithPath: journalPath), options: .atomic)
        } catch {
            throw SyscraftError(.io, "cannot write the journal \(journalPath): \(error.localizedDescription)", hint: "free disk space or pass --cache-dir")
        }
        // 3. Write, one file at a time, atomically.
        let faultAfter = ProcessInfo.processInfo.environment["SYSCRAFT_TEST_KILL_AFTER_WRITES"].flatMap { Int($0) }
        var written: [(FileChange, String)] = []
        for (index, (change, full)) in targets.enumerated() {
            do {
                try write(change.new, to: full, path: change.path)
            } catch {
                for (done, donePath) in written.reversed() { try? write(done.old, to: donePath, path: done.path) }
                try? FileManager.default.removeItem(atPath: journalPath)
                throw error
            }
            written.append((change, full))
            if let faultAfter, faultAfter == index + 1 { kill(getpid(), SIGKILL) }
        }
        try? FileManager.default.removeItem(atPath: journalPath)
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
        let temp = dir + "/." + (full as NSString).lastPathComponent + ".syscraft-tmp"
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
