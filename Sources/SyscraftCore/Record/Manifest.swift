/// What syscraft added to one tree: kept in the tree's cache directory (never inside the tree, never relying on git).
/// Its JSON form is the file `manifest.json`; the field names stay as they are so older caches keep working.
public struct Manifest: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public var name: String
        /// The numbers `add` gave it, per ABI key (what userspace sees): what the tree held then, not necessarily now.
        public var numbers: [String: Int]
        public var record: AddRecord
        /// The body is `return THREAD_SIZE;`, so the expected value is known per config.
        public var returnsThreadSize: Bool
        /// The Kconfig option gating it, when added with --config (without `CONFIG_`).
        public var config: String?
        /// The arches that implement it, when added with --only-arch (absent: every arch).
        public var onlyArch: ArchSelection?

        public init(
            name: String, numbers: [String: Int], record: AddRecord, returnsThreadSize: Bool, config: String?, onlyArch: ArchSelection? = nil
        ) {
            self.name = name
            self.numbers = numbers
            self.record = record
            self.returnsThreadSize = returnsThreadSize
            self.config = config
            self.onlyArch = onlyArch
        }

        /// Whether a build arch has the implementation (every arch unless --only-arch chose others).
        public func isImplemented(on profile: ArchProfile) -> Bool {
            onlyArch?.covers(arch: profile.name, directory: profile.archDirectory) ?? true
        }
    }

    public var syscalls: [Entry] = []
    public init(syscalls: [Entry] = []) { self.syscalls = syscalls }

    public func index(of name: String) -> Int? { syscalls.firstIndex { $0.name == name } }

    /// Checks every record against the tree as it is now (the tree is the truth; the records only say what to look for).
    public func checked(against tree: some TreeReader) throws(SyscraftError) -> TreeRecords {
        var numbers: [String: [String: Int]] = [:]
        if !syscalls.isEmpty {
            for row in try SyscallTableReader.lookup(name: nil, arch: nil, tree: tree) where index(of: row.name) != nil {
                numbers[row.name, default: [:]][row.arch] = row.number
            }
        }
        return TreeRecords(records: syscalls.map { entry in
            TreeRecords.Record(entry: entry, presence: entry.record.presence(in: tree), numbers: numbers[entry.name] ?? [:])
        })
    }
}

/// The state of an added syscall's record in the tree.
public enum RecordState: String, Sendable, Codable, Equatable {
    /// Every file and line as syscraft wrote it is there.
    case present
    /// None of it is there (a reset, a branch without it, a stash): kept, not judged, not undone, not exported;
    /// it is present again once its lines come back.
    case dormant
    /// Some of it is there and some is not: never judged; restore the lines or `remove NAME --forget`.
    case partial
}

/// What of a record is in a tree: the files and lines found and those missing.
public struct RecordPresence: Sendable, Equatable {
    /// "kernel/kanswer.c", "arch/x86/entry/syscalls/syscall_64.tbl (1 of 2 lines)", ...
    public var found: [String] = []
    public var missing: [String] = []

    public var state: RecordState {
        if missing.isEmpty { return .present }
        return found.isEmpty ? .dormant : .partial
    }
}

extension AddRecord {
    /// Which of the files this record created and of the lines it added that name the syscall are in `tree` now.
    /// (Lines that do not name it, a bumped count say, are not evidence either way: a later add changes them.)
    public func presence(in tree: some TreeReader) -> RecordPresence {
        var presence = RecordPresence()
        for file in files {
            if file.created {
                if tree.exists(file.path) { presence.found.append(file.path) } else { presence.missing.append(file.path) }
                continue
            }
            let lines: [String] = file.hunks.flatMap { $0.added }.filter { $0.contains(name) }
            guard !lines.isEmpty else { continue }
            let text = Set(TextLines(tree.read(file.path) ?? "").lines)
            let there = lines.filter(text.contains).count
            let label = lines.count == 1 ? file.path : "\(file.path) (\(there) of \(lines.count) lines)"
            if there > 0 { presence.found.append(label) }
            if there < lines.count { presence.missing.append(label) }
        }
        return presence
    }

    /// True when nothing this record added is in `tree` any more (the tree was re-extracted, reset or reverted since).
    public func isAbsent(in tree: some TreeReader) -> Bool { presence(in: tree).found.isEmpty }
}

/// The records of a tree, each checked against the tree: what a command may judge, undo or export.
public struct TreeRecords: Sendable {
    public struct Record: Sendable {
        public var entry: Manifest.Entry
        public var presence: RecordPresence
        /// The numbers the tree's own tables give this name now, per ABI key.
        public var numbers: [String: Int]
        public var state: RecordState { presence.state }
        public var name: String { entry.name }
    }

    public var records: [Record]

    public init(records: [Record]) { self.records = records }

    /// The records wholly in the tree, in the order they were added: the only ones judged, undone or exported.
    public var present: [Manifest.Entry] { records.filter { $0.state == .present }.map(\.entry) }
    public var dormant: [Record] { records.filter { $0.state == .dormant } }
    public var partial: [Record] { records.filter { $0.state == .partial } }

    /// The numbers of a present record, from the tree.
    public func numbers(of name: String) -> [String: Int] { records.first { $0.name == name }?.numbers ?? [:] }

    /// One line per dormant record, for a command's notes.
    public var dormantNotes: [Diagnostic] {
        dormant.map {
            .note("\($0.name): its record is dormant (none of it is in the tree now: a reset, another branch, a stash?); not judged; it is used again once its lines are back")
        }
    }

    /// The refusal for a command that would judge or undo the records while one is partial: one line naming the
    /// record, what is there and what is missing, and the ways out. Nil when no record is partial.
    public func partialError(tree root: String) -> SyscraftError? {
        guard let r = partial.first else { return nil }
        return SyscraftError(
            .conflict,
            "\(r.name) is only partly in the tree: there: \(r.presence.found.joined(separator: ", ")); missing: \(r.presence.missing.joined(separator: ", "))",
            hint: "restore the missing lines (git checkout, git stash pop), or drop the record and leave the tree as it is: syscraft remove \(r.name) --forget --tree \(root)")
    }
}
