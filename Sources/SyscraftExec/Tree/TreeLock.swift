import Foundation
import Synchronization
import SyscraftCore

#if canImport(Glibc)
import Glibc
#endif

/// One writer per tree: an exclusive flock on `lock` in the tree's cache directory, held by every command that
/// writes the tree or its records or rolls an interrupted run back. A second writer waits a bounded time, then says
/// who holds it. Reentrant within a process (add takes it, and the recovery add runs first takes it again); the
/// kernel drops it when the holder dies, so a killed run never leaves it stuck.
public enum TreeLock {
    private static let held = Mutex<[String: (fd: Int32, depth: Int)]>([:])

    /// Runs `body` holding the lock at `path`, waiting up to `timeout` for another process to release it.
    public static func withLock<T>(_ path: String, operation: String, timeout: Duration = .seconds(60), _ body: () throws(SyscraftError) -> T) throws(SyscraftError) -> T {
        try acquire(path, operation: operation, timeout: timeout)
        defer { release(path) }
        return try body()
    }

    static func acquire(_ path: String, operation: String, timeout: Duration) throws(SyscraftError) {
        if held.withLock({ state in
            guard let entry = state[path] else { return false }
            state[path] = (entry.fd, entry.depth + 1)
            return true
        }) { return }
        try CachePaths.makeDirectory((path as NSString).deletingLastPathComponent)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw SyscraftError(.io, "cannot open the tree's lock \(path): \(CachePaths.problem(writing: path) ?? String(cString: strerror(errno)))",
                                hint: "fix that path, or use another cache directory (--cache-dir DIR or XDG_CACHE_HOME)")
        }
        let deadline = ContinuousClock.now + timeout
        var said = false
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if ContinuousClock.now >= deadline {
                close(fd)
                throw SyscraftError(.conflict, "another syscraft is working on this tree (\(holder.isEmpty ? "lock \(path)" : holder)) and did not finish within \(timeout.components.seconds)s",
                                    hint: "wait for it to finish and run the command again")
            }
            if !said {
                FileHandle.standardError.write(Data("syscraft: waiting for another syscraft working on this tree (\(holder))\n".utf8))
                said = true
            }
            usleep(50_000)
        }
        // Who holds it, for the next waiter's message.
        _ = ftruncate(fd, 0)
        let note = "pid \(getpid()): \(operation)\n"
        _ = note.withCString { pwrite(fd, $0, strlen($0), 0) }
        held.withLock { $0[path] = (fd, 1) }
    }

    static func release(_ path: String) {
        let fd: Int32? = held.withLock { state in
            guard let entry = state[path] else { return nil }
            if entry.depth > 1 {
                state[path] = (entry.fd, entry.depth - 1)
                return nil
            }
            state[path] = nil
            return entry.fd
        }
        if let fd {
            _ = ftruncate(fd, 0)
            flock(fd, LOCK_UN)
            close(fd)
        }
    }
}
