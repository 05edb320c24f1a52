/// How a file separates the columns of its lines: tabs to a common column, or literal spaces.
///
/// Inferred from neighbouring lines so that a new line looks like a maintainer typed it.
struct ColumnStyle: Equatable {
    enum Separator: Equatable {
        /// Tabs up to this visual column (at least one tab).
        case tabs(column: Int)
        /// This exact whitespace.
        case literal(String)
    }

    var separators: [Separator]

    static let tabWidth = 8

    /// Fields and the whitespace between them, e.g. "451\tcommon\tname" -> (["451", "common", "name"], ["\t", "\t"]).
    static func split(_ line: some StringProtocol) -> (fields: [String], separators: [String]) {
        // Bytes, not Characters: space and tab are single bytes that no multi-byte sequence contains.
        var fields: [String] = [], seps: [String] = []
        let u = Array(line.utf8)
        var i = 0
        func isSpace(_ b: UInt8) -> Bool { b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }
        while i < u.count, isSpace(u[i]) { i += 1 }
        while i < u.count {
            let start = i
            while i < u.count, !isSpace(u[i]) { i += 1 }
            fields.append(String(decoding: u[start..<i], as: UTF8.self))
            let spaceStart = i
            while i < u.count, isSpace(u[i]) { i += 1 }
            if i < u.count { seps.append(String(decoding: u[spaceStart..<i], as: UTF8.self)) }
        }
        return (fields, seps)
    }

    /// The visual column after writing `text` from column `start`.
    static func advance(_ start: Int, _ text: some StringProtocol) -> Int {
        var col = start
        for ch in text {
            col = ch == "\t" ? (col / tabWidth + 1) * tabWidth : col + 1
        }
        return col
    }

    /// The visual column where each field of `line` starts.
    static func fieldColumns(_ line: some StringProtocol) -> [Int] {
        let (fields, seps) = split(line)
        var columns: [Int] = [], col = 0
        for (i, field) in fields.enumerated() {
            columns.append(col)
            col = advance(col, field)
            if i < seps.count { col = advance(col, seps[i]) }
        }
        return columns
    }

    /// The style of `count` separators, by majority over `samples` (lines of the same kind).
    static func infer(from samples: [String], count: Int) -> ColumnStyle {
        var separators: [Separator] = []
        for index in 0..<count {
            var tabColumns: [Int: Int] = [:]
            var literals: [String: Int] = [:]
            var tabVotes = 0, spaceVotes = 0
            for line in samples {
                let (fields, seps) = split(line)
                guard index < seps.count, index + 1 < fields.count else { continue }
                // Visual column where field index+1 starts.
                let col = fieldColumns(line)[index + 1]
                if seps[index].contains("\t") {
                    tabVotes += 1
                    tabColumns[col, default: 0] += 1
                } else {
                    spaceVotes += 1
                    literals[seps[index], default: 0] += 1
                }
            }
            if spaceVotes > tabVotes, let best = mostCommon(literals) {
                separators.append(.literal(best))
            } else {
                separators.append(.tabs(column: mostCommon(tabColumns) ?? 0))
            }
        }
        return ColumnStyle(separators: separators)
    }

    private static func mostCommon<K: Comparable>(_ counts: [K: Int]) -> K? {
        counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
    }

    /// One line with the fields joined in this style.
    func render(_ fields: [String]) -> String {
        var out = "", col = 0
        for (i, field) in fields.enumerated() {
            if i > 0 {
                let sep = i - 1 < separators.count ? separators[i - 1] : .tabs(column: 0)
                switch sep {
                case .literal(let s):
                    out += s
                    col = Self.advance(col, s)
                case .tabs(let target):
                    repeat {
                        out += "\t"
                        col = Self.advance(col, "\t")
                    } while col < target
                }
            }
            out += field
            col = Self.advance(col, field)
        }
        return out
    }
}

/// Text as lines, split so that joining gives the same bytes back (a final newline leaves an empty last element).
struct TextLines {
    var lines: [String]

    init(_ text: String) {
        lines = text.byteLines().map(String.init)
    }

    var text: String { lines.joined(separator: "\n") }
}
