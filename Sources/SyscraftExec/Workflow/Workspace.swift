import Foundation
import SyscraftCore

/// One kernel tree and its cache directory: the place where add, remove, build and test meet.
public struct Workspace: Sendable {
    public let tree: DiskTree
    public let cache: CachePaths
    public let stateDirectory: String
    public let reporter: any ProgressReporter

    public init(tree: DiskTree, cache: CachePaths, reporter: any ProgressReporter) {
        self.tree = tree
        self.cache = cache
        self.stateDirectory = cache.tree(tree)
        self.reporter = reporter
    }

    var manifestPath: String { stateDirectory + "/manifest.json" }

    public func loadManifest() throws(SyscraftError) -> Manifest {
        guard let data = FileManager.default.contents(atPath: manifestPath) else { return Manifest() }
        do { return try JSONDecoder().decode(Manifest.self, from: data) } catch {
            throw SyscraftError(.io, "the manifest \(manifestPath) is unreadable", hint: "delete it if the tree is unpatched, or restore the tree and delete it")
        }
    }

    /// The records checked against the tree as it is now (present, dormant, partial, with the tree's numbers).
    public func records() throws(SyscraftError) -> TreeRecords {
        try loadManifest().checked(against: tree)
    }

    /// The records a command may judge, undo or build for: the present ones. A partial record refuses the command
    /// (one line: what is there, what is missing, the ways out); dormant ones are left out.
    public func presentRecords() throws(SyscraftError) -> TreeRecords {
        let records = try records()
        if let problem = records.partialError(tree: tree.root) { throw problem }
        return records
    }

    func manifestText(_ manifest: Manifest) throws(SyscraftError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do { return String(decoding: try encoder.encode(manifest), as: UTF8.self) } catch {
            throw SyscraftError(.io, "cannot encode the manifest: \(error)", hint: "report this as a bug")
        }
    }

    /// The manifest's change, journaled with the tree's files so a crash never separates the two.
    func manifestChange(_ manifest: Manifest) throws(SyscraftError) -> TreeTransaction.StateFile {
        let old = FileManager.default.contents(atPath: manifestPath).map { String(decoding: $0, as: UTF8.self) }
        return TreeTransaction.StateFile(name: (manifestPath as NSString).lastPathComponent, old: old, new: try manifestText(manifest))
    }

    var transaction: TreeTransaction { TreeTransaction(tree: tree, stateDirectory: stateDirectory) }

    /// The lock every command that writes the tree or its records holds (`TreeLock`).
    var lockPath: String { stateDirectory + "/lock" }

    /// Runs `body` as the only writer of this tree.
    func exclusively<T>(_ operation: String, _ body: () throws(SyscraftError) -> T) throws(SyscraftError) -> T {
        try TreeLock.withLock(lockPath, operation: operation, body)
    }

    /// Rolls back a previous run that was interrupted mid-write; says so when it did.
    public func recoverIfNeeded() throws(SyscraftError) {
        // Only when there is something to roll back: read-only commands take no lock otherwise.
        guard transaction.pendingOperation() != nil else { return }
        try exclusively("recovery") { () throws(SyscraftError) in
            if let note = try transaction.recover() { reporter.status(note) }
        }
    }

    /// Plans (and unless `dryRun`, applies) the addition of the syscall in `sourceText`.
    /// With `selftest`, the kselftest is part of the same plan, record and transaction (all of it lands, or none).
    public func add(sourceText: String, options: AddOptions, dryRun: Bool, selftest: Bool = false) throws(SyscraftError) -> WiringPlan {
        try exclusively("add") { () throws(SyscraftError) in
            try addLocked(sourceText: sourceText, options: options, dryRun: dryRun, selftest: selftest)
        }
    }

