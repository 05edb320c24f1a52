/// Undoing an `add` from its record, whatever was added or removed since: syscalls come out in any order.
///
/// - Inserted lines are found by content, their recorded context used only to choose between equal places (a
///   neighbour added or removed since changes the context, not the lines).
/// - Counts (`__NR_syscalls`, `__NR_compat_syscalls`, `NR_syscalls`) are not restored from the record, which
///   holds the value of the moment: a count that was the highest number + 1 is set to the highest number left + 1.
///   Removing everything gives back the original value; removing from the middle leaves a hole, which the
///   kernel fills with `sys_ni_syscall`, as it does for upstream's retired numbers.
/// - In the `.S` tables the position is the number: a syscall with others after it keeps its slot as
///   `sys_ni_syscall /* was sys_x */` (as upstream retires a number), so they keep theirs; the slot goes when the
///   last syscall after it is removed.
extension WiringPlanner {
    /// Plans undoing an earlier `add`, from its record.
    /// - Parameters:
    ///   - name: The syscall to remove (must match the record).
    ///   - tree: The tree as it is now.
    ///   - record: What `add` recorded.
    /// - Returns: A plan that restores every edited file and deletes the files `add` created.
    /// - Throws: `.badInput` for a record of another syscall, `.notFound` for a missing file, `.conflict` when the
    ///   added lines are gone or edited.
    public static func planRemove(name: String, tree: some TreeReader, record: AddRecord) throws(SyscraftError) -> WiringPlan {
        guard record.name == name else {
            throw SyscraftError(
                .badInput, "the record is for '\(record.name)', not '\(name)'", hint: "run `syscraft remove \(record.name)`")
        }
        let layout = try? TreeLayout.detect(tree)
        var work = WorkingCopy(tree: tree)
        var counts: [CountEdit] = []
        var warnings: [Diagnostic] = []
        var kept: [KeptLines] = []
        // A path can appear in several parts of the record (a selftest added later): undo the later parts first.
        var paths: [String] = []
        for file in record.files where !paths.contains(file.path) { paths.append(file.path) }
        for path in paths {
            let parts = record.files.filter { $0.path == path }
            if parts.contains(where: \.created) {
                if work.text(path) != nil { work.set(path, nil) }
                continue
            }
            guard let current = work.text(path) else {
                throw SyscraftError(
                    .notFound, "\(path) is missing; syscraft edited it when adding \(name)",
                    hint: "restore the file (e.g. from your tarball or git) and run remove again")
            }
            let position = layout?.tables.first { $0.path == path && ($0.format == .longTable || $0.format == .quadTable) }
            var lines = TextLines(current).lines
            // Forward declarations are undone last, and only those no remaining line needs.
            let all = parts.reversed().flatMap { $0.hunks.reversed() }
            let declarations = all.filter { h in h.removed.isEmpty && !h.added.isEmpty && h.added.allSatisfy { ForwardDeclarations.declared(by: $0) != nil } }
            for hunk in all where !declarations.contains(hunk) {
                if let macro = countMacro(hunk, path: path, layout: layout) {
                    counts.append(CountEdit(path: path, macro: macro, hunk: hunk))
                } else if let position {
                    let kind: AsmTable.Kind = position.format == .longTable ? .long : .quad
                    if let kept = try retireOrRevert(hunk, name: name, kind: kind, in: &lines, path: path) {
                        warnings.append(.note(
                            "\(path): slot \(kept.number) stays as '\(kind.directive) \(kind.filler) \(AsmTable.retiredMarker(kept.symbol))' "
                                + "so that the syscalls after it keep their numbers (upstream retires numbers this way); "
                                + "it goes when they are removed"))
                    }
                } else {
                    try revert(hunk, in: &lines, path: path, name: name)
                }
            }
            for hunk in declarations {
                let needed = hunk.added.compactMap(ForwardDeclarations.declared(by:)).filter { ForwardDeclarations.isUsed($0, in: lines) }
                if needed.isEmpty {
                    try revert(hunk, in: &lines, path: path, name: name)
                } else {
                    kept.append(KeptLines(path: path, hunk: hunk, tags: needed))
                }
            }
            work.set(path, lines.joined(separator: "\n"))
        }
        for edit in counts {
            if let warning = try recount(edit, layout: layout, tree: tree, work: &work) { warnings.append(warning) }
        }
        try TableAudit.refuseCarriageReturns(in: work.changes)
        var plan = WiringPlan(name: name, numbers: record.numbers, changes: work.changes, warnings: warnings)
        plan.kept = kept
        return plan
    }

    // MARK: - Counts

    private struct CountEdit {
        var path: String
        var macro: String
        var hunk: AddRecord.Hunk
    }

    private static let countMacros: Set<String> = ["__NR_syscalls", "__NR_compat_syscalls", "NR_syscalls"]

    /// `(macro, value)` of a `#define MACRO N` line.
    private static func numericDefine(_ line: String) -> (macro: String, value: Int)? {
        let f = ColumnStyle.split(line).fields
        guard f.count >= 3, f[0] == "#define", let value = Int(f[2]) else { return nil }
        return (f[1], value)
    }

    /// The macro when the hunk is `add` bumping a count (one `#define MACRO N` line replaced by a higher N).
    private static func countMacro(_ hunk: AddRecord.Hunk, path: String, layout: TreeLayout?) -> String? {
        guard hunk.removed.count == 1, hunk.added.count == 1, let old = numericDefine(hunk.removed[0]),
            let new = numericDefine(hunk.added[0]), old.macro == new.macro, old.value < new.value
        else { return nil }
        let known = layout?.tables.contains { $0.count == CountMacro(path: path, macro: old.macro) } ?? false
        return known || countMacros.contains(old.macro) ? old.macro : nil
    }

