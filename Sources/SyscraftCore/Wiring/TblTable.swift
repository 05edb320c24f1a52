/// One numbered line of a syscall table, in the table's own numbering.
public struct TableEntry: Sendable, Equatable, Codable {
    public var number: Int
    public var abi: String
    public var name: String
    /// The native entry point ("sys_read"), or "" when the line has none (a reserved number).
    public var entry: String
    public var compatEntry: String?
    /// 0-based line index in the file.
    public var line: Int

    public init(number: Int, abi: String, name: String, entry: String, compatEntry: String? = nil, line: Int) {
        self.number = number
        self.abi = abi
        self.name = name
        self.entry = entry
        self.compatEntry = compatEntry
        self.line = line
    }
}

/// A line to add to a table.
struct NewEntry {
    var number: Int
    var abi: String
    var name: String
    var native: String
    var compat: String?
}

/// `<number> <abi> <name> [<entry point> [<compat entry point>]]` tables (`*.tbl`).
enum TblTable {
    static func entries(_ text: String) -> [TableEntry] {
        var result: [TableEntry] = []
        for (index, line) in TextLines(text).lines.enumerated() {
            guard let first = line.utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { continue }
            let fields = ColumnStyle.split(line).fields
            guard fields.count >= 3, let number = Int(fields[0]) else { continue }
            let compat = fields.count > 4 ? fields[4] : nil
            result.append(
                TableEntry(
                    number: number, abi: fields[1], name: fields[2], entry: fields.count > 3 ? fields[3] : "",
                    compatEntry: compat, line: index))
        }
        return result
    }

