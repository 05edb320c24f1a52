import Foundation
import SyscraftCore

/// `--module DIR`: an out-of-tree module built with kbuild against the tree's own build directory
/// (`make -C TREE O=BUILD M=COPY modules`, the kernel's ARCH, CROSS_COMPILE and ccache). Before 6.13 kbuild writes its
/// objects into M=, so it builds a copy in the build directory: the user's directory is only read.
extension KernelBuilder {
    public struct BuiltModule: Sendable, Equatable {
        /// The module's name (its .ko file's, what rmmod takes).
        public var name: String
        public var file: String
        public var parameters: [String]
    }

    /// Files kbuild writes into a module directory: never copied in (a stale one would confuse make), never needed.
    static func isBuildProduct(_ name: String) -> Bool {
        [".o", ".ko", ".mod", ".mod.c", ".cmd", ".order", ".symvers", ".a", ".d", ".tmp"].contains { name.hasSuffix($0) } || name.hasPrefix(".tmp_")
    }

    /// Builds `spec`'s module(s); a compiler error comes back as `file:line: error` in the user's directory (exit 3).
    public func buildModule(_ spec: ModuleSpec) async throws(SyscraftError) -> [BuiltModule] {
        let fm = FileManager.default
        let source = URL(fileURLWithPath: spec.directory).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: source, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SyscraftError(.badInput, "--module \(spec.directory): no such directory", hint: "pass the directory that holds the module's Kbuild (or Makefile) and C files")
        }
        let kbuild = ["Kbuild", "Makefile"].compactMap { try? String(contentsOfFile: source + "/" + $0, encoding: .utf8) }
        guard kbuild.contains(where: { $0.contains("obj-m") }) else {
            throw SyscraftError(.badInput, "--module \(spec.directory): no Kbuild or Makefile naming obj-m", hint: "write a Kbuild file with a line such as: obj-m := mymodule.o")
        }
        guard fm.fileExists(atPath: buildDirectory + "/Module.symvers") else {
            throw SyscraftError(.build, "\(buildDirectory) has no Module.symvers: the kernel was built without modules",
                                hint: "rebuild it: syscraft build --tree \(tree.root) --arch \(profile.name)")
        }
        let copy = buildDirectory + "/modules/" + (source as NSString).lastPathComponent + "-" + CachePaths.fnv1a(source)
        try Self.mirror(source, into: copy)
        do {
            try await runMake(["M=\(copy)", "modules"], phase: "module")
        } catch {
            // The compiler named the copy: name the user's file instead. Under ccache's base_dir the compiler was
            // given the copy's path relative to the build directory (`modules/NAME-HASH/x.c`), so both forms go.
            let relative = CachePaths.relativePath(from: buildDirectory, to: copy)
            throw SyscraftError(error.kind, error.message.replacing(copy, with: source).replacing(relative, with: source), hint: error.hint)
        }
        // The modules this build made are the ones kbuild lists in modules.order (a .ko left from an obj-m line the
        // user has since removed is not one of them).
        var modules: [BuiltModule] = []
        let order = (try? String(contentsOfFile: copy + "/modules.order", encoding: .utf8)) ?? ""
        for line in order.split(separator: "\n") {
            var rel = line.trimmingCharacters(in: .whitespaces)
            if rel.hasPrefix(copy + "/") { rel = String(rel.dropFirst(copy.count + 1)) }
            if rel.hasSuffix(".o") { rel = String(rel.dropLast(2)) + ".ko" }
            guard rel.hasSuffix(".ko"), fm.fileExists(atPath: copy + "/" + rel) else { continue }
            let name = String((rel as NSString).lastPathComponent.dropLast(3))
            modules.append(BuiltModule(name: name, file: copy + "/" + rel, parameters: spec.parameters))
        }
        guard !modules.isEmpty else {
            throw SyscraftError(.build, "--module \(spec.directory): make built no .ko file", hint: "check obj-m in its Kbuild; log: \(logPath)")
        }
        return modules.sorted { $0.name < $1.name }
    }

    /// Copies the sources of `source` into `copy`, writing only files whose bytes changed (kbuild then rebuilds only
    /// what changed), and removing copied sources that are gone from `source`.
    static func mirror(_ source: String, into copy: String) throws(SyscraftError) {
        let fm = FileManager.default
        try CachePaths.makeDirectory(copy)
        var wanted: Set<String> = []
        let walker = fm.enumerator(atPath: source)
        while let rel = walker?.nextObject() as? String {
            let name = (rel as NSString).lastPathComponent
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: source + "/" + rel, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                try CachePaths.makeDirectory(copy + "/" + rel)
                continue
            }
            guard !isBuildProduct(name) else { continue }
            wanted.insert(rel)
            guard let data = fm.contents(atPath: source + "/" + rel) else {
                throw SyscraftError(.io, "cannot read \(source)/\(rel)", hint: "check its permissions")
            }
            if fm.contents(atPath: copy + "/" + rel) != data {
                do { try data.write(to: URL(fileURLWithPath: copy + "/" + rel), options: .atomic) } catch {
                    throw SyscraftError(.io, "cannot write \(copy)/\(rel)", hint: "check free disk space or pass --cache-dir")
                }
            }
            // The mode too (a helper script keeps its execute bit).
            if let mode = (try? fm.attributesOfItem(atPath: source + "/" + rel))?[.posixPermissions] {
                try? fm.setAttributes([.posixPermissions: mode], ofItemAtPath: copy + "/" + rel)
            }
        }
        // A source the user removed (a .c file, a Kbuild that a Makefile replaced) leaves the copy too; kbuild's own
        // products stay, so the next build is incremental.
        let existing = fm.enumerator(atPath: copy)
        while let rel = existing?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: copy + "/" + rel, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            if !isBuildProduct((rel as NSString).lastPathComponent) && !wanted.contains(rel) { try? fm.removeItem(atPath: copy + "/" + rel) }
        }
    }
}
