/// The arch-independent files: implementation, Makefile, Kconfig, prototypes, `sys_ni.c` stubs.
extension WiringPlanner {
    // MARK: - Implementation

    /// The implementation's own file: `kernel/NAME.c`, or `arch/DIR/kernel/NAME.c` for a syscall only the arches of
    /// one directory implement (map_shadow_stack is in arch/x86/kernel/shstk.c), when that directory has a Makefile.
    static func implementationPath(_ name: String, only: ArchSelection?, tree: some TreeReader) -> String {
        if let directory = only?.directory, tree.exists("arch/\(directory)/kernel/Makefile") {
            return "arch/\(directory)/kernel/\(name).c"
        }
        return "kernel/\(name).c"
    }

    static func addImplementation(
        _ source: SyscallSource, layout: TreeLayout, options: AddOptions, config: String?, only: ArchSelection? = nil,
        work: inout WorkingCopy<some TreeReader>
    ) throws(SyscraftError) {
        let code = try implementationText(source, form: layout.entryForm, compatForm: layout.compatForm)
        switch options.placement {
        case .ownFile:
            var text = code
            if !text.contains("SPDX-License-Identifier") { text = "// SPDX-License-Identifier: GPL-2.0\n" + text }
            let path = implementationPath(source.name, only: only, tree: work)
            work.set(path, text)
            let makefile = String(path.dropLast(source.name.count + 2)) + "Makefile"
            // What builds it: its Kconfig option (which depends on the chosen arches), else the arch symbols of the
            // chosen builds (none is needed in an arch directory all of whose builds are chosen).
            let conditions: [String]
            if let config {
                conditions = ["$(CONFIG_\(config))"]
            } else if let only, !(makefile.hasPrefix("arch/") && only.symbols.count == 1 && !["X86_64", "X86_32"].contains(only.symbols[0])) {
                conditions = only.symbols.map { "$(CONFIG_\($0))" }
            } else {
                conditions = ["y"]
            }
            try addMakefileRules(source.name, conditions: conditions, makefile: makefile, work: &work)
        case .appendToSys:
            guard let sys = work.text("kernel/sys.c") else {
                throw SyscraftError(.badTree, "kernel/sys.c is missing", hint: "use the default placement (its own file)")
            }
            // sys.c has its own licence line and most includes already.
            var body = TextLines(code).lines.filter { line in
                !line.contains("SPDX-License-Identifier") && !(line.hasPrefix("#include") && sys.contains(line + "\n"))
            }
            while body.first?.isEmpty == true { body.removeFirst() }
            while body.last?.isEmpty == true { body.removeLast() }
            if let config { body = ["#ifdef CONFIG_\(config)"] + body + ["#endif /* CONFIG_\(config) */"] }
            let base = sys.hasSuffix("\n") ? sys : sys + "\n"
            work.set("kernel/sys.c", base + "\n" + body.joined(separator: "\n") + "\n")
        }
        if let config { try addKconfig(source.name, symbol: config, dependsOn: only?.symbols ?? [], work: &work) }
    }

