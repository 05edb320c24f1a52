/// Checks a tree's syscall tables before an add edits them: every data line parses, the main range is sorted,
/// no number is used twice, every abi tag is one the table (or the tree) knows, and position-numbered `.S`
/// tables agree with their headers. A table that fails is refused rather than guessed around.
public enum TableAudit {
    /// Tags every kernel era uses in its `.tbl` files, beyond arch names and `Makefile.syscalls` tags.
    static let standardTags: Set<String> = [
        "common", "32", "64", "x32", "i386", "n32", "n64", "o32", "oabi", "eabi", "spu", "nospu",
        "time32", "time64", "renameat", "stat64", "rlimit", "memfd_secret", "or1k",
    ]

    /// Audits every table of the tree's layout.
    /// - Parameter tree: The kernel tree (read only).
    /// - Throws: `.badTree` naming the file, the line and the fix; layout errors from `TreeLayout.detect`.
    public static func check(_ tree: some TreeReader, layout known: TreeLayout? = nil) throws(SyscraftError) {
        let layout: TreeLayout
        if let known { layout = known } else { layout = try TreeLayout.detect(tree) }
        var known = standardTags.union(layout.arches)
        for arch in layout.arches {
            for line in TextLines(tree.read("arch/\(arch)/kernel/Makefile.syscalls") ?? "").lines where line.hasPrefix("syscall_abis_") {
                known.formUnion(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst(2).map(String.init))
            }
        }
        for table in layout.tables {
            guard let text = tree.read(table.path) else { continue }
            try refuseCarriageReturns(text, path: table.path)
            if table.format == .tbl { try checkTbl(text, path: table.path, known: known) }
        }
        try checkPositionTables(layout, tree: tree)
    }

    /// Kernel files are LF-only; a file converted to CRLF (a Windows checkout, an editor) would be read as one
    /// long line by the line-based parsers and numbered wrongly, so it is refused, never edited.
    public static func refuseCarriageReturns(_ text: String, path: String) throws(SyscraftError) {
        guard let offset = text.utf8.firstIndex(of: UInt8(ascii: "\r")) else { return }
        let line = 1 + text.utf8[..<offset].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        throw SyscraftError(
            .badTree, "\(path) has DOS (CRLF) line endings (first at line \(line)); kernel files use LF only",
            hint: "convert it back with 'sed -i \"s/\\r$//\" \(path)' (or dos2unix) and retry")
    }

    /// The same, for every file a plan edits (its text before the edit).
    static func refuseCarriageReturns(in changes: [FileChange]) throws(SyscraftError) {
        for change in changes { if let old = change.old { try refuseCarriageReturns(old, path: change.path) } }
    }

    /// The abi tags a table's header allows ("The abi is "common", "64" or "x32" for this file."), if it says.
    static func headerTags(_ text: String) -> Set<String>? {
        let header = TextLines(text).lines.prefix { $0.hasPrefix("#") || $0.isEmpty }.joined(separator: " ")
        guard let range = header.firstRange(of: "The abi is") else { return nil }
        let sentence = header[range.upperBound...].prefix { $0 != "." }
        let quoted = sentence.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
        return quoted.isEmpty ? nil : Set(quoted)
    }

    static func isWord(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { CScanner.isIdentifierChar($0) }
    }

    /// Entry points: symbols, `sys_clone/ptregs` (4.x x86), `-` (s390 placeholders), up to a trailing `# comment`.
    static func entryFieldsAreValid(_ fields: ArraySlice<String>) -> Bool {
        for field in fields {
            if field.hasPrefix("#") { return true }
            guard field.utf8.allSatisfy({ CScanner.isIdentifierChar($0) || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") })
            else { return false }
        }
        return true
    }

    /// Quotes a line for an error message: control characters escaped, long lines cut.
    static func quote(_ line: String) -> String {
        let cleaned = line.unicodeScalars.map { $0 == "\t" ? " " : ($0.value < 0x20 || $0.value == 0x7f ? "?" : String($0)) }.joined()
        return "'" + (cleaned.count > 60 ? String(cleaned.prefix(57)) + "..." : cleaned) + "'"
    }

    static func checkTbl(_ text: String, path: String, known: Set<String>) throws(SyscraftError) {
        let allowed = headerTags(text) ?? known
        var previous: (number: Int, line: Int)?
        var seen: [Int: [(abi: String, line: Int)]] = [:]
        for (index, line) in TextLines(text).lines.enumerated() {
            let trimmed = line.trimmingSpace
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = ColumnStyle.split(trimmed).fields
            guard fields.count >= 3, fields[0].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let number = Int(fields[0]),
                isWord(fields[1]), isWord(fields[2]), entryFieldsAreValid(fields.dropFirst(3))
            else {
                throw SyscraftError(
                    .badTree, "\(path) line \(index + 1) is not a table line: \(quote(line))",
                    hint: "fix or remove that line (the format is '<number> <abi> <name> [<entry point> [<compat entry point>]]')")
            }
            let abi = fields[1]
            guard allowed.contains(abi) else {
                throw SyscraftError(
                    .badTree, "\(path) line \(index + 1): unknown abi '\(abi)' for \(fields[2])",
                    hint: "fix the abi column (this table uses: \(allowed.sorted().joined(separator: ", ")))")
            }
            if let clash = seen[number]?.first(where: { $0.abi == abi || $0.abi == "common" || abi == "common" }) {
                throw SyscraftError(
                    .badTree, "\(path): number \(number) is used twice (lines \(clash.line + 1) and \(index + 1))",
                    hint: "give each system call its own number, then retry")
            }
            seen[number, default: []].append((abi, index))
            // Arch-specific ranges (scripts/syscall.tbl's 244..259 for csky, nios2, ...) sit out of order upstream.
            guard standardTags.contains(abi) else { continue }
            if let previous, number < previous.number {
                throw SyscraftError(
                    .badTree, "\(path) is not sorted: line \(index + 1) has \(number) after \(previous.number) on line \(previous.line + 1)",
                    hint: "sort the table by number (the kernel's table scripts expect it), then retry")
            }
            previous = (number, index)
        }
    }

    /// `.long` tables number by position: they must have exactly as many entries as their group's header numbers.
    static func checkPositionTables(_ layout: TreeLayout, tree: some TreeReader) throws(SyscraftError) {
        for table in layout.tables where table.format == .longTable {
            guard let header = layout.tables.first(where: { $0.group == table.group && $0.format == .defineHeader }),
                let headerText = tree.read(header.path), let tableText = tree.read(table.path),
                let maximum = DefineHeaderTable.mainMaximum(headerText, endMarker: header.endMarker)
            else { continue }
            let count = AsmTable.count(tableText, kind: .long)
            guard count == maximum + 1 else {
                throw SyscraftError(
                    .badTree, "\(table.path) has \(count) entries but \(header.path) numbers up to \(maximum) (\(maximum + 1) expected)",
                    hint: "make the two agree (one .long line per number), then retry")
            }
        }
    }
}