    func addLocked(sourceText: String, options: AddOptions, dryRun: Bool, selftest: Bool) throws(SyscraftError) -> WiringPlan {
        try recoverIfNeeded()
        let source = try SyscallSourceParser.parse(sourceText)
        var manifest = try loadManifest()
        if let index = manifest.syscalls.firstIndex(where: { $0.name == source.name }), manifest.syscalls[index].record.isAbsent(in: tree) {
            // Re-extracted or reset since: nothing of the old addition is left, so the record is forgotten
            // (in the same transaction as the new addition) instead of blocking add and remove alike.
            reporter.status("\(source.name): nothing syscraft added earlier is in the tree any more (re-extracted or reset?); adding it afresh")
            manifest.syscalls.remove(at: index)
        }
        if manifest.syscalls.contains(where: { $0.name == source.name }) {
            throw SyscraftError(.conflict, "syscraft already added \(source.name) to this tree", hint: "run 'syscraft remove \(source.name) --tree \(tree.root)' first, or edit its source in place")
        }
        var plan: WiringPlan
        do {
            // Refuse a corrupt, unsorted or ambiguous table rather than numbering around it.
            // The layout is probed once and shared by the audit and the plan.
            let layout = try TreeLayout.detect(tree)
            try TableAudit.check(tree, layout: layout)
            plan = try WiringPlanner.planAdd(source, tree: tree, options: options, layout: layout)
        } catch {
            // A symlink out of the tree hides a file: that, not the consequence, is the problem to report.
            try tree.checkContained()
            throw error
        }
        if selftest {
            // Its files are the selftest's own (tools/testing/selftests/NAME/, TARGETS): none is one the wiring edits.
            plan.changes += try SelftestPlanner.planAdd(source, number: Numbering.primary(plan.numbers), tree: tree).changes
        }
        try tree.checkContained()
        if dryRun { return plan }
        manifest.syscalls.append(Manifest.Entry(name: source.name, numbers: plan.numbers, record: AddRecord(plan: plan),
                                                returnsThreadSize: ThreadSize.returnsThreadSize(sourceText), config: options.config,
                                                onlyArch: plan.onlyArch))
        try transaction.apply(plan.changes, operation: "add \(source.name)", state: [try manifestChange(manifest)])
        return plan
    }

    /// Plans (and unless `dryRun`, applies) the removal of what syscraft added for `name`. With `forget`, drops the
    /// record only and leaves the tree as it is (the way out of a partial record).
    public func remove(name: String, dryRun: Bool, forget: Bool = false) throws(SyscraftError) -> WiringPlan {
        try exclusively("remove \(name)") { () throws(SyscraftError) in try removeLocked(name: name, dryRun: dryRun, forget: forget) }
    }

