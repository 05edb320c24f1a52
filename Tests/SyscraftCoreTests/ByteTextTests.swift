import Testing

@testable import SyscraftCore

/// The byte-level text helpers the table and config parsers use give what the Character-based code they replaced
/// gave, on random lines of table-like text (digits, names, spaces, tabs, "\r", non-ASCII letters and marks).
@Suite struct ByteTextTests {
    static let alphabet: [String] = ["4", "6", "3", "a", "_", "x", " ", " ", "\t", "\t", "\r", "é", "ß", "\u{301}", "日", "#"]

    /// A deterministic generator (SplitMix64), so a failure names a reproducible case.
    struct Generator {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(n))
        }
    }

    /// The Character-based split the byte-based one replaced.
    static func referenceSplit(_ line: String) -> (fields: [String], separators: [String]) {
        var fields: [String] = [], seps: [String] = []
        var current = "", space = ""
        for ch in line {
            if ch == " " || ch == "\t" {
                if !current.isEmpty { fields.append(current); current = "" }
                if !fields.isEmpty { space.append(ch) }
            } else {
                if !space.isEmpty { seps.append(space); space = "" }
                current.append(ch)
            }
        }
        if !current.isEmpty { fields.append(current) }
        return (fields, seps)
    }

    /// 5,000 random lines: ColumnStyle.split and trimmed agree with the Character-based definitions (a combining mark
    /// right after a space or tab is left out: it joins that separator into one Character, which the old code then
    /// kept inside a field), and byteLines joined again is the text.
    @Test func agreesWithTheCharacterBasedCode() {
        var g = Generator(state: 42)
        for _ in 0..<5000 {
            var line = ""
            for _ in 0..<g.next(24) {
                let piece = Self.alphabet[g.next(Self.alphabet.count)]
                if piece == "\u{301}", let last = line.unicodeScalars.last, " \t\r".unicodeScalars.contains(last) { continue }
                line += piece
            }
            let (fields, seps) = ColumnStyle.split(line)
            let reference = Self.referenceSplit(line)
            #expect(fields == reference.fields && seps == reference.separators, "\(line.debugDescription)")
            if !line.contains("\r") {
                let old = String(line.drop(while: { " \t".contains($0) }).reversed().drop(while: { " \t".contains($0) }).reversed())
                #expect(line.trimmed(" \t") == old, "\(line.debugDescription)")
            }
            let text = line + "\n" + line.replacing("\t", with: "\n")
            #expect(text.byteLines().joined(separator: "\n") == text)
            #expect(text.byteLines().count == text.utf8.filter { $0 == UInt8(ascii: "\n") }.count + 1)
        }
    }
}
