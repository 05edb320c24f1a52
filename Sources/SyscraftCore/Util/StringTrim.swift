// Small text helpers shared by the parsers (Core avoids Foundation's CharacterSet APIs).
//
// They work on UTF-8 bytes: the sets and separators are ASCII, and an ASCII byte is never part of a multi-byte
// sequence, so the results are the same texts, without the cost of grapheme breaking (reading every table of a tree
// is on the path of each `syscraft run`).

extension Substring {
    /// The text without leading and trailing characters from `set` (ASCII characters).
    func trimmed(_ set: String) -> String {
        let bytes = Array(set.utf8)
        let u = self.utf8
        var start = u.startIndex, end = u.endIndex
        while start < end, bytes.contains(u[start]) { start = u.index(after: start) }
        while end > start, bytes.contains(u[u.index(before: end)]) { end = u.index(before: end) }
        return String(Substring(u[start..<end]))
    }
}

extension String {
    /// The text without leading and trailing characters from `set`.
    func trimmed(_ set: String) -> String { Substring(self).trimmed(set) }

    /// The lines of the text, split at each "\n" byte (a "\r" before it stays in its line): joined with "\n" they
    /// are the text again.
    func byteLines() -> [Substring] {
        var lines: [Substring] = []
        let u = utf8
        var start = u.startIndex
        var i = start
        while i < u.endIndex {
            if u[i] == UInt8(ascii: "\n") {
                lines.append(Substring(u[start..<i]))
                start = u.index(after: i)
            }
            i = u.index(after: i)
        }
        lines.append(Substring(u[start..<u.endIndex]))
        return lines
    }
}
