/// What `add` did to a tree, kept (as JSON) so that `remove` can undo it byte for byte.
///
/// Edits are recorded by content (the lines added and removed with a little context), not by line
/// number, so unrelated edits made since do not get in the way.
public struct AddRecord: Sendable, Equatable, Codable {
    /// One contiguous change inside a file.
    public struct Hunk: Sendable, Equatable, Codable {
        /// Unchanged lines just above the change (up to 3).
        public var before: [String]
        /// Lines `add` removed (a count it bumped).
        public var removed: [String]
        /// Lines `add` inserted.
        public var added: [String]
        /// Unchanged lines just below the change (up to 3).
        public var after: [String]
        /// 0-based line where the change started in the new text, to choose between equal matches.
        public var line: Int
    }

    /// What happened to one file.
    public struct FileRecord: Sendable, Equatable, Codable {
        public var path: String
        /// The file did not exist before: `remove` deletes it, whatever its content now.
        public var created: Bool
        public var hunks: [Hunk]

        public init(path: String, created: Bool, hunks: [Hunk]) {
            self.path = path
            self.created = created
            self.hunks = hunks
        }
    }

    public var version: Int
    public var name: String
    public var numbers: [String: Int]
    public var files: [FileRecord]

    /// The record of a plan about to be applied.
    public init(plan: WiringPlan) {
        version = 1
        name = plan.name
        numbers = plan.numbers
        files = plan.changes.map { change in
            if change.old == nil {
                return FileRecord(path: change.path, created: true, hunks: [])
            }
            return FileRecord(
                path: change.path, created: false,
                hunks: Self.hunks(old: TextLines(change.old ?? "").lines, new: TextLines(change.new ?? "").lines))
        }
    }

    static let context = 3

    static func hunks(old: [String], new: [String]) -> [Hunk] {
        let ops = LineDiff.diff(old, new)
        var hunks: [Hunk] = []
        var newLine = 0
        var i = 0
        while i < ops.count {
            guard case .same = ops[i] else {
                var removed: [String] = [], added: [String] = []
                let start = newLine
                var j = i
                while j < ops.count {
                    if case .removed(let l) = ops[j] {
                        removed.append(l)
                    } else if case .added(let l) = ops[j] {
                        added.append(l)
                        newLine += 1
                    } else {
                        break
                    }
                    j += 1
                }
                let before = ops[..<i].reversed().prefix { if case .same = $0 { true } else { false } }.prefix(context)
                    .reversed().compactMap(\.text)
                let after = ops[j...].prefix { if case .same = $0 { true } else { false } }.prefix(context).compactMap(\.text)
                hunks.append(Hunk(before: before, removed: removed, added: added, after: after, line: start))
                i = j
                continue
            }
            newLine += 1
            i += 1
        }
        return hunks
    }
}

extension LineDiff.Op {
    fileprivate var text: String? {
        switch self {
        case .same(let l), .added(let l), .removed(let l): l
        }
    }
}
