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

extension WiringPlanner {
    /// Plans undoing an earlier `add`, from its record.
    /// - Parameters:
    ///   - name: The syscall to remove (must match the record).
    ///   - tree: The tree as it is now.
    ///   - record: What `add` recorded.
    /// - Returns: A plan that restores every edited file and deletes the files `add` created.
    /// - Throws: `.badInput` for a record of another syscall, `.conflict` when the added lines are gone or edited.
    public static func planRemove(name: String, tree: some TreeReader, record: AddRecord) throws(SyscraftError) -> WiringPlan {
        guard record.name == name else {
            throw SyscraftError(
                .badInput, "the record is for '\(record.name)', not '\(name)'", hint: "run `syscraft remove \(record.name)`")
        }
        var changes: [FileChange] = []
        for file in record.files {
            let current = tree.read(file.path)
            if file.created {
                if let current { changes.append(FileChange(path: file.path, old: current, new: nil)) }
                continue
            }
            guard let current else {
                throw SyscraftError(
                    .notFound, "\(file.path) is missing; syscraft edited it when adding \(name)",
                    hint: "restore the file (e.g. from your tarball or git) and run remove again")
            }
            var lines = TextLines(current).lines
            for hunk in file.hunks.reversed() {
                try revert(hunk, in: &lines, path: file.path)
            }
            let restored = lines.joined(separator: "\n")
            if restored != current { changes.append(FileChange(path: file.path, old: current, new: restored)) }
        }
        return WiringPlan(name: name, numbers: record.numbers, changes: changes)
    }

    private static func revert(_ hunk: AddRecord.Hunk, in lines: inout [String], path: String) throws(SyscraftError) {
        for width in stride(from: AddRecord.context, through: 0, by: -1) {
            let before = Array(hunk.before.suffix(width)), after = Array(hunk.after.prefix(width))
            let needle = before + hunk.added + after
            guard !needle.isEmpty else { break }
            let matches = occurrences(of: needle, in: lines)
            guard !matches.isEmpty else { continue }
            // Several equal places only when no context is left: take the one nearest the recorded line.
            if matches.count > 1, width > 0 { continue }
            let hit = matches.min { abs($0 + before.count - hunk.line) < abs($1 + before.count - hunk.line) } ?? matches[0]
            lines.replaceSubrange(hit..<(hit + needle.count), with: before + hunk.removed + after)
            return
        }
        let shown = hunk.added.first ?? hunk.removed.first ?? ""
        throw SyscraftError(
            .conflict, "\(path): the lines syscraft added are no longer there (first: \"\(shown)\")",
            hint: "put the line back as it was, or remove the syscall's lines from \(path) by hand")
    }

    private static func occurrences(of needle: [String], in lines: [String]) -> [Int] {
        guard needle.count <= lines.count else { return [] }
        return (0...(lines.count - needle.count)).filter { start in
            lines[start] == needle[0] && Array(lines[start..<(start + needle.count)]) == needle
        }
    }
}
