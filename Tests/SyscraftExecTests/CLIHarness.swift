import Foundation
import SyscraftTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Runs the real `syscraft` binary as a child process (so a test can kill -9 it or send it SIGINT).
enum CLI {
    static var repoRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// `$SYSCRAFT_BIN`, else the binary built next to this test bundle, else the newest `.build*/debug/syscraft`.
    static let binary: String? = {
        let fm = FileManager.default
        if let bin = ProcessInfo.processInfo.environment["SYSCRAFT_BIN"], fm.isExecutableFile(atPath: bin) { return bin }
        let sibling = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("syscraft").path
        if fm.isExecutableFile(atPath: sibling) { return sibling }
        let candidates = ((try? fm.contentsOfDirectory(atPath: repoRoot.path)) ?? [])
            .filter { $0.hasPrefix(".build") }
            .map { repoRoot.path + "/\($0)/debug/syscraft" }
            .filter { fm.isExecutableFile(atPath: $0) }
        func modified(_ path: String) -> Date { ((try? fm.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast }
        return candidates.max { modified($0) < modified($1) }
    }()

    struct Run: CustomStringConvertible {
        var status: Int32
        /// The signal that ended the process, if one did.
        var signal: Int32?
        var stdout: String
        var stderr: String

        var errorLines: [String] { stderr.split(separator: "\n").map(String.init).filter { $0.hasPrefix("syscraft: error:") } }
        var description: String { "status \(status) signal \(signal.map(String.init) ?? "-")\nstdout: \(stdout.suffix(1500))\nstderr: \(stderr.suffix(1500))" }
    }

    /// Runs `syscraft args...` with a scrubbed environment (no fault switch unless given, cache under `home`).
    static func run(_ args: [String], environment: [String: String] = [:], home: String, timeout: TimeInterval = 120) throws -> Run {
        let binary = try #require(binary, "no syscraft binary: set SYSCRAFT_BIN or run swift build")
        var env = ProcessInfo.processInfo.environment
        env["SYSCRAFT_TEST_KILL_AFTER_WRITES"] = nil
        env["XDG_CACHE_HOME"] = home + "/xdg-cache"
        env["HOME"] = home
        for (k, v) in environment { env[k] = v }
        let r = try HostProcess.run(binary, args, environment: env, timeout: timeout)
        return Run(status: r.signal ?? r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr)
    }
}

/// A scratch directory holding a copy of an era fixture tree, a cache directory and room for sources.
struct Scratch {
    let base: String
    var tree: String { base + "/tree" }
    var cache: String { base + "/cache" }

    /// Fixture eras live in the core tests' resources; symlinks are listed in each era's SYMLINKS file.
    static func fixture(_ era: String) -> String {
        CLI.repoRoot.path + "/Tests/SyscraftCoreTests/Fixtures/eras/\(era)"
    }

    init(era: String?, label: String = "t") throws {
        let fm = FileManager.default
        base = fm.temporaryDirectory.appendingPathComponent("syscraft-\(label)-\(getpid())-\(UUID().uuidString.prefix(8))").path
        try fm.createDirectory(atPath: base, withIntermediateDirectories: true)
        guard let era else { return }
        try Self.copyFixture(era, to: tree)
    }

    static func copyFixture(_ era: String, to destination: String) throws {
        let fm = FileManager.default
        let source = fixture(era)
        try fm.copyItem(atPath: source, toPath: destination)
        try? fm.removeItem(atPath: destination + "/generate.py")
        let listPath = destination + "/SYMLINKS"
        if let list = fm.contents(atPath: listPath) {
            try fm.removeItem(atPath: listPath)
            for line in String(decoding: list, as: UTF8.self).split(separator: "\n") {
                let parts = line.components(separatedBy: " -> ")
                guard parts.count == 2 else { continue }
                // SYMLINKS targets are tree-relative; a real link is relative to its own directory.
                let depth = parts[0].split(separator: "/").count - 1
                let target = String(repeating: "../", count: depth) + parts[1]
                try? fm.removeItem(atPath: destination + "/" + parts[0])
                try fm.createSymbolicLink(atPath: destination + "/" + parts[0], withDestinationPath: target)
            }
        }
    }

    /// Writes a file under the scratch directory (outside the tree) and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Data(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let path = base + "/" + name
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    func syscraft(_ args: [String], environment: [String: String] = [:]) throws -> CLI.Run {
        try CLI.run(args, environment: environment, home: base)
    }

    func remove() {
        // Immutable files (chattr +i) would stop the removal.
        _ = try? CLI.shell("/usr/bin/chattr", ["-R", "-i", base])
        try? FileManager.default.removeItem(atPath: base)
    }
}

extension CLI {
    /// Runs a helper tool (argv, no shell) and returns its exit status.
    @discardableResult
    static func shell(_ executable: String, _ arguments: [String]) throws -> Int32 {
        guard FileManager.default.isExecutableFile(atPath: executable) else { return 127 }
        return try HostProcess.run(executable, arguments, stdout: .null, stderr: .null).status
    }
}

/// Every entry under a directory, by relative path: bytes and mode for files, targets for symlinks.
struct TreeSnapshot: Equatable {
    enum Entry: Equatable {
        case file(Data, mode: UInt16)
        case directory(mode: UInt16)
        case symlink(String)
    }

    var entries: [String: Entry] = [:]

    init(_ root: String) {
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: root) else { return }
        while let relative = walker.nextObject() as? String {
            let full = root + "/" + relative
            var st = stat()
            guard lstat(full, &st) == 0 else { continue }
            let mode = UInt16(st.st_mode & 0o7777)
            switch st.st_mode & S_IFMT {
            case S_IFLNK: entries[relative] = .symlink((try? fm.destinationOfSymbolicLink(atPath: full)) ?? "?")
            case S_IFDIR: entries[relative] = .directory(mode: mode)
            default: entries[relative] = .file(fm.contents(atPath: full) ?? Data(), mode: mode)
            }
        }
    }

    /// The paths that differ, for readable failures.
    func differences(from other: TreeSnapshot) -> [String] {
        Set(entries.keys).union(other.entries.keys).filter { entries[$0] != other.entries[$0] }.sorted()
    }
}
