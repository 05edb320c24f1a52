/// Small byte-level helpers for scanning C source text (comments, identifiers, balanced parentheses).
///
/// Offsets are UTF-8 byte offsets into the original text, so a span found in the masked text
/// can be cut out of the original unchanged.
enum CScanner {
    /// The text's bytes with comments, string and character literals blanked to spaces (newlines kept).
    static func maskedBytes(_ text: String) -> [UInt8] {
        var bytes = Array(text.utf8)
        var i = 0
        let n = bytes.count
        while i < n {
            let c = bytes[i]
            if c == UInt8(ascii: "/"), i + 1 < n, bytes[i + 1] == UInt8(ascii: "*") {
                var j = i + 2
                while j < n, !(bytes[j] == UInt8(ascii: "*") && j + 1 < n && bytes[j + 1] == UInt8(ascii: "/")) { j += 1 }
                let end = min(n, j + 2)
                blank(&bytes, i..<end)
                i = end
            } else if c == UInt8(ascii: "/"), i + 1 < n, bytes[i + 1] == UInt8(ascii: "/") {
                var j = i
                while j < n, bytes[j] != UInt8(ascii: "\n") { j += 1 }
                blank(&bytes, i..<j)
                i = j
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                var j = i + 1
                while j < n, bytes[j] != c, bytes[j] != UInt8(ascii: "\n") {
                    j += bytes[j] == UInt8(ascii: "\\") ? 2 : 1
                }
                let end = min(n, j + 1)
                // Keep the quotes so that a literal still separates tokens.
                if end - i > 2 { blank(&bytes, (i + 1)..<(end - 1)) }
                i = end
            } else {
                i += 1
            }
        }
        return bytes
    }

    private static func blank(_ bytes: inout [UInt8], _ range: Range<Int>) {
        for k in range where bytes[k] != UInt8(ascii: "\n") { bytes[k] = UInt8(ascii: " ") }
    }

    static func isIdentifierStart(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || c == UInt8(ascii: "_")
    }

    static func isIdentifierChar(_ c: UInt8) -> Bool {
        isIdentifierStart(c) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
    }

    static func isSpace(_ c: UInt8) -> Bool {
        c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r")
            || c == 0x0B || c == 0x0C
    }

    /// True when `s` is a C identifier.
    static func isIdentifier(_ s: some StringProtocol) -> Bool {
        let u = Array(s.utf8)
        guard let first = u.first, isIdentifierStart(first) else { return false }
        return u.allSatisfy(isIdentifierChar)
    }

    /// Offsets where the whole word `word` starts (not part of a longer identifier).
    static func wordOccurrences(of word: String, in bytes: [UInt8]) -> [Int] {
        let w = Array(word.utf8)
        guard !w.isEmpty, bytes.count >= w.count else { return [] }
        var result: [Int] = []
        var i = 0
        while i <= bytes.count - w.count {
            if bytes[i] == w[0], Array(bytes[i..<(i + w.count)]) == w {
                let before = i == 0 ? UInt8(ascii: " ") : bytes[i - 1]
                if !isIdentifierChar(before) { result.append(i) }
                i += w.count
            } else {
                i += 1
            }
        }
        return result
    }

    /// The index after `i` skipping whitespace.
    static func skipSpace(_ bytes: [UInt8], _ i: Int) -> Int {
        var j = i
        while j < bytes.count, isSpace(bytes[j]) { j += 1 }
        return j
    }

    /// The identifier starting at `i` (possibly empty) and the index after it.
    static func identifier(_ bytes: [UInt8], at i: Int) -> (String, Int) {
        var j = i
        while j < bytes.count, isIdentifierChar(bytes[j]) { j += 1 }
        return (String(decoding: bytes[i..<j], as: UTF8.self), j)
    }

