import Foundation
import SyscraftCore

/// `--base`: the kernel a change is measured or run against. The user's tree is never touched to get it: a git
/// commit is checked out into the cache through an index of syscraft's own, a pristine tree is unpacked again from
/// the tarball syscraft unpacked it from, and syscraft's own additions are undone in a copy (the stock kernel).
public enum BaseSpec: Sendable, Equatable, CustomStringConvertible {
    /// The tree without syscraft's additions (the stock kernel of `test`).
    case stock
    /// A commit of the tree's git repository (`HEAD` by default when the tree is a git checkout).
    case gitRef(String)
    /// Another kernel tree.
    case directory(String)
    /// The tarball a syscraft-unpacked tree (the demo's) came from, as it was unpacked.
    case pristine

    /// `--base TEXT`: `stock`, `pristine`, an existing directory (or a path with a slash), else a git revision.
    public static func parse(_ text: String) -> BaseSpec {
        if text == "stock" { return .stock }
        if text == "pristine" { return .pristine }
        var isDirectory: ObjCBool = false
        if text.contains("/") || (FileManager.default.fileExists(atPath: text, isDirectory: &isDirectory) && isDirectory.boolValue) {
            return .directory(URL(fileURLWithPath: text).standardizedFileURL.path)
        }
        return .gitRef(text)
    }

    /// The `--base` value that names it again.
    public var argument: String {
        switch self {
        case .stock: "stock"
        case .gitRef(let ref): ref
        case .directory(let dir): dir
        case .pristine: "pristine"
        }
    }

    public var description: String {
        switch self {
        case .stock: "stock (syscraft's additions undone)"
        case .gitRef(let ref): ref
        case .directory(let dir): dir
        case .pristine: "pristine (the tree as unpacked)"
        }
    }
}

extension Workspace {
    /// The base when `--base` is not given: the stock kernel when syscraft added syscalls here, else the git
    /// checkout's HEAD, else the pristine tarball of a tree syscraft unpacked; refused otherwise.
    public func defaultBase() throws(SyscraftError) -> BaseSpec {
        if !(try presentRecords().present.isEmpty) { return .stock }
        if FileManager.default.fileExists(atPath: tree.root + "/.git") { return .gitRef("HEAD") }
        if FileManager.default.fileExists(atPath: tree.root + "/" + DemoRun.unpackedStamp) { return .pristine }
        throw SyscraftError(.badInput, "no base kernel to compare \(tree.root) with: syscraft added nothing to it, it is not a git checkout, and syscraft did not unpack it",
                            hint: "pass --base DIR (another tree), or commit the tree to git and pass --base REF")
    }

    /// The directory bases of this tree live in (checked-out commits, the pristine snapshot).
    var baseRoot: String { stateDirectory + "/base" }

    /// The source tree of a base other than `.stock`, made or brought up to date in the cache, and its description.
    public func baseSource(_ spec: BaseSpec) async throws(SyscraftError) -> (tree: DiskTree, description: String) {
        switch spec {
        case .stock:
            throw SyscraftError(.badInput, "the stock kernel has no source tree of its own", hint: "report this as a bug")
        case .directory(let dir):
            guard FileManager.default.fileExists(atPath: dir + "/Makefile"), FileManager.default.fileExists(atPath: dir + "/kernel") else {
                throw SyscraftError(.badInput, "--base \(dir) is not a kernel tree (no Makefile and kernel/ there)", hint: "pass the top directory of another kernel tree, a git revision, or pristine")
            }
            guard URL(fileURLWithPath: dir).resolvingSymlinksInPath().path != URL(fileURLWithPath: tree.root).resolvingSymlinksInPath().path else {
                throw SyscraftError(.badInput, "--base \(dir) is the tree itself", hint: "pass another tree, a git revision (--base HEAD), or pristine")
            }
            return (try DiskTree(root: dir), dir)
        case .gitRef(let ref):
            return try await gitBase(ref)
        case .pristine:
            return try await pristineBase()
        }
    }

