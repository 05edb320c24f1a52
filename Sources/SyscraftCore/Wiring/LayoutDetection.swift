extension TreeLayout {
    /// Probes a kernel tree for its syscall tables, per architecture (syscall-plumbing.md §2).
    /// - Parameter tree: The kernel tree.
    /// - Returns: The tables to edit and the era's conventions.
    /// - Throws: `.badTree` for a directory that is not a kernel tree, `.unknownLayout` when no known table is found.
    public static func detect(_ tree: some TreeReader) throws(SyscraftError) -> TreeLayout {
        guard tree.exists("Makefile"), let syscallsH = tree.read("include/linux/syscalls.h") else {
            throw SyscraftError(
                .badTree, "not a Linux kernel tree: no Makefile and include/linux/syscalls.h at its top",
                hint: "pass --tree the top directory of a kernel source tree (the one holding MAINTAINERS and Makefile)")
        }
        if tree.exists("arch/i386/kernel/syscall_table.S") {
            throw SyscraftError(
                .unknownLayout, "this tree predates the x86 merge (arch/i386, Linux 2.6.23 or older)",
                hint: "use a tree from 2.6.24 or later")
        }
        let arches = tree.list("arch").filter { !$0.contains(".") && $0 != "Kconfig" && $0 != "Makefile" }
        let condStyle: CondStyle = (tree.read("kernel/sys_ni.c") ?? "").contains("COND_SYSCALL(") ? .condSyscall : .legacy
        let entryForm: SyscallSource.Form = syscallsH.contains("define SYSCALL_DEFINE1") ? .syscallDefine : .asmlinkage
        // COMPAT_SYSCALL_DEFINEn came later (3.10) than SYSCALL_DEFINEn (2.6.29).
        let compatForm: SyscallSource.Form =
            entryForm == .syscallDefine && (tree.read("include/linux/compat.h") ?? "").contains("define COMPAT_SYSCALL_DEFINE")
            ? .syscallDefine : .asmlinkage

        try checkNotDamaged(tree, arches: arches)
        var tables: [SyscallTableFile] = []
        let (x86Tables, x86Era) = x86(tree)
        tables += x86Tables
        let generic = genericArches(tree, arches: arches)
        tables += genericTables(tree, generic: generic)
        tables += arm64Compat(tree)
        tables += archTables(tree, arches: arches)

        guard !tables.isEmpty else {
            throw SyscraftError(
                .unknownLayout, "no known system call table in this tree (looked for arch/*/syscall*.tbl, "
                    + "scripts/syscall.tbl, include/uapi/asm-generic/unistd.h and the x86 tables)",
                hint: "check that --tree points at a complete kernel tree; `syscraft table --tree DIR` lists what is found")
        }
        let wired = Set(tables.flatMap { $0.abis.map { $0.key.split(separator: "/").first.map(String.init) ?? $0.key } })
            .union(generic.map(\.arch)).union(["x86", "um", "arm64"])
        let unwired = arches.filter { !wired.contains($0) }
        var era = x86Era ?? (condStyle == .condSyscall ? .genericUnistd : .x86EntryTbl)
        if tree.exists("scripts/syscall.tbl") { era = .syscallTbl }
        var layout = TreeLayout(
            era: era, arches: arches, tables: tables, entryForm: entryForm, condStyle: condStyle, unwiredArches: unwired,
            compatForm: compatForm)
        layout.views = thirtyTwoBitViews(tree, generic: generic)
        return layout
    }

    /// A table directory that is there without the table its layout requires is a damaged tree (a deleted or
    /// half-restored file), not another layout: wiring around it would skip that arch without a word.
    private static func checkNotDamaged(_ tree: some TreeReader, arches: [String]) throws(SyscraftError) {
        for dir in ["arch/x86/entry/syscalls", "arch/x86/syscalls"] where !tree.list(dir).isEmpty {
            for name in ["syscall_64.tbl", "syscall_32.tbl"] where !tree.exists("\(dir)/\(name)") {
                throw SyscraftError(
                    .badTree, "\(dir)/\(name) is missing, though \(dir) is there: the tree is damaged",
                    hint: "restore the file (git checkout -- \(dir)/\(name), or unpack the tree again)")
            }
        }
        for arch in arches {
            let dir = "arch/\(arch)/kernel/syscalls"
            let names = tree.list(dir)
            if !names.isEmpty, !names.contains(where: { $0.hasSuffix(".tbl") }) {
                throw SyscraftError(
                    .badTree, "\(dir) holds no syscall table (.tbl): the tree is damaged",
                    hint: "restore the table (git checkout -- \(dir), or unpack the tree again)")
            }
        }
    }

    // MARK: - x86

    private static func x86(_ tree: some TreeReader) -> ([SyscallTableFile], Era?) {
        for dir in ["arch/x86/entry/syscalls", "arch/x86/syscalls"] where tree.exists("\(dir)/syscall_64.tbl") {
            let t64 = tree.read("\(dir)/syscall_64.tbl") ?? ""
            let t32 = tree.read("\(dir)/syscall_32.tbl") ?? ""
            let prefixed = TblTable.entries(t64).contains { $0.entry.hasPrefix("__x64_sys_") }
            let condSyscall = (tree.read("kernel/sys_ni.c") ?? "").contains("COND_SYSCALL(")
            let era: Era =
                dir == "arch/x86/syscalls"
                ? .x86SyscallsTbl : prefixed ? .prefixedEntryPoints : condSyscall ? .genericUnistd : .x86EntryTbl
            var tables = [
                SyscallTableFile(
                    path: "\(dir)/syscall_64.tbl", format: .tbl, group: "x86_64",
                    abis: [NumberedABI(key: "x86_64", abiTags: ["common", "64"])], excludedTags: ["x32"],
                    nativePrefix: prefixed ? "__x64_" : "")
            ]
            if tree.exists("\(dir)/syscall_32.tbl") {
                let prefixed32 = TblTable.entries(t32).contains { $0.compatEntry?.hasPrefix("__ia32_") == true }
                tables.append(
                    SyscallTableFile(
                        path: "\(dir)/syscall_32.tbl", format: .tbl, group: "i386", abis: [NumberedABI(key: "i386")],
                        compatPrefix: prefixed32 ? "__ia32_" : "", compatColumn: prefixed32 ? .always : .optional))
            }
            return (tables, era)
        }
        guard tree.exists("arch/x86/kernel/syscall_table_32.S") else { return ([], nil) }
        let (headers, era): (String, Era) =
            tree.exists("arch/x86/include/asm/unistd_64.h")
            ? ("arch/x86/include/asm", .x86ArchHeaders) : ("include/asm-x86", .x86AsmHeaders)
        let h32 = "\(headers)/unistd_32.h"
        let count32 = (tree.read(h32) ?? "").contains("define NR_syscalls") ? CountMacro(path: h32, macro: "NR_syscalls") : nil
        var tables = [
            SyscallTableFile(path: h32, format: .defineHeader, group: "i386", abis: [NumberedABI(key: "i386")], count: count32),
            SyscallTableFile(path: "arch/x86/kernel/syscall_table_32.S", format: .longTable, group: "i386", abis: []),
        ]
        if tree.exists("arch/x86/ia32/ia32entry.S") {
            tables.append(
                SyscallTableFile(
                    path: "arch/x86/ia32/ia32entry.S", format: .quadTable, group: "i386", abis: [], compatColumn: .optional))
        }
        tables.append(
            SyscallTableFile(
                path: "\(headers)/unistd_64.h", format: .defineHeader, group: "x86_64", abis: [NumberedABI(key: "x86_64")]))
        return (tables, era)
    }

    // MARK: - asm-generic and scripts/syscall.tbl

    private struct GenericArch {
        var arch: String
        var tags: Set<String>?
    }

    /// Arches that take their numbers from the generic list: `Makefile.syscalls` (6.11+) or an asm-generic include.
    private static func genericArches(_ tree: some TreeReader, arches: [String]) -> [GenericArch] {
        let modern = tree.exists("scripts/syscall.tbl")
        var result: [GenericArch] = []
        for arch in arches {
            if modern, let makefile = tree.read("arch/\(arch)/kernel/Makefile.syscalls") {
                result.append(GenericArch(arch: arch, tags: abiTags(makefile)))
                continue
            }
            let header = tree.read("arch/\(arch)/include/uapi/asm/unistd.h") ?? tree.read("arch/\(arch)/include/asm/unistd.h")
            if let header, header.contains("asm-generic/unistd.h") {
                result.append(GenericArch(arch: arch, tags: nil))
            }
        }
        return result
    }

    /// The 32-bit build of an arch whose kernel is numbered from scripts/syscall.tbl as 64-bit (riscv32 beside
    /// riscv): the same table read with the `syscall_abis_32` tags, as key "<arch>32".
    private static func thirtyTwoBitViews(_ tree: some TreeReader, generic: [GenericArch]) -> [SyscallTableFile] {
        guard tree.exists("scripts/syscall.tbl") else { return [] }
        return generic.compactMap { g in
            // An arch that names its own table per width (arm64: `syscalltbl = arch/arm64/tools/syscall_%.tbl`) reads
            // its 32-bit numbers from another file, which has its own key (arm64/compat).
            guard let makefile = tree.read("arch/\(g.arch)/kernel/Makefile.syscalls"), makefile.contains("syscall_abis_64"),
                  makefile.contains("syscall_abis_32"), !makefile.contains("syscalltbl") else { return nil }
            return SyscallTableFile(
                path: "scripts/syscall.tbl", format: .tbl, group: "generic",
                abis: [NumberedABI(key: g.arch + "32", abiTags: abiTags(makefile, width: "32"))], compatColumn: .optional)
        }
    }

    /// The abi tags an arch takes from scripts/syscall.tbl (`syscall_abis_{32,64} += ...`): its 64-bit ones when it
    /// has both, unless `width` asks for the other.
    private static func abiTags(_ makefile: String, width: String? = nil) -> Set<String> {
        let is64 = width.map { $0 == "64" } ?? makefile.contains("syscall_abis_64")
        let variable = is64 ? "syscall_abis_64" : "syscall_abis_32"
        var tags: Set<String> = ["common", is64 ? "64" : "32"]
        for line in makefile.split(separator: "\n") where line.hasPrefix(variable) {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst(2)
            tags.formUnion(words.map(String.init))
        }
        return tags
    }

    private static func genericTables(_ tree: some TreeReader, generic: [GenericArch]) -> [SyscallTableFile] {
        var tables: [SyscallTableFile] = []
        let modern = tree.exists("scripts/syscall.tbl")
        if modern {
            var aliases: [String] = []
            for arch in generic.map(\.arch) {
                for name in tree.list("arch/\(arch)/tools") where name.hasSuffix("_64.tbl") || name == "syscall.tbl" {
                    let path = "arch/\(arch)/tools/\(name)"
                    if case .some(.some("scripts/syscall.tbl")) = tree.symlinkTarget(path) { aliases.append(path) }
                }
            }
            tables.append(
                SyscallTableFile(
                    path: "scripts/syscall.tbl", format: .tbl, group: "generic",
                    abis: generic.map { NumberedABI(key: $0.arch, abiTags: $0.tags) }, compatColumn: .optional,
                    aliases: aliases))
        }
        for path in ["include/uapi/asm-generic/unistd.h", "include/asm-generic/unistd.h"] {
            guard let text = tree.read(path), text.contains("#define __NR_syscalls") else { continue }
            tables.append(
                SyscallTableFile(
                    path: path, format: .defineHeader, group: "generic", abis: modern ? [] : generic.map { NumberedABI(key: $0.arch) },
                    compatColumn: .optional, count: CountMacro(path: path, macro: "__NR_syscalls"),
                    endMarker: "#undef __NR_syscalls"))
            break
        }
        return tables
    }

    private static func arm64Compat(_ tree: some TreeReader) -> [SyscallTableFile] {
        if tree.exists("arch/arm64/tools/syscall_32.tbl") {
            return [
                SyscallTableFile(
                    path: "arch/arm64/tools/syscall_32.tbl", format: .tbl, group: "arm32", abis: [NumberedABI(key: "arm64/compat")],
                    compatColumn: .optional)
            ]
        }
        let path = "arch/arm64/include/asm/unistd32.h"
        guard tree.exists(path) else { return [] }
        let unistd = "arch/arm64/include/asm/unistd.h"
        let count = (tree.read(unistd) ?? "").contains("__NR_compat_syscalls")
            ? CountMacro(path: unistd, macro: "__NR_compat_syscalls") : nil
        return [
            SyscallTableFile(
                path: path, format: .defineHeader, group: "arm32", abis: [NumberedABI(key: "arm64/compat")], compatColumn: .optional,
                count: count,
                endMarker: "Please add new compat syscalls above this comment")
        ]
    }

    // MARK: - Per-arch .tbl files

    private static func archTables(_ tree: some TreeReader, arches: [String]) -> [SyscallTableFile] {
        var tables: [SyscallTableFile] = []
        for arch in arches where arch != "x86" && arch != "arm64" {
            var paths = tree.list("arch/\(arch)/kernel/syscalls").filter { $0.hasPrefix("syscall") && $0.hasSuffix(".tbl") }
                .map { "arch/\(arch)/kernel/syscalls/\($0)" }
            if arch == "arm", tree.exists("arch/arm/tools/syscall.tbl") { paths.append("arch/arm/tools/syscall.tbl") }
            for path in paths.sorted() {
                let header = (tree.read(path) ?? "").split(separator: "\n").prefix(while: { $0.hasPrefix("#") }).joined()
                let hasCompat = header.contains("compat") && !header.contains("oabi")
                tables.append(
                    SyscallTableFile(
                        path: path, format: .tbl, group: arch == "arm" ? "arm32" : path, abis: [numberedABI(arch: arch, path: path)],
                        crossArchOffset: arch == "alpha" ? 110 : 0,
                        compatColumn: arch == "s390" ? .always : path.hasSuffix("_n32.tbl") ? .entry : hasCompat ? .optional : .none))
            }
        }
        return tables
    }

    private static func numberedABI(arch: String, path: String) -> NumberedABI {
        switch arch {
        case "mips":
            if path.hasSuffix("_o32.tbl") { return NumberedABI(key: "mips/o32", bias: 4000) }
            if path.hasSuffix("_n32.tbl") { return NumberedABI(key: "mips/n32", bias: 6000) }
            return NumberedABI(key: "mips/n64", bias: 5000)
        case "ia64": return NumberedABI(key: "ia64", bias: 1024)
        default: return NumberedABI(key: arch)
        }
    }
}