    /// The user's source in the tree's entry-point form, ending in a newline. A `COMPAT_SYSCALL_DEFINEn` becomes
    /// `asmlinkage long compat_sys_name(...)` when `compatForm` is `.asmlinkage` (trees before 3.10).
    static func implementationText(
        _ source: SyscallSource, form: SyscallSource.Form, compatForm: SyscallSource.Form? = nil
    ) throws(SyscraftError) -> String {
        var text = source.text
        func declarations(_ parameters: [SyscallParameter]) -> String {
            parameters.isEmpty ? "void" : parameters.map { SyscallSource.declare($0) }.joined(separator: ", ")
        }
        // (byte range, replacement), applied from the end of the text so earlier ranges stay valid.
        var rewrites: [(Range<Int>, String)] = []
        if source.form != form {
            let def = try SyscallSourceParser.findDefinition(text)
            switch form {
            case .asmlinkage:
                rewrites.append((def.headerRange, "asmlinkage long sys_\(source.name)(\(declarations(source.parameters)))"))
            case .syscallDefine:
                let args = source.parameters.map { ", \($0.type), \($0.name)" }.joined()
                rewrites.append((def.headerRange, "SYSCALL_DEFINE\(source.parameters.count)(\(source.name)\(args))"))
            }
        }
        if (compatForm ?? form) == .asmlinkage,
            let compat = try SyscallSourceParser.findCompatDefinition(text, expecting: source.name)
        {
            rewrites.append(
                (compat.headerRange, "asmlinkage long compat_sys_\(source.name)(\(declarations(compat.parameters)))"))
        }
        for (range, replacement) in rewrites.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) {
            let bytes = Array(text.utf8)
            text = String(decoding: bytes[..<range.lowerBound], as: UTF8.self) + replacement
                + String(decoding: bytes[range.upperBound...], as: UTF8.self)
        }
        if form == .syscallDefine, !text.contains("<linux/syscalls.h>") {
            var lines = TextLines(text).lines
            let at = lines.firstIndex { $0.hasPrefix("#include") } ?? (lines.first?.contains("SPDX") == true ? 1 : 0)
            lines.insert("#include <linux/syscalls.h>", at: at)
            text = lines.joined(separator: "\n")
        }
        return text.hasSuffix("\n") ? text : text + "\n"
    }

    /// `obj-COND += name.o` for each condition (`y`, `$(CONFIG_X)`), after the Makefile's last plain object rule.
    private static func addMakefileRules(
        _ name: String, conditions: [String], makefile path: String, work: inout WorkingCopy<some TreeReader>
    ) throws(SyscraftError) {
        guard let makefile = work.text(path) else {
            throw SyscraftError(.badTree, "\(path) is missing", hint: "check that --tree is a complete kernel tree")
        }
        var lines = TextLines(makefile)
        let rules = conditions.map { "obj-\($0) += \(name).o" }
        // After the last top-level `obj-... += foo.o` line (never inside an ifdef/ifeq block).
        var depth = 0
        var last: Int?
        for (index, line) in lines.lines.enumerated() {
            let f = ColumnStyle.split(line).fields
            guard let first = f.first, !line.hasPrefix("\t") else { continue }
            if ["ifdef", "ifndef", "ifeq", "ifneq"].contains(first) {
                depth += 1
            } else if first == "endif" {
                depth = max(0, depth - 1)
            } else if depth == 0, f.count == 3, first.hasPrefix("obj-"), f[1] == "+=", f[2].hasSuffix(".o") {
                last = index
            }
        }
        if let last {
            lines.lines.insert(contentsOf: rules, at: last + 1)
        } else {
            let end = lines.lines.last == "" ? lines.lines.count - 1 : lines.lines.count
            lines.lines.insert(contentsOf: rules, at: end)
        }
        work.set(path, lines.text)
    }

    private static func addKconfig(
        _ name: String, symbol: String, dependsOn arches: [String], work: inout WorkingCopy<some TreeReader>
    ) throws(SyscraftError) {
        guard let kconfig = work.text("init/Kconfig") else {
            throw SyscraftError(.badTree, "init/Kconfig is missing", hint: "drop --config or use a complete kernel tree")
        }
        var lines = TextLines(kconfig)
        let block = [
            "",
            "config \(symbol)",
            "\tbool \"Enable the \(name)() system call\"",
        ] + (arches.isEmpty ? [] : ["\tdepends on \(arches.joined(separator: " || "))"]) + [
            "\tdefault y",
            "\thelp",
            "\t  Enable the \(name)() system call. When this option is off,",
            "\t  the kernel is built without the implementation and the",
            "\t  system call fails with ENOSYS, as for an architecture",
            "\t  that does not wire it.",
            "",
            "\t  If unsure, say Y.",
        ]
        let starts = ["config ", "menuconfig ", "endmenu", "endif", "if ", "menu ", "source ", "choice", "comment "]
        var at: Int?
        for anchor in ["config ADVISE_SYSCALLS", "config SYSFS_SYSCALL", "config EVENTFD", "config SIGNALFD"] {
            guard let start = lines.lines.firstIndex(where: { $0.trimmingSpace == anchor }) else { continue }
            var end = start + 1
            while end < lines.lines.count, !starts.contains(where: { lines.lines[end].hasPrefix($0) }) { end += 1 }
            while end > start + 1, lines.lines[end - 1].trimmingSpace.isEmpty { end -= 1 }
            at = end
            break
        }
        if let at {
            lines.lines.insert(contentsOf: block, at: at)
        } else {
            let end = lines.lines.last == "" ? lines.lines.count - 1 : lines.lines.count
            lines.lines.insert(contentsOf: block, at: end)
        }
        work.set("init/Kconfig", lines.text)
    }

    // MARK: - Prototypes

    static func addPrototypes(
        _ source: SyscallSource, anchor: String?, compat: Bool, work: inout WorkingCopy<some TreeReader>
    ) throws(SyscraftError) {
        let path = "include/linux/syscalls.h"
        guard let header = work.text(path) else {
            throw SyscraftError(.badTree, "\(path) is missing", hint: "check that --tree is a complete kernel tree")
        }
        var lines = TextLines(header)
        let at = prototypeSlot(lines.lines, prefix: "asmlinkage long sys_", anchor: anchor, before: "Architecture-specific system calls")
        lines.lines.insert(contentsOf: wrap(source.prototype), at: at)
        // A struct the prototype names and the header declares nowhere gets its forward declaration, as upstream's do.
        if let forward = ForwardDeclarations.missing(for: source.prototype, in: lines.lines), forward.at <= at {
            lines.lines.insert(contentsOf: forward.lines, at: forward.at)
        }
        work.set(path, lines.text)
        guard compat else { return }
        let compatPath = "include/linux/compat.h"
        guard let compatHeader = work.text(compatPath) else {
            throw SyscraftError(.badTree, "\(compatPath) is missing", hint: "drop --compat for this tree")
        }
        var compatLines = TextLines(compatHeader)
        let compatAt = prototypeSlot(
            compatLines.lines, prefix: "asmlinkage long compat_sys_", anchor: nil, before: "Deprecated system calls")
        compatLines.lines.insert(contentsOf: wrap(source.compatPrototype), at: compatAt)
        work.set(compatPath, compatLines.text)
    }

    /// Where a new prototype goes: at the end of the generic list, before the `before` comment (4.17+ headers are
    /// sorted by source file; new calls go last, as upstream adds them), else after the anchor syscall's prototype,
    /// else after the last prototype with `prefix`, else before the final `#endif`.
    private static func prototypeSlot(_ lines: [String], prefix: String, anchor: String?, before: String?) -> Int {
        func statementEnd(from start: Int) -> Int {
            var i = start
            while i < lines.count, !lines[i].contains(";") { i += 1 }
            return min(i + 1, lines.count)
        }
        if let before, let comment = lines.firstIndex(where: { $0.contains(before) }) {
            var i = comment
            if i > 0, lines[i - 1].trimmingSpace == "/*" { i -= 1 }
            while i > 0, lines[i - 1].trimmingSpace.isEmpty { i -= 1 }
            return i
        }
        if let anchor, let start = lines.firstIndex(where: { $0.hasPrefix("\(prefix)\(anchor)(") }) {
            return statementEnd(from: start)
        }
        if let last = lines.lastIndex(where: { $0.hasPrefix(prefix) }) { return statementEnd(from: last) }
        return lines.lastIndex { $0.hasPrefix("#endif") } ?? lines.count
    }

    /// A prototype as one line, or wrapped at commas with tab indents past 100 columns.
    static func wrap(_ prototype: String) -> [String] {
        guard prototype.count > 100 else { return [prototype] }
        var lines: [String] = []
        var current = ""
        for part in prototype.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            let piece = current.isEmpty ? part : current + "," + part
            if ColumnStyle.advance(0, piece) > 80, !current.isEmpty {
                lines.append(current + ",")
                current = "\t\t" + part.trimmingSpace
            } else {
                current = piece
            }
        }
        lines.append(current)
        return lines
    }

    // MARK: - sys_ni.c

    /// The syscall a native stub line names (`COND_SYSCALL(x);` or `cond_syscall(sys_x);`), or nil.
    static func condStubName(_ line: String, modern: Bool) -> String? {
        let (open, close) = modern ? ("COND_SYSCALL(", ");") : ("cond_syscall(sys_", ");")
        guard line.hasPrefix(open), line.hasSuffix(close) else { return nil }
        return String(line.dropFirst(open.count).dropLast(close.count))
    }

    static func addCondSyscall(
        _ name: String, anchor: String?, layout: TreeLayout, compat: Bool, work: inout WorkingCopy<some TreeReader>
    ) throws(SyscraftError) {
        let path = "kernel/sys_ni.c"
        guard let text = work.text(path) else {
            throw SyscraftError(.badTree, "\(path) is missing", hint: "drop --config for this tree")
        }
        var lines = TextLines(text)
        let modern = layout.condStyle == .condSyscall
        let macro = modern ? "COND_SYSCALL(" : "cond_syscall("
        let stub: (String) -> String = { modern ? "COND_SYSCALL(\($0));" : "cond_syscall(sys_\($0));" }
        var added = [stub(name)]
        if compat { added.append(modern ? "COND_SYSCALL_COMPAT(\(name));" : "cond_syscall(compat_sys_\(name));") }
        let stop = lines.lines.firstIndex { $0.contains("Architecture specific") } ?? lines.lines.count
        var at: Int
        if let anchor, let hit = lines.lines.firstIndex(of: stub(anchor)) {
            at = hit + 1
        } else if let last = lines.lines[..<stop].lastIndex(where: { $0.hasPrefix(macro) }) {
            at = last + 1
        } else {
            at = lines.lines.last == "" ? lines.lines.count - 1 : lines.lines.count
        }
        // Never split a syscall's pair: its compat stub stays right after its native one.
        if at > 0, let previous = condStubName(lines.lines[at - 1], modern: modern) {
            let pair = modern ? "COND_SYSCALL_COMPAT(\(previous));" : "cond_syscall(compat_sys_\(previous));"
            while at < lines.lines.count, lines.lines[at] == pair { at += 1 }
        }
        lines.lines.insert(contentsOf: added, at: at)
        work.set(path, lines.text)
    }
}
