/// Plans the edits that add or remove a system call, without touching the tree.
public enum WiringPlanner {
    /// Plans adding a system call to every table the tree has, numbered as upstream would.
    /// - Parameters:
    ///   - source: The parsed implementation.
    ///   - tree: The kernel tree (read only).
    ///   - options: Placement, Kconfig gating and compat wiring.
    /// - Returns: Every file change with the whole old and new text, the numbers userspace sees, and advice.
    /// - Throws: `.conflict` when the name exists anywhere, `.badInput` for bad options, layout errors from detection.
    public static func planAdd(
        _ source: SyscallSource, tree: some TreeReader, options: AddOptions = AddOptions(), layout known: TreeLayout? = nil
    ) throws(SyscraftError) -> WiringPlan {
        try SyscallSourceParser.validateName(source.name)
        let layout: TreeLayout
        if let known { layout = known } else { layout = try TreeLayout.detect(tree) }
        let config = try options.configSymbol()
        let only = options.onlyArch.isEmpty ? nil : try ArchSelection(parsing: options.onlyArch, treeArches: layout.arches)
        if only != nil, options.placement == .appendToSys {
            throw SyscraftError(
                .badInput, "--only-arch builds the implementation on those arches only, in a file of its own; kernel/sys.c is built everywhere",
                hint: "drop --placement sys")
        }
        if options.compat, !source.hasCompatDefinition {
            throw SyscraftError(
                .badInput, "--compat needs a COMPAT_SYSCALL_DEFINEn(\(source.name), ...) in the source",
                hint: "add the compat entry point to the source file, or drop --compat")
        }
        try checkConflicts(
            source.name, layout: layout, tree: tree, options: options, config: config, compatDefined: source.hasCompatDefinition,
            implementation: implementationPath(source.name, only: only, tree: tree))
        if let macro = KernelMacros.definition(of: source.name, in: tree) {
            throw SyscraftError(
                .badInput, "'\(source.name)' is a macro in the headers every syscall includes (\(macro)): inside SYSCALL_DEFINE it would expand and break the build",
                hint: "choose another name")
        }

        var work = WorkingCopy(tree: tree)
        var numbers: [String: Int] = [:]
        let assigned = assignNumbers(layout, tree: tree)
        // Generic files first (the implementation patch), then the arch tables (the wiring patch).
        let anchor = anchorName(layout, tree: tree)
        try addImplementation(source, layout: layout, options: options, config: config, only: only, work: &work)
        try addPrototypes(source, anchor: anchor, compat: options.compat, work: &work)
        // The arches without the implementation (or with it configured out) link the weak COND_SYSCALL stub.
        if config != nil || only != nil {
            try addCondSyscall(source.name, anchor: anchor, layout: layout, compat: options.compat, work: &work)
        }
        for table in layout.tables {
            guard let number = assigned[table.path] else { continue }
            try addEntry(
                source.name, number: number, table: table, compat: options.compat, x32: options.compat && needsX32Compat(source),
                reserveOnly: only?.reservesWithNi(tablePath: table.path) == true, work: &work)
            for abi in table.abis { numbers[abi.key] = number + abi.bias }
            // x32 runs the x86_64 table's `common` lines with __X32_SYSCALL_BIT set (as `syscraft table` shows them).
            if table.excludedTags.contains("x32"), TblTable.entries(work.text(table.path) ?? "").contains(where: { $0.abi == "x32" }) {
                numbers["x32"] = number | SyscallTableReader.x32Bit
            }
        }
        var warnings = compatAdvice(source, options: options, tree: tree)
        if let only {
            warnings.append(.note(
                "implemented on \(only.description) only (\(implementationPath(source.name, only: only, tree: tree))): every table numbers it, "
                    + "and the other arches answer ENOSYS through its COND_SYSCALL stub in kernel/sys_ni.c"))
        }
        if !layout.unwiredArches.isEmpty {
            warnings.append(.warning(
                "not wired (no table syscraft knows in this tree): \(layout.unwiredArches.joined(separator: ", "))",
                hint: "wire those arches by hand (syscall-plumbing.md lists their tables)"))
        }
        if source.form != layout.entryForm {
            warnings.append(.warning(
                layout.entryForm == .asmlinkage
                    ? "this tree has no SYSCALL_DEFINEn: the definition was rewritten as asmlinkage long sys_\(source.name)(...)"
                    : "the definition was rewritten as SYSCALL_DEFINE\(source.parameters.count)(\(source.name), ...) as this tree expects"))
        }
        if source.hasCompatDefinition, layout.compatForm == .asmlinkage {
            warnings.append(.warning(
                "this tree has no COMPAT_SYSCALL_DEFINEn: the compat definition was rewritten as asmlinkage long compat_sys_\(source.name)(...)"))
        }
        try TableAudit.refuseCarriageReturns(in: work.changes)
        var plan = WiringPlan(name: source.name, numbers: numbers, changes: work.changes, warnings: warnings)
        plan.onlyArch = only
        return plan
    }

