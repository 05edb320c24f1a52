/// Exports an added system call as a `git format-patch`-style series in upstream's order
/// (`Documentation/process/adding-syscalls.rst`): (1) the implementation with its prototype and the
/// generic wiring, (2) the arch wiring, (3) the selftest when there is one, plus a cover letter.
public enum PatchSeries {
    public struct Author: Sendable, Equatable {
        public var name: String
        public var email: String
        public init(name: String, email: String) {
            self.name = name
            self.email = email
        }
        public var line: String { "\(name) <\(email)>" }
    }

    /// What goes into the series.
    public struct Input: Sendable {
        public var name: String
        /// Numbers by ABI, as `add` assigned them.
        public var numbers: [String: Int]
        /// The syscall's changes, from the tree without it (`old`) to the tree with it (`new`).
        public var changes: [FileChange]
        /// The selftest's changes, when one was added.
        public var selftest: [FileChange]
        /// The gating Kconfig option, when added with `--config`.
        public var config: String?
        public var author: Author
        /// RFC 2822 date for the `Date:` headers.
        public var date: String
        /// `PATCH`, `RFC PATCH`, `PATCH v2`, ...
        public var subjectPrefix: String

        public init(
            name: String, numbers: [String: Int], changes: [FileChange], selftest: [FileChange] = [], config: String? = nil,
            author: Author, date: String, subjectPrefix: String = "PATCH"
        ) {
            self.name = name
            self.numbers = numbers
            self.changes = changes
            self.selftest = selftest
            self.config = config
            self.author = author
            self.date = date
            self.subjectPrefix = subjectPrefix
        }
    }

    /// One file of the series.
    public struct Patch: Sendable, Equatable {
        /// `0001-kernel-add-kstacksize-system-call.patch`
        public var fileName: String
        public var subject: String
        public var text: String
        /// The files it changes (empty for the cover letter).
        public var paths: [String]
    }

    /// The series: the cover letter first (`0000-cover-letter.patch`), then the patches in order.
    public static func make(_ input: Input) -> [Patch] {
        let all = input.changes + input.selftest
        let generic = input.changes.filter { !isArch($0.path) && !isSelftest($0.path) }
        let arch = input.changes.filter { isArch($0.path) }
        let selftest = all.filter { isSelftest($0.path) }
        var parts: [(subject: String, body: String, changes: [FileChange])] = []
        if !generic.isEmpty { parts.append((implementationSubject(input.name), implementationBody(input, generic), generic)) }
        if !arch.isEmpty { parts.append(("arch: wire up \(input.name) syscall", archBody(input, arch), arch)) }
        if !selftest.isEmpty { parts.append(("selftests: add \(input.name) test", selftestBody(input), selftest)) }
        let total = parts.count
        var patches: [Patch] = []
        for (i, part) in parts.enumerated() {
            let subject = "[\(input.subjectPrefix) \(i + 1)/\(total)] \(part.subject)"
            var text = header(input, subject: subject)
            text += part.body + "\n\nSigned-off-by: \(input.author.line)\n---\n"
            text += diffstat(part.changes) + "\n"
            for change in part.changes { text += gitDiff(change) }
            text += "-- \nsyscraft\n\n"
            patches.append(Patch(fileName: fileName(i + 1, part.subject), subject: subject, text: text, paths: part.changes.map(\.path)))
        }
        var cover = header(input, subject: "[\(input.subjectPrefix) 0/\(total)] Add the \(input.name)() system call")
        cover += coverBody(input) + "\n\n"
        for part in parts { cover += "  \(part.subject)\n" }
        cover += "\n" + diffstat(parts.flatMap(\.changes)) + "\n-- \nsyscraft\n\n"
        return [Patch(fileName: "0000-cover-letter.patch", subject: "Add the \(input.name)() system call", text: cover, paths: [])] + patches
    }

    // MARK: - Classification