    func removeLocked(name: String, dryRun: Bool, forget: Bool) throws(SyscraftError) -> WiringPlan {
        try recoverIfNeeded()
        var manifest = try loadManifest()
        guard let index = manifest.syscalls.firstIndex(where: { $0.name == name }) else {
            let known = manifest.syscalls.map(\.name)
            throw SyscraftError(.notFound, "syscraft did not add a syscall named \(name) to \(tree.root)",
                                hint: known.isEmpty
                                    ? "nothing was added to this tree by syscraft (its records are kept per tree path: if the tree was moved or copied, run remove with the old --tree path, or undo the lines by hand)"
                                    : "it added: \(known.joined(separator: ", "))")
        }
        if forget {
            reporter.status("\(name): forgetting the record; the tree is left as it is")
            manifest.syscalls.remove(at: index)
            if !dryRun { try transaction.apply([], operation: "forget \(name)", state: [try manifestChange(manifest)]) }
            return WiringPlan(name: name, numbers: [:], changes: [], warnings: [])
        }
        if manifest.syscalls[index].record.isAbsent(in: tree) {
            // Nothing of it is left (the tree was re-extracted or reset): forget the record; the tree is already as before.
            reporter.status("\(name): nothing syscraft added is in the tree any more (re-extracted or reset?); forgetting the record")
            manifest.syscalls.remove(at: index)
            if !dryRun { try transaction.apply([], operation: "forget \(name)", state: [try manifestChange(manifest)]) }
            return WiringPlan(name: name, numbers: [:], changes: [], warnings: [])
        }
        let plan: WiringPlan
        do { plan = try WiringPlanner.planRemove(name: name, tree: tree, record: manifest.syscalls[index].record) } catch {
            try tree.checkContained()
            throw error
        }
        try tree.checkContained()
        if dryRun { return plan }
        // The implementation file is the user's work (the loop edits its body): keep a copy before deleting it.
        for change in plan.changes where change.new == nil {
            guard let text = change.old else { continue }
            let copy = stateDirectory + "/removed/" + change.path
            try? FileManager.default.createDirectory(atPath: (copy as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if (try? text.write(toFile: copy, atomically: true, encoding: .utf8)) != nil {
                reporter.status("kept a copy of \(change.path) (your implementation) at \(copy)")
            }
        }
        manifest.syscalls.remove(at: index)
        // Lines left for another syscall (a forward declaration it also needs) become part of its record.
        for kept in plan.kept {
            guard let heir = manifest.syscalls.firstIndex(where: { entry in
                entry.record.files.contains { $0.path == kept.path && $0.hunks.contains { h in h.added.contains { line in kept.tags.contains { ForwardDeclarations.tags(in: line).contains($0) } } } }
            }) else { continue }
            manifest.syscalls[heir].record.files.append(AddRecord.FileRecord(path: kept.path, created: false, hunks: [kept.hunk]))
        }
        try transaction.apply(plan.changes, operation: "remove \(name)", state: [try manifestChange(manifest)])
        return plan
    }

    // MARK: Build and test

    func stockDirectory(_ profile: ArchProfile) -> String { stateDirectory + "/stock-\(profile.name)" }
    public func buildDirectory(_ profile: ArchProfile) -> String { cache.buildDirectory(tree, arch: profile.name) }
    /// The build directory of a kernel with `variant`'s options on top of the fragment (a module's `kconfig`): one
    /// directory per set of options, so switching between it and the plain kernel rebuilds neither.
    public func buildDirectory(_ profile: ArchProfile, variant: [String: String]) -> String {
        variant.isEmpty ? buildDirectory(profile) : buildDirectory(profile) + "-" + CachePaths.fnv1a(profile.fragmentText(extra: variant))
    }

    /// The kernel builder for `profile`, with the config options the added syscalls need (`present`: the present
    /// records, when the caller has them already; read from the tree otherwise).
    /// `overrides` (`--kconfig NAME=n`) win over them, e.g. to build a config-gated syscall out.
    public func builder(_ profile: ArchProfile, ccWrapper: String? = nil, overrides: [String: String] = [:],
                        present known: [Manifest.Entry]? = nil, variant: [String: String] = [:]) throws(SyscraftError) -> KernelBuilder {
        var builder = try plainBuilder(profile, source: tree, buildDirectory: buildDirectory(profile, variant: variant), ccWrapper: ccWrapper)
        let present: [Manifest.Entry]
        if let known { present = known } else { present = try presentRecords().present }
        for entry in present { if let c = entry.config { builder.extraConfig[c] = "y" } }
        for (name, value) in variant { builder.extraConfig[name] = value }
        for (name, value) in overrides { builder.extraConfig[name] = value }
        return builder
    }

    /// The debug-info build of the tree (`syscraft debug`): its own build directory, the same fragment plus
    /// DEBUG_INFO, GDB_SCRIPTS (scripts/gdb's lx- helpers) and frame pointers.
    public func debugBuilder(_ profile: ArchProfile, ccWrapper: String? = nil, present: [Manifest.Entry]) throws(SyscraftError) -> KernelBuilder {
        var builder = try plainBuilder(profile, source: tree, buildDirectory: buildDirectory(profile) + "-debug", ccWrapper: ccWrapper)
        for entry in present { if let c = entry.config { builder.extraConfig[c] = "y" } }
        for (name, value) in ArchProfile.debugFragment(profile) { builder.extraConfig[name] = value }
        return builder
    }

    /// A builder of `source` in `buildDirectory` with the shared ccache and the checked `--cc` wrapper, and no extra options.
    func plainBuilder(_ profile: ArchProfile, source: DiskTree, buildDirectory: String, ccWrapper: String?) throws(SyscraftError) -> KernelBuilder {
        var builder = KernelBuilder(tree: source, profile: profile, buildDirectory: buildDirectory, reporter: reporter)
        builder.ccacheDirectory = cache.root + "/ccache"
        builder.ccacheBaseDirectory = CachePaths.commonAncestor(tree.root, cache.root)
        // kbuild runs CC= through /bin/sh: a wrapper must be a plain command name or path, never shell text.
        if let ccWrapper, !ccWrapper.isEmpty,
            !ccWrapper.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "/._+-".unicodeScalars.contains($0)) }) {
            throw SyscraftError(.badInput, "--cc '\(ccWrapper)' is not a plain command name or path",
                                hint: "pass only the wrapper's name or path (e.g. --cc distcc) and set its options in its environment")
        }
        builder.ccWrapper = ccWrapper
        return builder
    }

    /// Builds the kernel; when no record is in the tree (and no option is overridden), keeps the image as this tree's
    /// stock kernel. A test run passes the present records it read once; a plain build reads them here.
    public func build(_ profile: ArchProfile, ccWrapper: String? = nil, overrides: [String: String] = [:], treeIsChecked: Bool = false,
                      present known: [Manifest.Entry]? = nil, variant: [String: String] = [:]) async throws(SyscraftError) -> KernelBuilder.Outcome {
        try recoverIfNeeded()
        let present: [Manifest.Entry]
        if let known { present = known } else { present = try presentRecords().present }
        var builder = try builder(profile, ccWrapper: ccWrapper, overrides: overrides, present: present, variant: variant)
        builder.treeIsChecked = treeIsChecked
        let outcome = try await builder.build()
        if present.isEmpty, overrides.isEmpty, variant.isEmpty { try saveStock(profile, outcome) }
        return outcome
    }

    /// `--module DIR`s built against the tree's (patched) build directory for `profile`, which must be built already.
    public func buildModules(_ specs: [ModuleSpec], profile: ArchProfile, ccWrapper: String? = nil,
                             present: [Manifest.Entry], variant: [String: String]? = nil) async throws(SyscraftError) -> [KernelBuilder.BuiltModule] {
        let builder = try builder(profile, ccWrapper: ccWrapper, present: present, variant: variant ?? ModuleSpec.kernelOptions(specs))
        var built: [KernelBuilder.BuiltModule] = []
        for spec in specs {
            let start = ContinuousClock.now
            let modules = try await builder.buildModule(spec)
            reporter.status("built module \(modules.map(\.name).joined(separator: ", ")) for \(profile.name) in \(String(format: "%.1f", (ContinuousClock.now - start).seconds))s")
            built += modules
        }
        return built
    }

    /// `--module`s with their kernel options read from each directory's `kconfig` file (refused when unreadable or
    /// when a line is not `CONFIG_NAME=value`).
    public func withKernelOptions(_ specs: [ModuleSpec]) throws(SyscraftError) -> [ModuleSpec] {
        try specs.map { spec throws(SyscraftError) in
            var spec = spec
            let path = spec.directory + "/" + ModuleSpec.kconfigFile
            guard FileManager.default.fileExists(atPath: path) else { return spec }
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw SyscraftError(.badInput, "cannot read \(path)", hint: "check its permissions")
            }
            for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.isEmpty || line.hasPrefix("#") { continue }
                guard line.hasPrefix("CONFIG_"), let eq = line.firstIndex(of: "="), line.index(after: eq) < line.endIndex else {
                    throw SyscraftError(.badInput, "\(path):\(i + 1): '\(line)' is not a CONFIG_NAME=value line", hint: "write one option per line, e.g. CONFIG_NET=y")
                }
                spec.kconfig[String(line[line.index(line.startIndex, offsetBy: 7)..<eq])] = String(line[line.index(after: eq)...])
            }
            return spec
        }
    }

    func saveStock(_ profile: ArchProfile, _ outcome: KernelBuilder.Outcome, config: String? = nil) throws(SyscraftError) {
        let dir = stockDirectory(profile)
        try CachePaths.makeDirectory(dir)
        let fm = FileManager.default
        for (from, to) in [(outcome.image, dir + "/image"), (config ?? buildDirectory(profile) + "/.config", dir + "/config")] {
            try? fm.removeItem(atPath: to + ".tmp")
            do {
                try fm.copyItem(atPath: from, toPath: to + ".tmp")
                guard rename(to + ".tmp", to) == 0 else { throw POSIXError(.EIO) }
            } catch {
                throw SyscraftError(.io, "cannot keep the stock kernel in \(dir): \(error.localizedDescription)", hint: "check free disk space")
            }
        }
        // Its symbols, to name the addresses of an oops (optional: a kept kernel from an older syscraft has none).
        try? fm.removeItem(atPath: dir + "/System.map")
        try? fm.copyItem(atPath: outcome.systemMap, toPath: dir + "/System.map")
        // The fragment it was configured from: a syscraft whose fragment differs builds a fresh stock kernel.
        try? profile.fragmentText().write(toFile: dir + "/fragment", atomically: true, encoding: .utf8)
    }

    /// The stock kernel image built earlier for this tree from the profile's current fragment, if any.
    public func stockImage(_ profile: ArchProfile) -> String? {
        let dir = stockDirectory(profile)
        guard FileManager.default.fileExists(atPath: dir + "/image"),
              (try? String(contentsOfFile: dir + "/fragment", encoding: .utf8)) == profile.fragmentText()
        else { return nil }
        return dir + "/image"
    }
}
