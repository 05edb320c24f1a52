/// One system call as one architecture's userspace sees it.
public struct TableRow: Sendable, Equatable, Codable {
    /// The ABI key ("x86_64", "i386", "x32", "arm64", "mips/o32", ...).
    public var arch: String
    /// The abi column ("common", "64", "i386", "n64", ...).
    public var abi: String
    /// `__NR_name` as userspace sees it (bias included: mips o32 +4000, ia64 +1024, x32 | 0x40000000).
    public var number: Int
    /// The number written in the table.
    public var tableNumber: Int
    public var name: String
    /// The entry point this ABI's callers reach ("sys_read"; for arm64/compat, "compat_sys_ioctl" where the table has one).
    public var entry: String
    /// The table's compat entry point, when it has one.
    public var compatEntry: String? = nil
    /// The file the row comes from, relative to the tree.
    public var file: String

    public init(arch: String, abi: String, number: Int, tableNumber: Int, name: String, entry: String, file: String) {
        self.arch = arch
        self.abi = abi
        self.number = number
        self.tableNumber = tableNumber
        self.name = name
        self.entry = entry
        self.file = file
    }
}

/// Reads a tree's own syscall tables, for `syscraft table`.
public enum SyscallTableReader {
    /// The x32 ABI's marker bit (`__X32_SYSCALL_BIT`).
    public static let x32Bit = 0x4000_0000

    /// Lists syscalls: one name across all arches, one arch's whole table, or everything.
    /// - Parameters:
    ///   - name: A syscall name, or nil for all.
    ///   - arch: An ABI key ("x86_64", "mips/o32"), an arch directory ("mips" = all three), or nil/"all".
    ///   - tree: The kernel tree.
    /// - Returns: Rows ordered by arch (as the tree's tables are found), then by number.
    /// - Throws: `.notFound` for an unknown arch or name, and layout errors.
    public static func lookup(name: String?, arch: String?, tree: some TreeReader) throws(SyscraftError) -> [TableRow] {
        let layout = try TreeLayout.detect(tree)
        var rows: [TableRow] = []
        let all = layout.tables + layout.views
        // One arch asked for: only the tables that number it are read (the error for an unknown one lists every key).
        func wanted(_ table: SyscallTableFile) -> Bool {
            guard let arch, arch != "all" else { return true }
            return table.abis.contains { $0.key == arch || $0.key.hasPrefix(arch + "/") } || table.excludedTags.contains(arch)
        }
        for table in all where !table.abis.isEmpty && wanted(table) {
            guard let text = tree.read(table.path) else { continue }
            rows += self.rows(of: table, text: text)
        }
        let keys = orderedUnique(rows.map(\.arch))
        if let arch, arch != "all" {
            rows = rows.filter { $0.arch == arch || $0.arch.hasPrefix(arch + "/") }
            guard !rows.isEmpty else {
                let known = orderedUnique(all.flatMap { t in t.abis.map(\.key) + (t.excludedTags.contains("x32") ? ["x32"] : []) })
                throw SyscraftError(
                    .notFound, "no syscall table for '\(arch)' in this tree",
                    hint: "use one of: \(known.joined(separator: ", ")) (or all)")
            }
        }
        if let name {
            rows = rows.filter { $0.name == name }
            guard !rows.isEmpty else {
                throw SyscraftError(
                    .notFound, "no system call named '\(name)' in this tree's tables",
                    hint: "check the spelling; `syscraft table --arch x86_64` lists one arch's table")
            }
        }
        let order = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        return rows.sorted { a, b in
            a.arch != b.arch ? (order[a.arch] ?? 0) < (order[b.arch] ?? 0) : a.number < b.number
        }
    }

    static func rows(of table: SyscallTableFile, text: String) -> [TableRow] {
        let entries = table.entries(in: text)
        var rows: [TableRow] = []
        for abi in table.abis {
            // arm64/compat is only ever the 32-bit ABI of a 64-bit kernel: its callers reach the compat entry point.
            let compatOnly = abi.key.hasSuffix("/compat")
            for e in entries where !table.excludedTags.contains(e.abi) && (abi.abiTags?.contains(e.abi) ?? true) {
                var row = TableRow(
                    arch: abi.key, abi: e.abi, number: e.number + abi.bias, tableNumber: e.number, name: e.name,
                    entry: compatOnly ? (e.compatEntry ?? e.entry) : e.entry, file: table.path)
                row.compatEntry = e.compatEntry
                rows.append(row)
            }
        }
        if table.excludedTags.contains("x32") {
            for e in entries where e.abi == "common" || e.abi == "x32" {
                rows.append(
                    TableRow(
                        arch: "x32", abi: e.abi, number: e.number | x32Bit, tableNumber: e.number, name: e.name,
                        entry: e.entry, file: table.path))
            }
        }
        return rows
    }

    private static func orderedUnique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