    static func isSelftest(_ path: String) -> Bool { path.hasPrefix("tools/testing/selftests/") }
    static func isArch(_ path: String) -> Bool { path.hasPrefix("arch/") || (path.hasPrefix("tools/") && !isSelftest(path)) }

    // MARK: - Messages

    static func implementationSubject(_ name: String) -> String { "kernel: add \(name)() system call" }

    static func header(_ input: Input, subject: String) -> String {
        """
        From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
        From: \(input.author.line)
        Date: \(input.date)
        Subject: \(subject)


        """
    }

    /// `0001-kernel-add-kstacksize-system-call.patch`, as git names it.
    static func fileName(_ index: Int, _ subject: String) -> String {
        var slug = ""
        for ch in subject {
            if ch.isASCII, ch.isLetter || ch.isNumber || ch == "_" || ch == "." {
                slug.append(ch)
            } else if !slug.hasSuffix("-") {
                slug.append("-")
            }
        }
        while slug.hasSuffix("-") || slug.hasSuffix(".") { slug.removeLast() }
        let number = String(index)
        return String(repeating: "0", count: max(0, 4 - number.count)) + number + "-" + String(slug.prefix(52)) + ".patch"
    }

    /// The C declaration userspace sees: `long name(args);`, from the new prototype in syscalls.h.
    static func signature(_ input: Input) -> String? {
        for change in input.changes where change.path == "include/linux/syscalls.h" {
            let added = change.addedAndRemoved.added
            guard let start = added.firstIndex(where: { $0.contains("sys_\(input.name)(") }) else { continue }
            var text = ""
            for line in added[start...] {
                text += (text.isEmpty ? "" : " ") + line.trimmingSpace
                if line.contains(";") { break }
            }
            return text.replacing("asmlinkage long sys_", with: "long ")
        }
        return nil
    }