    func git(_ arguments: [String], environment: [String: String] = [:], directory: String? = nil) async throws(SyscraftError) -> (ok: Bool, output: String) {
        let result: (ending: ProcessOutcome.Ending, output: String)
        do {
            result = try await ProcessRunner.capture(Command("git", arguments, environment: environment, workingDirectory: directory ?? tree.root), timeout: .seconds(1800))
        } catch {
            throw SyscraftError(.tool, "cannot run git: \(error)", hint: "install git (apt-get install git)")
        }
        return (result.ending == .exited(0), result.output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// `--base REF`: the commit checked out into the cache with an index file of syscraft's own (GIT_INDEX_FILE), so
    /// the user's working tree, index, stash and worktree list are never written. A later REF moves the checkout with
    /// a two-tree read-tree, which rewrites only the files that differ: the base's build stays incremental.
    func gitBase(_ ref: String) async throws(SyscraftError) -> (tree: DiskTree, description: String) {
        guard FileManager.default.fileExists(atPath: tree.root + "/.git") else {
            throw SyscraftError(.badInput, "--base \(ref): \(tree.root) is not a git checkout (no .git)",
                                hint: "pass --base DIR (another tree) or, for a tree syscraft unpacked, --base pristine")
        }
        let resolved = try await git(["rev-parse", "--verify", "--quiet", ref + "^{commit}"])
        guard resolved.ok, let commit = resolved.output.split(separator: "\n").last.map(String.init), commit.count >= 40 else {
            throw SyscraftError(.badInput, "--base \(ref) is not a commit of \(tree.root)", hint: "pass a revision git rev-parse knows, e.g. HEAD or HEAD~1")
        }
        let gitDir = try await git(["rev-parse", "--absolute-git-dir"])
        guard gitDir.ok else { throw SyscraftError(.tool, "git cannot find the repository of \(tree.root): \(gitDir.output)", hint: "check the tree's .git") }
        // The checkout mirrors the tree's path (see `mirroredBuildDirectory`), so ccache shares every object the
        // two commits compile alike.
        let dir = baseRoot + "/git", source = dir + "/root" + tree.root, index = dir + "/index", stamp = dir + "/commit"
        let description = "\(ref) (\(commit.prefix(12)))"
        let environment = ["GIT_DIR": gitDir.output, "GIT_WORK_TREE": source, "GIT_INDEX_FILE": index]
        let previous = (try? String(contentsOfFile: stamp, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        let fm = FileManager.default
        if previous == commit, fm.fileExists(atPath: source + "/Makefile") { return (try DiskTree(root: source), description) }
        try CachePaths.makeDirectory(source)
        // The stamp goes first: a checkout cut short is redone from scratch, never moved from.
        try? fm.removeItem(atPath: stamp)
        if let previous, fm.fileExists(atPath: index), fm.fileExists(atPath: source + "/Makefile"),
           try await git(["read-tree", "-m", "-u", previous, commit], environment: environment, directory: source).ok {
            reporter.status("moved the base checkout in \(source) from \(previous.prefix(12)) to \(commit.prefix(12))")
        } else {
            reporter.status("checking out \(description) into \(source) (the base kernel's source; your tree, index and stash are not touched)")
            try? fm.removeItem(atPath: source)
            try? fm.removeItem(atPath: index)
            try CachePaths.makeDirectory(source)
            let read = try await git(["read-tree", commit], environment: environment, directory: source)
            let checkout = read.ok ? try await git(["checkout-index", "-a", "-f", "-u", "-q"], environment: environment, directory: source) : read
            guard checkout.ok else {
                throw SyscraftError(.io, "cannot check out \(commit.prefix(12)) into \(source): \(checkout.output.split(separator: "\n").last ?? "")",
                                    hint: "check free disk space in the cache, or pass --cache-dir")
            }
        }
        do { try commit.write(toFile: stamp, atomically: true, encoding: .utf8) } catch {
            throw SyscraftError(.io, "cannot write \(stamp)", hint: "check free disk space")
        }
        return (try DiskTree(root: source), description)
    }

    /// `--base pristine`: the tarball the tree was unpacked from (its identity was recorded at unpack time), unpacked
    /// once more into the cache; refused when the tarball changed since.
    func pristineBase() async throws(SyscraftError) -> (tree: DiskTree, description: String) {
        guard let identity = try? String(contentsOfFile: tree.root + "/" + DemoRun.unpackedStamp, encoding: .utf8),
              let tarball = identity.split(separator: " ").first.map(String.init) else {
            throw SyscraftError(.badInput, "--base pristine: syscraft did not unpack \(tree.root), so it has no pristine copy of it",
                                hint: "pass --base REF for a git checkout, or --base DIR with an unmodified tree")
        }
        guard DemoRun.identity(of: tarball) == identity else {
            throw SyscraftError(.badInput, "--base pristine: \(tarball) changed since \(tree.root) was unpacked from it",
                                hint: "pass --base DIR with an unmodified tree, or unpack the tree again (delete it and run syscraft demo)")
        }
        let target = baseRoot + "/pristine/root" + tree.root
        try CachePaths.makeDirectory((target as NSString).deletingLastPathComponent)
        let unpacked = try await DemoRun.unpack(tarball: tarball, to: target, reporter: reporter, purpose: "the pristine base, once")
        return (try DiskTree(root: unpacked), "pristine (\((tarball as NSString).lastPathComponent) as unpacked)")
    }

    /// The build directory of `source` (a base tree) for `profile` with `variant`'s options.
    /// A base checked out or unpacked by syscraft mirrors the tree under a root of its own (`<root>` + the tree's
    /// path), and is built in the same mirror of the tree's build directory: each source path relative to its build
    /// directory is then the same text as in the patched build, so ccache (base_dir) hits for every object the patch
    /// does not reach, as for the stock kernel (`Workspace+Stock`). Another tree (`--base DIR`) keeps its own.
    func baseBuildDirectory(_ source: DiskTree, profile: ArchProfile, variant: [String: String]) -> String {
        if source.root.hasPrefix(baseRoot + "/"), source.root.hasSuffix(tree.root), source.root.count > tree.root.count {
            return String(source.root.dropLast(tree.root.count)) + buildDirectory(profile, variant: variant)
        }
        let plain = cache.buildDirectory(source, arch: profile.name)
        return variant.isEmpty ? plain : plain + "-" + CachePaths.fnv1a(profile.fragmentText(extra: variant))
    }

    /// Builds the base kernel: `source`'s tree with the fragment and `variant` (the options the patched kernel gets
    /// too, but not the added syscalls' own), in its own build directory; ccache is shared with the patched build.
    public func buildBase(_ profile: ArchProfile, source: DiskTree, variant: [String: String], overrides: [String: String] = [:],
                          ccWrapper: String?) async throws(SyscraftError) -> KernelBuilder.Outcome {
        var builder = try plainBuilder(profile, source: source, buildDirectory: baseBuildDirectory(source, profile: profile, variant: variant), ccWrapper: ccWrapper)
        for (name, value) in variant { builder.extraConfig[name] = value }
        for (name, value) in overrides { builder.extraConfig[name] = value }
        return try await builder.build()
    }
}