    // MARK: - Numbers

    /// The table number for every table, keyed by path: one number everywhere since 424, else per group.
    static func assignNumbers(_ layout: TreeLayout, tree: some TreeReader) -> [String: Int] {
        var next: [String: Int] = [:]  // path -> next free, cross-arch numbering
        for table in layout.tables {
            let free = (highestNumber(table, in: tree.read(table.path) ?? "") ?? -1) + 1
            next[table.path] = free - table.crossArchOffset
        }
        var groups: [String: Int] = [:]
        for table in layout.tables { groups[table.group] = max(groups[table.group] ?? 0, next[table.path] ?? 0) }
        // Since pidfd_send_signal (424) every arch takes the same number.
        let unified = !groups.isEmpty && groups.values.allSatisfy { $0 > 424 }
        let shared = groups.values.max() ?? 0
        var result: [String: Int] = [:]
        for table in layout.tables {
            let number = unified ? shared : (groups[table.group] ?? 0)
            result[table.path] = number + table.crossArchOffset
        }
        return result
    }

    /// The highest number in a table's main range, in the table's own numbering (nil for an empty table).
    /// A count macro that is consistent equals this + 1.
    static func highestNumber(_ table: SyscallTableFile, in text: String) -> Int? { table.highestNumber(in: text) }

    /// The syscall on the highest line of the main table, next to which prototypes and stubs go.
    static func anchorName(_ layout: TreeLayout, tree: some TreeReader) -> String? {
        let primary = layout.tables.first { $0.group == "x86_64" } ?? layout.tables.first { $0.group == "generic" }
            ?? layout.tables.first
        guard let primary, let text = tree.read(primary.path) else { return nil }
        return primary.lastName(in: text)
    }

    // MARK: - Tables

    /// Adds the line numbering `name`. `reserveOnly`: the number is reserved with `sys_ni_syscall` (an arch that does
    /// not implement it and says so in its table, as powerpc does for map_shadow_stack).
    private static func addEntry(
        _ name: String, number: Int, table: SyscallTableFile, compat: Bool, x32: Bool = false, reserveOnly: Bool = false,
        work: inout WorkingCopy<some TreeReader>
    ) throws(SyscraftError) {
        guard let text = work.text(table.path) else {
            throw SyscraftError(.badTree, "\(table.path) disappeared while planning", hint: "run the command again")
        }
        var native = table.nativePrefix + "sys_" + name
        var compatSymbol: String?
        switch table.compatColumn {
        case .none: compatSymbol = nil
        case .entry:
            compatSymbol = nil
            if compat { native = table.compatPrefix + "compat_sys_" + name }
        case .optional: compatSymbol = compat ? table.compatPrefix + "compat_sys_" + name : nil
        case .always: compatSymbol = table.compatPrefix + (compat ? "compat_sys_" : "sys_") + name
        }
        if reserveOnly {
            native = "sys_ni_syscall"
            compatSymbol = table.compatColumn == .always ? "sys_ni_syscall" : nil
        }
        let updated = try table.inserting(name, number: number, native: native, compatSymbol: compatSymbol, x32: x32, into: text)
        guard let updated else {
            throw SyscraftError(
                .badTree, "\(table.path): cannot place number \(number) in this table",
                hint: "check that the table is complete and sorted")
        }
        work.set(table.path, updated)
        if let count = table.count, let countText = work.text(count.path) {
            guard let bumped = DefineHeaderTable.bumping(count.macro, to: number + 1, in: countText) else {
                throw SyscraftError(
                    .badTree, "\(count.path): no #define \(count.macro) to update", hint: "check the tree is complete")
            }
            work.set(count.path, bumped)
        }
    }