    /// Given the index of an opening parenthesis, the index of its matching closing one.
    static func matchingParen(_ bytes: [UInt8], open: Int) -> Int? {
        var depth = 0
        var i = open
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return i }
            default: break
            }
            i += 1
        }
        return nil
    }

    /// Splits the bytes between parentheses at top-level commas, trimmed and whitespace-normalised.
    static func splitArguments(_ bytes: ArraySlice<UInt8>) -> [String] {
        var parts: [String] = []
        var depth = 0
        var current: [UInt8] = []
        for c in bytes {
            if c == UInt8(ascii: "(") || c == UInt8(ascii: "[") { depth += 1 }
            if c == UInt8(ascii: ")") || c == UInt8(ascii: "]") { depth -= 1 }
            if c == UInt8(ascii: ","), depth == 0 {
                parts.append(normaliseSpace(current))
                current = []
            } else {
                current.append(c)
            }
        }
        parts.append(normaliseSpace(current))
        return parts
    }

    /// Collapses whitespace runs to one space and trims.
    static func normaliseSpace(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The 1-based line number of a byte offset.
    static func lineNumber(_ bytes: [UInt8], _ offset: Int) -> Int {
        1 + bytes[0..<min(offset, bytes.count)].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    /// The first structural problem of a C text that would never compile, as (what, 1-based line), or nil:
    /// a NUL byte, an unterminated comment or literal, an unmatched bracket. Preprocessor lines are left out of
    /// the bracket count (a macro may legally open what another closes).
    static func structuralProblem(_ text: String) -> (problem: String, line: Int)? {
        let bytes = Array(text.utf8)
        let n = bytes.count
        var line = 1
        var stack: [(UInt8, Int)] = []
        var atLineStart = true
        var inDirective = false
        var i = 0
        while i < n {
            let c = bytes[i]
            if c == 0 { return ("a NUL byte", line) }
            if c == UInt8(ascii: "\n") {
                // A directive continues past a backslash-newline.
                if inDirective, i > 0, bytes[i - 1] != UInt8(ascii: "\\") { inDirective = false }
                line += 1
                atLineStart = true
                i += 1
                continue
            }
            if atLineStart, c == UInt8(ascii: "#") { inDirective = true }
            if !isSpace(c) { atLineStart = false }
            if c == UInt8(ascii: "/"), i + 1 < n, bytes[i + 1] == UInt8(ascii: "*") {
                let startLine = line
                var j = i + 2
                while j < n, !(bytes[j] == UInt8(ascii: "*") && j + 1 < n && bytes[j + 1] == UInt8(ascii: "/")) {
                    if bytes[j] == 0 { return ("a NUL byte", line) }
                    if bytes[j] == UInt8(ascii: "\n") { line += 1 }
                    j += 1
                }
                if j >= n { return ("an unterminated /* comment", startLine) }
                i = j + 2
                continue
            }
            if c == UInt8(ascii: "/"), i + 1 < n, bytes[i + 1] == UInt8(ascii: "/") {
                while i < n, bytes[i] != UInt8(ascii: "\n") {
                    if bytes[i] == 0 { return ("a NUL byte", line) }
                    i += 1
                }
                continue
            }
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                var j = i + 1
                while j < n, bytes[j] != c {
                    if bytes[j] == 0 { return ("a NUL byte", line) }
                    if bytes[j] == UInt8(ascii: "\\"), j + 1 < n {
                        if bytes[j + 1] == UInt8(ascii: "\n") { line += 1 }
                        j += 2
                        continue
                    }
                    if bytes[j] == UInt8(ascii: "\n") { break }
                    j += 1
                }
                if j >= n || bytes[j] != c {
                    return (c == UInt8(ascii: "'") ? "an unterminated character literal" : "an unterminated string literal", line)
                }
                i = j + 1
                continue
            }
            if !inDirective {
                switch c {
                case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                    stack.append((c, line))
                case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                    let open: UInt8 = c == UInt8(ascii: ")") ? UInt8(ascii: "(") : (c == UInt8(ascii: "]") ? UInt8(ascii: "[") : UInt8(ascii: "{"))
                    guard let top = stack.popLast() else { return ("an unmatched '\(Character(Unicode.Scalar(c)))'", line) }
                    if top.0 != open {
                        return ("a '\(Character(Unicode.Scalar(c)))' that closes the '\(Character(Unicode.Scalar(top.0)))' opened on line \(top.1)", line)
                    }
                default: break
                }
            }
            i += 1
        }
        if let top = stack.last { return ("an unclosed '\(Character(Unicode.Scalar(top.0)))'", top.1) }
        return nil
    }
}
