/// One file's change in a plan: the whole old text and the whole new text.
/// `old == nil` creates the file; `new == nil` deletes it.
public struct FileChange: Sendable, Equatable, Codable {
    public var path: String
    public var old: String?
    public var new: String?

    public init(path: String, old: String?, new: String?) {
        self.path = path
        self.old = old
        self.new = new
    }

    /// Lines added and removed (as in the `--json` contract), computed by a line diff.
    public var addedAndRemoved: (added: [String], removed: [String]) {
        LineDiff.addedAndRemoved(old: old ?? "", new: new ?? "")
    }
}

/// Everything `add` or `remove` will do to a tree, computed without touching it.
public struct WiringPlan: Sendable, Equatable {
    public var name: String
    /// The numbers userspace sees (`__NR_name`), keyed by ABI: "x86_64", "i386", "arm64", "mips/o32", ...
    public var numbers: [String: Int]
    public var changes: [FileChange]
    /// Non-fatal advice (compat handling, config hints).
    public var warnings: [Diagnostic]
    /// For a removal: lines of the record left in place because another syscall still needs them (a forward
    /// declaration of a struct both use). Whoever still needs them takes them over, so they go with the last user.
    public var kept: [KeptLines] = []
    /// For an addition with --only-arch: the arches that implement it.
    public var onlyArch: ArchSelection?

    public init(name: String, numbers: [String: Int], changes: [FileChange], warnings: [Diagnostic] = []) {
        self.name = name
        self.numbers = numbers
        self.changes = changes
        self.warnings = warnings
    }

    /// The tree as it will be after the plan, for validation and re-planning.
    public func unifiedDiff() -> String {
        changes.map { LineDiff.unified(path: $0.path, old: $0.old, new: $0.new) }.joined()
    }
}

/// Lines a removal left in place for another syscall: the recorded hunk, and the tags that still need it.
public struct KeptLines: Sendable, Equatable {
    public var path: String
    public var hunk: AddRecord.Hunk
    public var tags: [String]
}
