import Foundation
import SyscraftCore

/// Selftests and patch series for what syscraft added.
extension Workspace {
    /// Writes `tools/testing/selftests/<name>/` for a syscall syscraft added and adds it to `TARGETS`.
    /// The edits join the syscall's record in the manifest, so `remove` takes them away too.
    public func addSelftest(name: String, dryRun: Bool) throws(SyscraftError) -> WiringPlan {
        try exclusively("add selftest \(name)") { () throws(SyscraftError) in try addSelftestLocked(name: name, dryRun: dryRun) }
    }

    func addSelftestLocked(name: String, dryRun: Bool) throws(SyscraftError) -> WiringPlan {
        try recoverIfNeeded()
        var manifest = try loadManifest()
        guard let index = manifest.syscalls.firstIndex(where: { $0.name == name }) else {
            throw SyscraftError(.notFound, "syscraft did not add a syscall named \(name) to \(tree.root)",
                                hint: "run 'syscraft add SOURCE.c --tree \(tree.root) --selftest' first")
        }
        let entry = manifest.syscalls[index]
        if entry.record.files.contains(where: { $0.path.hasPrefix(SelftestPlanner.directory(name) + "/") }) {
            throw SyscraftError(.conflict, "syscraft already added a selftest for \(name)", hint: "edit \(SelftestPlanner.testPath(name)) in place")
        }
        guard let text = tree.read("kernel/\(name).c") ?? tree.read("kernel/sys.c") else {
            throw SyscraftError(.badTree, "the implementation of \(name) is missing", hint: "run 'syscraft remove \(name)' and add it again")
        }
        let source = try Self.source(named: name, in: text)
        let number = Numbering.primary(entry.numbers)
        let plan = try SelftestPlanner.planAdd(source, number: number, tree: tree)
        try tree.checkContained()
        if dryRun { return plan }
        manifest.syscalls[index].record.files += AddRecord(plan: plan).files
        try transaction.apply(plan.changes, operation: "add selftest \(name)", state: [try manifestChange(manifest)])
        return plan
    }

    /// The syscall definition named `name` in `text` (kernel/sys.c may hold several).
    static func source(named name: String, in text: String) throws(SyscraftError) -> SyscallSource {
        if let source = try? SyscallSourceParser.parse(text), source.name == name { return source }
        // Appended to kernel/sys.c: parse just the definition's header.
        for marker in ["SYSCALL_DEFINE"] {
            var rest = Substring(text)
            while let range = rest.range(of: marker) {
                let tail = rest[range.lowerBound...]
                if let open = tail.firstIndex(of: "("), let close = tail.firstIndex(of: ")"),
                    tail[tail.index(after: open)...].hasPrefix(name + ",") || tail[tail.index(after: open)...].hasPrefix(name + ")") {
                    let header = String(tail[...close]) + "\n{\n}\n"
                    if let source = try? SyscallSourceParser.parse(header) { return source }
                }
                rest = rest[range.upperBound...]
            }
        }
        throw SyscraftError(.badTree, "cannot find SYSCALL_DEFINEn(\(name), ...) in the tree", hint: "run 'syscraft remove \(name)' and add it again")
    }

    /// The selftest's test program, when syscraft added one for `name`.
    public func selftestProgram(_ name: String) -> String? {
        guard let entry = try? loadManifest().syscalls.first(where: { $0.name == name }),
            entry.record.files.contains(where: { $0.path == SelftestPlanner.testPath(name) }),
            let full = tree.resolve(SelftestPlanner.testPath(name)), FileManager.default.fileExists(atPath: full)
        else { return nil }
        return full
    }

    /// After `remove`, drops the selftest directory syscraft created when it is left empty.
    public func pruneSelftestDirectory(_ name: String) {
        guard let dir = tree.resolve(SelftestPlanner.directory(name)),
            let items = try? FileManager.default.contentsOfDirectory(atPath: dir), items.isEmpty
        else { return }
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// The change for `name` as a patch series: the tree without it → the tree with it.
    public func patchSeries(name: String, author: PatchSeries.Author, date: Date = Date(), subjectPrefix: String = "PATCH") throws(SyscraftError) -> [PatchSeries.Patch] {
        try recoverIfNeeded()
        let records = try presentRecords()
        guard let record = records.records.first(where: { $0.name == name }) else {
            let known = records.records.map(\.name)
            throw SyscraftError(.notFound, "syscraft did not add a syscall named \(name) to \(tree.root)",
                                hint: known.isEmpty ? "run 'syscraft add SOURCE.c --tree \(tree.root)' first" : "it added: \(known.joined(separator: ", "))")
        }
        guard record.state == .present else {
            throw SyscraftError(.notFound, "\(name) is not in the tree now (its record is dormant: a reset, another branch, a stash?)",
                                hint: "bring its lines back (git checkout, git stash pop) and run patch again")
        }
        let entry = record.entry
        // Undoing the record gives the tree without the syscall; reversed, that is the patch. Syscalls added
        // after it (and in the tree) are undone first (in memory, newest first): they bumped the counts it set.
        var base = WorkingCopy(tree: tree)
        let present = records.present
        if let index = present.firstIndex(where: { $0.name == name }) {
            for later in present[(index + 1)...].reversed() {
                for change in try WiringPlanner.planRemove(name: later.name, tree: base, record: later.record).changes {
                    base.set(change.path, change.new)
                }
            }
        }
        let undo = try WiringPlanner.planRemove(name: name, tree: base, record: entry.record)
        let order = entry.record.files.map(\.path)
        let changes = undo.changes.map { FileChange(path: $0.path, old: $0.new, new: $0.old) }
            .sorted { (order.firstIndex(of: $0.path) ?? 0) < (order.firstIndex(of: $1.path) ?? 0) }
        let selftest = changes.filter { $0.path.hasPrefix(SelftestPlanner.root + "/") }
        let rest = changes.filter { !$0.path.hasPrefix(SelftestPlanner.root + "/") }
        let input = PatchSeries.Input(name: name, numbers: records.numbers(of: name), changes: rest, selftest: selftest, config: entry.config,
                                      author: author, date: Self.rfc2822(date), subjectPrefix: subjectPrefix)
        return PatchSeries.make(input)
    }

    static func rfc2822(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, d MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    /// `git config user.name` / `user.email`, when set.
    public static func gitAuthor() async -> PatchSeries.Author? {
        func value(_ key: String) async -> String? {
            guard ProcessRunner.which("git") != nil,
                let result = try? await ProcessRunner.capture(Command("git", ["config", key]), timeout: .seconds(10)),
                result.ending == .exited(0)
            else { return nil }
            let text = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? nil : text
        }
        guard let name = await value("user.name"), let email = await value("user.email") else { return nil }
        return PatchSeries.Author(name: name, email: email)
    }
}