    // MARK: - Conflicts

    private static func checkConflicts(
        _ name: String, layout: TreeLayout, tree: some TreeReader, options: AddOptions, config: String?, compatDefined: Bool,
        implementation: String
    ) throws(SyscraftError) {
        let hint = "pick another name, or run `syscraft remove \(name)` if syscraft added it"
        // The compat entry point is a symbol of its own (x32 and i386 tables name compat_sys_ entry points that
        // have no native twin of the same name, e.g. compat_sys_preadv64v2): a second one would not link.
        let compatSymbol = "compat_sys_" + name
        func isCompatSymbol(_ symbol: String?) -> Bool {
            guard let symbol, symbol.hasSuffix(compatSymbol) else { return false }
            let prefix = symbol.dropLast(compatSymbol.count)
            return prefix.isEmpty || prefix.hasSuffix("_")
        }
        for table in layout.tables {
            guard let text = tree.read(table.path) else { continue }
            // The whole header, past its end marker too: a name anywhere in it is taken.
            var whole = table
            whole.endMarker = nil
            let entries = whole.entries(in: text)
            if let hit = entries.first(where: { $0.name == name || $0.entry == "sys_\(name)" }) {
                throw SyscraftError(
                    .conflict, "'\(name)' already exists: \(table.path) line \(hit.line + 1) (number \(hit.number))", hint: hint)
            }
            if compatDefined, let hit = entries.first(where: { isCompatSymbol($0.entry) || isCompatSymbol($0.compatEntry) }) {
                throw SyscraftError(
                    .conflict, "\(compatSymbol) already exists: \(table.path) line \(hit.line + 1) (number \(hit.number), \(hit.name))",
                    hint: "pick another name: the compat entry point COMPAT_SYSCALL_DEFINE would define is taken")
            }
        }
        if compatDefined, let line = lineNumber(containing: compatSymbol + "(", in: tree.read("include/linux/compat.h") ?? "") {
            throw SyscraftError(
                .conflict, "\(compatSymbol) already exists: include/linux/compat.h line \(line)",
                hint: "pick another name: the compat entry point COMPAT_SYSCALL_DEFINE would define is taken")
        }
        if let line = lineNumber(containing: "sys_\(name)(", in: tree.read("include/linux/syscalls.h") ?? "") {
            throw SyscraftError(.conflict, "'\(name)' already exists: include/linux/syscalls.h line \(line)", hint: hint)
        }
        if options.placement == .ownFile, tree.exists(implementation) {
            throw SyscraftError(.conflict, "\(implementation) already exists", hint: hint)
        }
        if let config, let (path, line) = kconfigDefinition(of: config, in: tree) {
            throw SyscraftError(
                .conflict, "Kconfig option \(config) already exists: \(path) line \(line)", hint: "choose another --config name")
        }
    }

