/// `#define __NR_name N` headers, optionally with `__SYSCALL(__NR_name, sys_name)` after each define:
/// `include/uapi/asm-generic/unistd.h`, `arch/arm64/include/asm/unistd32.h`, and x86 `unistd_{32,64}.h` before 3.3.
enum DefineHeaderTable {
    /// The lines that belong to the list: up to `endMarker` when given.
    private static func scope(_ lines: [String], endMarker: String?) -> Int {
        guard let endMarker, let end = lines.firstIndex(where: { $0.contains(endMarker) }) else { return lines.count }
        // A marker inside a comment: the comment opens on the line above.
        if end > 0, lines[end - 1].trimmingSpace == "/*" { return end - 1 }
        return end
    }

    /// `(name, number)` of a `#define __NR_name N` line with a literal number.
    static func define(_ line: String) -> (name: String, number: Int)? {
        guard line.hasPrefix("#define") else { return nil }
        let fields = ColumnStyle.split(line).fields
        guard fields.count >= 3, fields[0] == "#define", fields[1].hasPrefix("__NR_"), let n = Int(fields[2]) else { return nil }
        let name = String(fields[1].dropFirst(5))
        guard name != "syscalls", name != "compat_syscalls", !name.isEmpty else { return nil }
        return (name, n)
    }

    /// The arguments of a `__SYSCALL(...)` / `__SC_COMP(...)`-style line.
    static func macroArguments(_ line: String) -> [String]? {
        guard line.hasPrefix("__S"), let open = line.firstIndex(of: "("), let close = line.lastIndex(of: ")") else { return nil }
        return line[line.index(after: open)..<close].split(separator: ",").map { String($0).trimmingSpace }
    }

    static func entries(_ text: String, endMarker: String?) -> [TableEntry] {
        let lines = TextLines(text).lines
        let end = scope(lines, endMarker: endMarker)
        var symbols: [String: (String, String?)] = [:]
        for line in lines[0..<end] {
            guard let args = macroArguments(line), args.count >= 2, args[0].hasPrefix("__NR_") else { continue }
            symbols[String(args[0].dropFirst(5))] = (args[1], args.count > 2 ? args[2] : nil)
        }
        var result: [TableEntry] = []
        for index in 0..<end {
            guard let (name, number) = define(lines[index]) else { continue }
            let symbol = symbols[name]
            result.append(
                TableEntry(
                    number: number, abi: "common", name: name, entry: symbol?.0 ?? "sys_\(name)", compatEntry: symbol?.1,
                    line: index))
        }
        return result
    }

    static func mainMaximum(_ text: String, endMarker: String?) -> Int? {
        entries(text, endMarker: endMarker).map(\.number).max()
    }

    /// The text with a define (and `__SYSCALL`/`__SC_COMP` when the list uses them) after the highest entry.
    static func inserting(_ new: NewEntry, into text: String, endMarker: String?, generic: Bool) -> String {
        var lines = TextLines(text)
        let list = entries(text, endMarker: endMarker)
        var anchor: Int
        let previous = list.filter { $0.number < new.number }.max { $0.number < $1.number }
        if let previous {
            anchor = previous.line + 1
        } else {
            anchor = scope(lines.lines, endMarker: endMarker)
        }
        var usesMacro = false
        if previous != nil {
            // Step over the entry's __SYSCALL line and an #endif that closes an #ifdef just above the define.
            while anchor < lines.lines.count, lines.lines[anchor].hasPrefix("__S") {
                usesMacro = true
                anchor += 1
            }
            if let p = previous, p.line > 0, lines.lines[p.line - 1].hasPrefix("#if"), anchor < lines.lines.count,
                lines.lines[anchor].hasPrefix("#endif")
            {
                anchor += 1
            }
        }
        let samples = list.suffix(40).map { lines.lines[$0.line] }
        let style = ColumnStyle.infer(from: samples, count: 2)
        var added = [style.render(["#define", "__NR_\(new.name)", String(new.number)])]
        if usesMacro {
            if let compat = new.compat {
                added.append(generic ? "__SC_COMP(__NR_\(new.name), \(new.native), \(compat))" : "__SYSCALL(__NR_\(new.name), \(compat))")
            } else {
                added.append("__SYSCALL(__NR_\(new.name), \(new.native))")
            }
        }
        // asm-generic/unistd.h sets every entry apart with a blank line: so does the new one.
        if usesMacro, let p = previous, p.line > 0, lines.lines[p.line - 1].trimmingSpace.isEmpty,
            anchor < lines.lines.count, lines.lines[anchor].trimmingSpace.isEmpty
        {
            added.insert("", at: 0)
        }
        lines.lines.insert(contentsOf: added, at: anchor)
        return lines.text
    }

    /// The index of the `#define macro N` line (N a literal number).
    private static func countLine(_ macro: String, in lines: [String]) -> Int? {
        lines.firstIndex {
            let f = ColumnStyle.split($0).fields
            return f.count >= 3 && f[0] == "#define" && f[1] == macro && Int(f[2]) != nil
        }
    }

    /// N of `#define macro N`, when the text has one.
    static func value(of macro: String, in text: String) -> Int? {
        let lines = TextLines(text).lines
        return countLine(macro, in: lines).flatMap { Int(ColumnStyle.split(lines[$0]).fields[2]) }
    }

    /// Sets `#define macro N` to `value` (only when it is lower), keeping the line's spacing.
    static func bumping(_ macro: String, to value: Int, in text: String) -> String? {
        guard let old = self.value(of: macro, in: text) else { return nil }
        return old < value ? setting(macro, to: value, in: text) : text
    }

    /// Sets `#define macro N` to `value`, keeping the line's spacing; nil when there is no such line.
    static func setting(_ macro: String, to value: Int, in text: String) -> String? {
        var lines = TextLines(text)
        guard let index = countLine(macro, in: lines.lines) else { return nil }
        let line = lines.lines[index]
        let (fields, seps) = ColumnStyle.split(line)
        let prefixLength = fields[0].count + seps[0].count + fields[1].count + seps[1].count
        let rest = line.dropFirst(prefixLength).dropFirst(fields[2].count)
        lines.lines[index] = String(line.prefix(prefixLength)) + String(value) + rest
        return lines.text
    }

    /// Checks the new define re-parses and its number is not used by another define.
    static func validate(_ text: String, added new: NewEntry, path: String, endMarker: String?) throws(SyscraftError) {
        let list = entries(text, endMarker: endMarker)
        guard list.contains(where: { $0.name == new.name && $0.number == new.number }) else {
            throw SyscraftError(.badTree, "\(path): the new define for \(new.name) does not parse back", hint: "report this as a bug")
        }
        if let clash = list.first(where: { $0.number == new.number && $0.name != new.name }) {
            throw SyscraftError(
                .badTree, "\(path): number \(new.number) is already used by __NR_\(clash.name)",
                hint: "give each system call its own number")
        }
    }
}

extension StringProtocol {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpace: String {
        let scalars = Array(self)
        var start = 0, end = scalars.count
        while start < end, scalars[start] == " " || scalars[start] == "\t" { start += 1 }
        while end > start, scalars[end - 1] == " " || scalars[end - 1] == "\t" { end -= 1 }
        return String(scalars[start..<end])
    }
}