    /// The leading comment of the new implementation file (`* name() - what it does.`), as prose lines.
    static func description(_ input: Input) -> [String] {
        guard let impl = input.changes.first(where: { $0.old == nil && $0.path.hasPrefix("kernel/") && $0.path.hasSuffix(".c") }),
            let text = impl.new
        else { return [] }
        var lines: [String] = []
        var inComment = false
        for raw in TextLines(text).lines {
            let line = raw.trimmingSpace
            if !inComment {
                if line.hasPrefix("/*") && !line.hasPrefix("/**/") {
                    inComment = true
                    let rest = String(line.dropFirst(2)).trimmingSpace
                    if !rest.isEmpty, !rest.hasPrefix("*") { lines.append(rest.replacing("*/", with: "").trimmingSpace) }
                    if line.hasSuffix("*/") { break }
                } else if !line.isEmpty, !line.hasPrefix("//"), !line.hasPrefix("#") {
                    break
                }
                continue
            }
            if line.hasSuffix("*/") {
                let rest = String(line.dropLast(2)).trimmingSpace
                if !rest.isEmpty, rest != "*" { lines.append(String(rest.drop { $0 == "*" }).trimmingSpace) }
                break
            }
            lines.append(String(line.drop { $0 == "*" }).trimmingSpace)
        }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    static func implementationBody(_ input: Input, _ generic: [FileChange]) -> String {
        let name = input.name
        var body: [String] = []
        let about = description(input)
        if about.isEmpty {
            body.append("Add the \(name)() system call.")
        } else {
            body += about
        }
        if let signature = signature(input) {
            body += ["", "The userspace interface is:", ""] + indented(signature)
        }
        let paths = generic.map(\.path)
        var words: [String] = []
        if let impl = paths.first(where: { $0.hasPrefix("kernel/\(name).c") }) {
            words.append("The implementation is in \(impl)")
        } else if paths.contains("kernel/sys.c") {
            words.append("The implementation is in kernel/sys.c")
        }
        if let config = input.config {
            words.append(
                "and is built only when CONFIG_\(config) is set (a new option in init/Kconfig, default y); without it the COND_SYSCALL() stub in kernel/sys_ni.c answers -ENOSYS.")
        } else if !words.isEmpty {
            words[words.count - 1] += "."
        }
        var wiring = "The prototype goes into include/linux/syscalls.h"
        if paths.contains("include/linux/compat.h") { wiring += " (and the compat one into include/linux/compat.h)" }
        let tables = paths.filter { $0 == "include/uapi/asm-generic/unistd.h" || $0 == "scripts/syscall.tbl" }
        if !tables.isEmpty, let number = input.numbers["arm64"] ?? input.numbers["riscv"] ?? input.numbers["x86_64"] {
            wiring += ", and number \(number) into the generic table (\(tables.joined(separator: " and ")))"
            wiring += " used by the architectures that share it"
        }
        words.append(wiring + ".")
        body += [""] + wrap(words.joined(separator: " "))
        body += [""] + wrap("The architecture tables are wired up in the next patch, so this one builds on every architecture on its own.")
        return body.joined(separator: "\n")
    }

    static func archBody(_ input: Input, _ arch: [FileChange]) -> String {
        let name = input.name
        var arches: [String] = []
        for change in arch {
            let parts = change.path.split(separator: "/")
            if parts.count > 1, parts[0] == "arch", !arches.contains(String(parts[1])) { arches.append(String(parts[1])) }
        }
        var body: [String] = []
        let base = Numbering.primary(input.numbers)
        var sentence = "Wire up the \(name)() system call on every architecture that has its own syscall table"
        if !arches.isEmpty { sentence += " (\(arches.joined(separator: ", ")))" }
        if let base { sentence += ", with number \(base)" }
        var exceptions: [String] = []
        if let alpha = input.numbers["alpha"], let base, alpha != base { exceptions.append("alpha \(alpha)") }
        for abi in ["mips/o32", "mips/n64", "mips/n32"] {
            if let n = input.numbers[abi], let base, n != base { exceptions.append("\(abi) \(n)") }
        }
        if !exceptions.isEmpty { sentence += " (\(exceptions.joined(separator: ", ")), as those tables are offset)" }
        body += wrap(sentence + ".")
        // What the x86_64 table got: one common line, or a 64 + x32 pair for a compat syscall.
        let x64Added = arch.first { $0.path.hasSuffix("x86/entry/syscalls/syscall_64.tbl") }?.addedAndRemoved.added ?? []
        let x32Pair = x64Added.contains { ColumnStyle.split($0).fields.dropFirst().first == "x32" }
        let x86 = x32Pair
            ? "x86 gets a 64 entry and an x32 entry (compat_sys_\(name), as x32 passes 32-bit pointers) with the same number in syscall_64.tbl, and an i386 entry in syscall_32.tbl."
            : "x86 gets a common entry in syscall_64.tbl and an i386 entry in syscall_32.tbl."
        body += [""] + wrap("The same number on every architecture follows the convention used since pidfd_send_signal(); " + x86)
        return body.joined(separator: "\n")
    }

    static func selftestBody(_ input: Input) -> String {
        let name = input.name
        return wrap(
            "Add a kselftest for the \(name)() system call in tools/testing/selftests/\(name)/, using the kselftest harness, and add it to TARGETS. It checks that the call is implemented, that is, it does not fail with ENOSYS; build it with the kernel's headers installed (make headers) so that __NR_\(name) is defined."
        ).joined(separator: "\n")
    }

    static func coverBody(_ input: Input) -> String {
        var body = description(input)
        if body.isEmpty { body = ["This series adds the \(input.name)() system call."] }
        if let signature = signature(input) { body += [""] + indented(signature) }
        body += [""] + wrap(
            "The first patch adds the implementation with its prototype and the generic wiring, the second wires up the architecture tables, and the last (when present) adds a selftest, in the order Documentation/process/adding-syscalls.rst asks for.")
        return body.joined(separator: "\n")
    }

    /// A declaration as kernel C lays it out in prose: tab-indented, broken after commas at `width` visual columns,
    /// continuation lines aligned one past the opening parenthesis.
    static func indented(_ declaration: String, width: Int = 75) -> [String] {
        guard let paren = declaration.firstIndex(of: "(") else { return ["\t" + declaration] }
        let align = "\t" + String(repeating: " ", count: declaration.distance(from: declaration.startIndex, to: paren) + 1)
        var lines: [String] = []
        var current = "\t"
        for (i, part) in declaration.split(separator: ", ").enumerated() {
            if i == 0 {
                current += part
            } else if ColumnStyle.advance(0, current + ", " + part) > width {
                lines.append(current + ",")
                current = align + part
            } else {
                current += ", " + part
            }
        }
        lines.append(current)
        return lines
    }

    /// Words filled to 72 columns.
    static func wrap(_ text: String, width: Int = 72) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count > width {
                lines.append(current)
                current = String(word)
            } else {
                current += " " + word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    // MARK: - Diff

    /// `diff --git` with the mode lines git writes for created and deleted files.
    static func gitDiff(_ change: FileChange) -> String {
        var text = "diff --git a/\(change.path) b/\(change.path)\n"
        if change.old == nil { text += "new file mode 100644\n" }
        if change.new == nil { text += "deleted file mode 100644\n" }
        text += LineDiff.unified(path: change.path, old: change.old, new: change.new)
        return text
    }

    /// git's `--stat` block: one line per file, the summary, and create/delete mode lines.
    static func diffstat(_ changes: [FileChange], width: Int = 80) -> String {
        let rows = changes.map { change -> (String, Int, Int) in
            let (added, removed) = change.addedAndRemoved
            return (change.path, added.count, removed.count)
        }
        guard !rows.isEmpty else { return " 0 files changed\n" }
        let nameLimit = width * 5 / 8
        let names = rows.map { row -> String in
            row.0.count > nameLimit ? "..." + String(row.0.suffix(nameLimit - 3)) : row.0
        }
        let nameWidth = names.map(\.count).max() ?? 0
        let counts = rows.map { $0.1 + $0.2 }
        let countWidth = String(counts.max() ?? 0).count
        let graphWidth = max(6, width - 1 - nameWidth - 3 - countWidth - 1)
        let maxChange = counts.max() ?? 0
        var out = ""
        for (i, row) in rows.enumerated() {
            var plus = row.1, minus = row.2
            if maxChange > graphWidth {
                let total = plus + minus
                let scaled = total == 0 ? 0 : max(1, total * graphWidth / maxChange)
                plus = total == 0 ? 0 : (row.1 * scaled + total / 2) / total
                if row.1 > 0, plus == 0 { plus = 1 }
                minus = scaled - plus
                if row.2 > 0, minus == 0, scaled > 1 { minus = 1; plus = scaled - 1 }
            }
            let count = String(counts[i])
            let name = names[i] + String(repeating: " ", count: nameWidth - names[i].count)
            let pad = String(repeating: " ", count: countWidth - count.count)
            let graph = String(repeating: "+", count: plus) + String(repeating: "-", count: minus)
            var line = " \(name) | \(pad)\(count) \(graph)"
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        let insertions = rows.map(\.1).reduce(0, +), deletions = rows.map(\.2).reduce(0, +)
        var summary = " \(rows.count) file\(rows.count == 1 ? "" : "s") changed"
        if insertions > 0 || deletions == 0 { summary += ", \(insertions) insertion\(insertions == 1 ? "" : "s")(+)" }
        if deletions > 0 { summary += ", \(deletions) deletion\(deletions == 1 ? "" : "s")(-)" }
        out += summary + "\n"
        for change in changes where change.old == nil { out += " create mode 100644 \(change.path)\n" }
        for change in changes where change.new == nil { out += " delete mode 100644 \(change.path)\n" }
        return out
    }
}