    /// Where `config NAME` or `menuconfig NAME` is defined in any Kconfig file of the tree (init/Kconfig first).
    static func kconfigDefinition(of symbol: String, in tree: some TreeReader) -> (path: String, line: Int)? {
        func find(_ path: String) -> Int? {
            guard let text = tree.read(path) else { return nil }
            for (i, line) in TextLines(text).lines.enumerated() {
                let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                if words.count >= 2, words[0] == "config" || words[0] == "menuconfig", words[1] == symbol { return i + 1 }
            }
            return nil
        }
        if let line = find("init/Kconfig") { return ("init/Kconfig", line) }
        // Every other Kconfig file; dotted names are files (kernel directories are not dotted), except Kconfig.*.
        var directories = [""]
        while let directory = directories.popLast() {
            for name in tree.list(directory) where !name.hasPrefix(".") && name != "Documentation" {
                let path = directory.isEmpty ? name : directory + "/" + name
                if name == "Kconfig" || name.hasPrefix("Kconfig.") {
                    if path != "init/Kconfig", let line = find(path) { return (path, line) }
                } else if !name.contains(".") {
                    directories.append(path)
                }
            }
        }
        return nil
    }

    /// The 1-based number of the first line containing `needle` (or equal to it, trimmed, when `whole`).
    static func lineNumber(containing needle: String, in text: String, whole: Bool = false) -> Int? {
        for (i, line) in TextLines(text).lines.enumerated() {
            if whole ? line.trimmingSpace == needle : line.contains(needle) { return i + 1 }
        }
        return nil
    }

    // MARK: - Advice

    /// x32 has 32-bit pointers and longs: a pointer to a pointer, to a long or to a struct (which --compat says holds
    /// pointers or longs) needs its compat entry point there too. 64-bit scalars do not (x32 passes them in one register).
    static func needsX32Compat(_ source: SyscallSource) -> Bool {
        source.parameters.contains { $0.isPointerToPointer || $0.isStructPointer || $0.isLongPointer }
    }

    private static func compatAdvice(_ source: SyscallSource, options: AddOptions, tree: some TreeReader) -> [Diagnostic] {
        var advice: [Diagnostic] = []
        if source.hasCompatDefinition, !options.compat {
            advice.append(.warning(
                "the source has COMPAT_SYSCALL_DEFINE but --compat was not given: the compat columns keep sys_\(source.name)",
                hint: "add --compat to wire compat_sys_\(source.name)"))
        }
        guard !options.compat else { return advice }
        let wide: Set<String> = ["loff_t", "u64", "__u64", "s64", "__s64", "long long", "unsigned long long", "off64_t"]
        let addCompat = "add a COMPAT_SYSCALL_DEFINEn to the source and --compat"
        for p in source.parameters {
            if p.isPointerToPointer {
                advice.append(.warning("argument '\(p.name)' is a pointer to a pointer: 32-bit callers need a compat entry point", hint: addCompat))
            } else if p.isLongPointer {
                advice.append(.warning(
                    "argument '\(p.name)' points to a long-sized value (\(p.type)): 4 bytes for 32-bit callers, who need a compat entry point",
                    hint: addCompat))
            } else if p.isStructPointer {
                // From what the struct holds, as far as the source or the tree's uapi headers tell.
                let tag = ForwardDeclarations.tags(in: p.type).first { $0.hasPrefix("struct ") }.map { String($0.dropFirst("struct ".count)) } ?? ""
                switch StructLayout.judge(tag, source: source.text, tree: tree) {
                case .fixed:
                    break
                case .varies(let field, let location):
                    advice.append(.warning(
                        "argument '\(p.name)' points to struct \(tag), which holds '\(field)' (\(location)): its size differs for 32-bit callers",
                        hint: addCompat))
                case .unknown:
                    advice.append(.warning(
                        "argument '\(p.name)' points to struct \(tag), whose layout syscraft could not read: does it hold pointers, longs or time_t?",
                        hint: "if so, \(addCompat)"))
                }
            } else if wide.contains(p.type.replacing("const ", with: "")) {
                advice.append(.warning(
                    "argument '\(p.name)' is a 64-bit scalar: on 32-bit ABIs it is split across two registers",
                    hint: "consider a compat entry point (COMPAT_SYSCALL_DEFINEn and --compat)"))
            }
        }
        return advice
    }
}

