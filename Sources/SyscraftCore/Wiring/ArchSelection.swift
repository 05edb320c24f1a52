/// The arches an arch-specific syscall is implemented on (`add --only-arch x86_64`), as upstream wires
/// map_shadow_stack: every table still numbers it (one number everywhere), `kernel/sys_ni.c` gets its
/// `COND_SYSCALL` so the others answer ENOSYS, and the implementation is built only on the chosen arches
/// (in `arch/<dir>/kernel/` when they share one arch directory). powerpc's table reserves such a number with
/// `sys_ni_syscall` itself, as upstream's does.
public struct ArchSelection: Sendable, Equatable, Codable {
    /// One chosen arch: the name given, its `arch/` directory and the Kconfig symbol only its builds set.
    public struct Arch: Sendable, Equatable, Codable {
        public var name: String
        public var directory: String
        public var symbol: String
    }

    public var arches: [Arch]

    /// Arches whose tables reserve a number they do not implement with `sys_ni_syscall` instead of relying on the
    /// `COND_SYSCALL` stub (upstream: powerpc's `453 common map_shadow_stack sys_ni_syscall`).
    public static let reservingWithNi: Set<String> = ["powerpc"]

    /// Names users type that are not `arch/` directories, with their directory and symbol.
    private static let aliases: [String: (directory: String, symbol: String)] = [
        "x86_64": ("x86", "X86_64"), "i386": ("x86", "X86_32"), "x86": ("x86", "X86"),
        "riscv64": ("riscv", "RISCV"), "riscv32": ("riscv", "RISCV"), "riscv": ("riscv", "RISCV"),
        "powerpc": ("powerpc", "PPC"), "sh": ("sh", "SUPERH"), "um": ("um", "UML"),
    ]

    /// Parses `x86_64,i386` against the tree's arch directories.
    /// - Throws: `.badInput` for an empty list or an arch the tree does not have.
    public init(parsing names: [String], treeArches: [String]) throws(SyscraftError) {
        let names = names.flatMap { $0.split(separator: ",").map { String($0).trimmingSpace } }.filter { !$0.isEmpty }
        guard !names.isEmpty else {
            throw SyscraftError(.badInput, "--only-arch needs at least one arch", hint: "e.g. --only-arch x86_64")
        }
        var arches: [Arch] = []
        for name in names where !arches.contains(where: { $0.name == name }) {
            let known = Self.aliases[name] ?? (name, name.uppercased())
            guard treeArches.contains(known.directory), known.directory.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber) }) else {
                throw SyscraftError(
                    .badInput, "--only-arch: this tree has no arch '\(name)'",
                    hint: "use x86_64, i386 or a directory under arch/: \(treeArches.sorted().joined(separator: ", "))")
            }
            arches.append(Arch(name: name, directory: known.directory, symbol: known.symbol))
        }
        // x86_64 and i386 together are all of x86.
        if Set(arches.filter { $0.directory == "x86" }.map(\.symbol)).isSuperset(of: ["X86_64", "X86_32"]) {
            arches.removeAll { $0.directory == "x86" }
            arches.append(Arch(name: "x86", directory: "x86", symbol: "X86"))
        }
        self.arches = arches
    }

    /// The `arch/` directory holding the implementation when every chosen arch shares it, else nil (`kernel/`).
    public var directory: String? {
        let directories = Set(arches.map(\.directory))
        return directories.count == 1 ? directories.first : nil
    }

    /// The Kconfig symbols, one per distinct build (X86 covers X86_64 and X86_32).
    public var symbols: [String] {
        var seen: [String] = []
        for arch in arches where !seen.contains(arch.symbol) { seen.append(arch.symbol) }
        if seen.contains("X86") { seen.removeAll { $0 == "X86_64" || $0 == "X86_32" } }
        return seen
    }

    /// Whether a build arch (its `--arch` name and `arch/` directory) is chosen.
    public func covers(arch name: String, directory: String) -> Bool {
        // x86 is two builds (x86_64, i386) of one directory; every other directory is one.
        arches.contains { $0.name == name || ($0.directory == directory && ($0.directory != "x86" || $0.symbol == "X86")) }
    }

    /// The table at `path` belongs to an arch that is not chosen and reserves foreign numbers with `sys_ni_syscall`.
    public func reservesWithNi(tablePath path: String) -> Bool {
        let parts = path.split(separator: "/")
        guard parts.count > 1, parts[0] == "arch" else { return false }
        let directory = String(parts[1])
        return Self.reservingWithNi.contains(directory) && !arches.contains { $0.directory == directory }
    }

    /// For messages: "x86_64" or "x86_64, arm64".
    public var description: String { arches.map(\.name).joined(separator: ", ") }
}