    /// Sets a count that was the highest number + 1 to the highest number left + 1; a count still as `add` wrote
    /// it otherwise goes back to its old value; any other count is left alone, with a warning.
    private static func recount(
        _ edit: CountEdit, layout: TreeLayout?, tree: some TreeReader, work: inout WorkingCopy<some TreeReader>
    ) throws(SyscraftError) -> Diagnostic? {
        guard let text = work.text(edit.path), let value = DefineHeaderTable.value(of: edit.macro, in: text) else {
            throw SyscraftError(
                .conflict, "\(edit.path): the #define \(edit.macro) syscraft raised is no longer there",
                hint: "put the #define \(edit.macro) line back and run remove again")
        }
        let count = CountMacro(path: edit.path, macro: edit.macro)
        if let table = layout?.tables.first(where: { $0.count == count }),
            let highest = highestNumber(table, in: tree.read(table.path) ?? ""), value == highest + 1
        {
            let left = (highestNumber(table, in: work.text(table.path) ?? "") ?? -1) + 1
            if left != value, let updated = DefineHeaderTable.setting(edit.macro, to: left, in: text) {
                work.set(edit.path, updated)
            }
            return nil
        }
        var lines = TextLines(text).lines
        if let index = lines.firstIndex(of: edit.hunk.added[0]) {
            lines[index] = edit.hunk.removed[0]
            work.set(edit.path, lines.joined(separator: "\n"))
            return nil
        }
        return .warning("\(edit.path): \(edit.macro) is \(value), not the highest number + 1, so it was left as it is")
    }

    // MARK: - Position tables

    /// Undoes an insertion into a `.S` table: the syscall's line goes when it is the last entry (with the slots
    /// retired before it), else it becomes the filler so later entries keep their numbers.
    /// - Returns: The slot kept and the symbol that was in it, when one was.
    private static func retireOrRevert(
        _ hunk: AddRecord.Hunk, name: String, kind: AsmTable.Kind, in lines: inout [String], path: String
    ) throws(SyscraftError) -> (number: Int, symbol: String)? {
        let list = AsmTable.entries(lines.joined(separator: "\n"), kind: kind)
        let own = list.filter { $0.name == name && hunk.added.contains(lines[$0.line]) }
        guard let last = own.last, last.number < list.count - 1 else {
            try revert(hunk, in: &lines, path: path, name: name)
            guard !own.isEmpty else { return nil }
            while let tail = AsmTable.entries(lines.joined(separator: "\n"), kind: kind).last,
                AsmTable.isRetired(lines[tail.line], kind: kind)
            {
                lines.remove(at: tail.line)
            }
            return nil
        }
        for entry in own {
            guard let retired = AsmTable.retiring(lines[entry.line], symbol: entry.entry, was: entry.entry, kind: kind) else {
                throw conflict(path: path, name: name, line: lines[entry.line])
            }
            // Fillers `add` put before it (the table was behind its group's number) are kept and marked alike.
            if var k = hunk.added.firstIndex(of: lines[entry.line]) {
                var line = entry.line
                while k > 0, line > 0, lines[line - 1] == hunk.added[k - 1],
                    let padding = AsmTable.retiring(lines[line - 1], symbol: kind.filler, was: "padding", kind: kind)
                {
                    lines[line - 1] = padding
                    k -= 1
                    line -= 1
                }
            }
            lines[entry.line] = retired
        }
        return own.first.map { ($0.number, $0.entry) }
    }

    // MARK: - Lines

    private static func revert(_ hunk: AddRecord.Hunk, in lines: inout [String], path: String, name: String) throws(SyscraftError) {
        guard let at = locate(hunk, in: lines) else {
            throw conflict(path: path, name: name, line: hunk.added.first ?? hunk.removed.first ?? "")
        }
        lines.replaceSubrange(at..<(at + hunk.added.count), with: hunk.removed)
    }

    private static func conflict(path: String, name: String, line: String) -> SyscraftError {
        SyscraftError(
            .conflict, "\(path): a line syscraft added for \(name) is no longer there as written: \(TableAudit.quote(line))",
            hint: "put the line back as syscraft wrote it and run remove again, or delete \(name)'s lines from \(path) by hand")
    }

    /// Where the hunk's added lines are now: the place whose surroundings match the most recorded context,
    /// then the one nearest the recorded line. A hunk that only removed lines needs some context to be placed.
    static func locate(_ hunk: AddRecord.Hunk, in lines: [String]) -> Int? {
        let n = hunk.added.count
        guard n <= lines.count else { return nil }
        var best: (score: Int, distance: Int, at: Int)?
        for at in 0...(lines.count - n) {
            guard n == 0 || (lines[at] == hunk.added[0] && lines[at..<(at + n)].elementsEqual(hunk.added)) else { continue }
            var before = 0
            while before < hunk.before.count, at - before > 0, lines[at - before - 1] == hunk.before[hunk.before.count - 1 - before] {
                before += 1
            }
            var after = 0
            while after < hunk.after.count, at + n + after < lines.count, lines[at + n + after] == hunk.after[after] { after += 1 }
            let score = before + after
            if n == 0, score == 0 { continue }
            let distance = abs(at - hunk.line)
            if let b = best, score < b.score || (score == b.score && distance >= b.distance) { continue }
            best = (score, distance, at)
        }
        return best?.at
    }
}