    /// Numbers named by "# 447 reserved for memfd_secret" / "# 334 through 423 are reserved" comments.
    static func reservedNumbers(_ text: String) -> [(number: Int, line: Int)] {
        var result: [(Int, Int)] = []
        for (index, line) in TextLines(text).lines.enumerated() where line.hasPrefix("#") && line.contains("reserved") {
            let words = line.dropFirst().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "-" })
            guard let first = words.first, let n = Int(first) else { continue }
            result.append((n, index))
            if words.count > 2, words[1] == "through", let m = Int(words[2]) { result.append((m, index)) }
        }
        return result
    }

    /// The highest number in the main range (reserved comments included), or nil for an empty table.
    static func mainMaximum(_ text: String, excluding excluded: Set<String>) -> Int? {
        let numbers = entries(text).filter { !excluded.contains($0.abi) }.map(\.number) + reservedNumbers(text).map(\.number)
        return numbers.max()
    }

    /// The most common abi tag of the main range ("common", "i386", "n64").
    static func mainTag(_ text: String, excluding excluded: Set<String>) -> String {
        var counts: [String: Int] = [:]
        for e in entries(text) where !excluded.contains(e.abi) { counts[e.abi, default: 0] += 1 }
        return counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key ?? "common"
    }

    /// The text with `new` inserted in numeric order, aligned like its neighbours.
    static func inserting(_ new: NewEntry, into text: String, excluding excluded: Set<String>) -> String {
        var lines = TextLines(text)
        let all = entries(text)
        let main = all.filter { !excluded.contains($0.abi) }
        let firstAfter = all.first { $0.number > new.number }?.line ?? Int.max
        let candidates = main.filter { $0.number < new.number && $0.line < firstAfter }.map(\.line)
            + reservedNumbers(text).filter { $0.number < new.number && $0.line < firstAfter }.map(\.line)
        var anchor: Int
        if let last = candidates.max() {
            anchor = last + 1
            // Step over twins of that number in other abis (x86's `64` + `x32` pair of a compat syscall).
            if let previous = all.first(where: { $0.line == last }) {
                while let twin = all.first(where: { $0.line == anchor }), twin.number == previous.number { anchor += 1 }
            }
        } else if let firstData = all.first?.line {
            anchor = firstData
        } else {
            // An empty table: append after the header (before a final empty element).
            anchor = lines.lines.last == "" ? lines.lines.count - 1 : lines.lines.count
        }
        var fields = [String(new.number), new.abi, new.name, new.native]
        if let compat = new.compat { fields.append(compat) }
        let nearby = main.filter { $0.line < anchor }.suffix(60).map { lines.lines[$0.line] }
        let samples = nearby.isEmpty ? main.suffix(60).map { lines.lines[$0.line] } : nearby
        var style = ColumnStyle.infer(from: samples, count: 3)
        if new.compat != nil {
            let withCompat = all.filter { $0.compatEntry != nil }.suffix(60).map { lines.lines[$0.line] }
            if withCompat.isEmpty, case .tabs(let entryColumn) = style.separators[2] {
                // No line has a compat column yet: upstream puts it four tab stops after the entry column.
                style.separators.append(.tabs(column: entryColumn + 4 * ColumnStyle.tabWidth))
            } else {
                // The compat column goes with the entry column: upstream lines whose entry point starts where the new
                // one does (arm64's syscall_32.tbl has entries at 40 with compat at 64, and at 48 with compat at 80).
                let entryColumn = ColumnStyle.fieldColumns(style.render(Array(fields.prefix(4)))).dropFirst(3).first
                let sameEntry = withCompat.filter { ColumnStyle.fieldColumns($0).dropFirst(3).first == entryColumn }
                style.separators.append(ColumnStyle.infer(from: sameEntry.isEmpty ? withCompat : sameEntry, count: 4).separators[3])
            }
        }
        lines.lines.insert(style.render(fields), at: anchor)
        return lines.text
    }

    /// The text with a twin of `entry` (same number and name, another abi and entry point) right after it,
    /// in the same columns (x86's `64` + `x32` pair for a compat syscall).
    static func insertingTwin(of entry: NewEntry, abi: String, entry symbol: String, into text: String) -> String {
        var lines = TextLines(text)
        guard let line = entries(text).first(where: { $0.number == entry.number && $0.name == entry.name && $0.abi == entry.abi })?.line
        else { return text }
        let style = ColumnStyle.infer(from: [lines.lines[line]], count: 3)
        lines.lines.insert(style.render([String(entry.number), abi, entry.name, symbol]), at: line + 1)
        return lines.text
    }

    /// Checks the new line re-parses, sits in numeric order, clashes with no number and has a known abi tag.
    /// (Existing oddities, such as arch-specific numbers placed mid-table, are left alone.)
    static func validate(_ text: String, added new: NewEntry, path: String, allowedTags: Set<String>) throws(SyscraftError) {
        let list = entries(text)
        guard let index = list.firstIndex(where: { $0.name == new.name && $0.number == new.number }) else {
            throw SyscraftError(.badTree, "\(path): the new line for \(new.name) does not parse back", hint: "report this as a bug")
        }
        let line = list[index]
        let previous = index > 0 ? list[index - 1].number : Int.min
        let next = index + 1 < list.count ? list[index + 1].number : Int.max
        guard previous <= line.number, line.number <= next else {
            throw SyscraftError(
                .badTree, "\(path): \(new.name) (\(new.number)) would sit between \(previous) and \(next)",
                hint: "sort the table by number; the kernel's syscalltbl.sh refuses unsorted tables")
        }
        if let clash = list.first(where: {
            $0.line != line.line && $0.number == line.number && ($0.abi == "common" || line.abi == "common" || $0.abi == line.abi)
        }) {
            throw SyscraftError(
                .badTree, "\(path): number \(new.number) is already used by \(clash.name) (line \(clash.line + 1))",
                hint: "give each system call its own number")
        }
        guard allowedTags.contains(line.abi) else {
            throw SyscraftError(
                .badTree, "\(path): abi '\(line.abi)' is not one of \(allowedTags.sorted().joined(separator: ", "))",
                hint: "fix the abi column")
        }
    }
}
