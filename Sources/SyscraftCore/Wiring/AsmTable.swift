/// Assembly tables where the position is the number: `.long sys_x` in `syscall_table_32.S` (after
/// `ENTRY(sys_call_table)`) and `.quad sys_x` in `ia32entry.S` (up to `ia32_syscall_end:`).
enum AsmTable {
    struct Kind {
        var directive: String
        var start: String
        var end: String?
        var filler: String

        static let long = Kind(directive: ".long", start: "sys_call_table", end: nil, filler: "sys_ni_syscall")
        static let quad = Kind(directive: ".quad", start: "ia32_sys_call_table", end: "ia32_syscall_end", filler: "quiet_ni_syscall")
    }

    /// The symbols of one `.long a, b /* c */` line.
    private static func symbols(_ line: String, _ kind: Kind) -> [String]? {
        var code = line
        if let comment = code.firstRange(of: "/*") { code = String(code[..<comment.lowerBound]) }
        let trimmed = code.trimmingSpace
        guard trimmed.hasPrefix(kind.directive) else { return nil }
        return trimmed.dropFirst(kind.directive.count).split(separator: ",").map { String($0).trimmingSpace }
            .filter { !$0.isEmpty }
    }

    /// The table lines' range: from the start label to the end label (or the end of the file).
    private static func region(_ lines: [String], _ kind: Kind) -> Range<Int>? {
        guard let start = lines.firstIndex(where: { $0.contains(kind.start) && !$0.contains("call_table_size") }) else {
            return nil
        }
        let end = kind.end.flatMap { label in lines[start...].firstIndex { $0.hasPrefix(label) } } ?? lines.count
        return (start + 1)..<end
    }

    static func entries(_ text: String, kind: Kind) -> [TableEntry] {
        let lines = TextLines(text).lines
        guard let range = region(lines, kind) else { return [] }
        var result: [TableEntry] = []
        for index in range {
            for symbol in symbols(lines[index], kind) ?? [] {
                result.append(
                    TableEntry(number: result.count, abi: "i386", name: baseName(symbol), entry: symbol, line: index))
            }
        }
        return result
    }

    /// "sys_read" -> "read"; "compat_sys_x", "sys32_x", "stub32_x", "ptregs_x" likewise.
    static func baseName(_ symbol: String) -> String {
        for prefix in ["compat_sys_", "sys32_", "stub32_", "ptregs_", "sys_", "quiet_"] where symbol.hasPrefix(prefix) {
            return String(symbol.dropFirst(prefix.count))
        }
        return symbol
    }

    static func count(_ text: String, kind: Kind) -> Int { entries(text, kind: kind).count }

    /// The comment that marks a slot kept as the filler because what was in it was removed from the middle.
    static func retiredMarker(_ what: String) -> String { "/* was \(what) */" }

    /// A table line holding just `symbol`, with the symbol replaced by the filler (upstream retires numbers this
    /// way, so that the syscalls after it keep theirs), its `/* n */` comment kept and `/* was what */` added.
    static func retiring(_ line: String, symbol: String, was what: String, kind: Kind) -> String? {
        guard symbols(line, kind) == [symbol], let range = line.firstRange(of: symbol) else { return nil }
        var code = line
        code.replaceSubrange(range, with: kind.filler)
        return code + (code.contains("/*") ? " " : "\t") + retiredMarker(what)
    }

    /// Whether a line is a slot that `retiring` kept.
    static func isRetired(_ line: String, kind: Kind) -> Bool {
        symbols(line, kind) == [kind.filler] && line.contains("/* was ") && line.hasSuffix(" */")
    }

    /// The text with `symbol` at position `number` (padding holes with the filler), after the last entry.
    static func inserting(number: Int, symbol: String, into text: String, kind: Kind) -> String? {
        var lines = TextLines(text)
        let list = entries(text, kind: kind)
        guard let last = list.last, number >= list.count else { return nil }
        var added: [String] = []
        for n in list.count...number {
            let sym = n == number ? symbol : kind.filler
            added.append("\t\(kind.directive) \(sym)" + (n % 5 == 0 ? "\t/* \(n) */" : ""))
        }
        lines.lines.insert(contentsOf: added, at: last.line + 1)
        return lines.text
    }
}
