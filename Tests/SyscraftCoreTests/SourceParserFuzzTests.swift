import Foundation
import Testing

@testable import SyscraftCore

/// Random edits of a text: deletions, insertions of C punctuation, duplicated spans.
func mutate(_ text: String, using rng: inout SplitMix64, edits: Int) -> String {
    var chars = Array(text)
    let pieces = ["(", ")", ",", "*", "/*", "*/", "//", "\"", "'", "\n", "\t", " ", "{", "}", "SYSCALL_DEFINE", "7", "__user",
                  "asmlinkage long sys_", "COMPAT_SYSCALL_DEFINE1(", "é", "\0"]
    for _ in 0..<edits {
        guard !chars.isEmpty else { chars = Array(pieces.randomElement(using: &rng) ?? ""); continue }
        let at = Int.random(in: 0..<chars.count, using: &rng)
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: chars.remove(at: at)
        case 1: chars.insert(contentsOf: Array(pieces.randomElement(using: &rng) ?? ""), at: at)
        default:
            let end = min(chars.count, at + Int.random(in: 1...12, using: &rng))
            chars.insert(contentsOf: Array(chars[at..<end]), at: at)
        }
    }
    return String(chars)
}

@Suite struct SourceParserFuzzTests {
    static let seeds = [
        kstacksizeSource,
        "SYSCALL_DEFINE3(rd, unsigned int, fd, char __user *, buf, size_t, count)\n{\n\treturn 0;\n}\n",
        "asmlinkage long sys_hello(const struct foo __user *p, loff_t off)\n{\n\treturn 0;\n}\n",
    ]

    /// 3,000 mutated sources: the parser returns a valid syscall or throws a SyscraftError; it never crashes.
    @Test func mutatedSourcesNeverCrash() {
        var rng = SplitMix64(seed: 42)
        var parsed = 0, refused = 0
        for i in 0..<3000 {
            let input = mutate(Self.seeds[i % Self.seeds.count], using: &rng, edits: 1 + i % 6)
            do {
                let s = try SyscallSourceParser.parse(input)
                #expect(CScanner.isIdentifier(s.name))
                #expect(s.parameters.count <= 6)
                #expect(s.prototype.hasPrefix("asmlinkage long sys_\(s.name)("))
                parsed += 1
            } catch {
                #expect(!error.message.isEmpty && !(error.hint ?? "").isEmpty)
                refused += 1
            }
        }
        #expect(parsed + refused == 3000)
        #expect(parsed > 0 && refused > 0)
    }

    /// 1,000 well-formed sources (the examples and seeds) with one bracket outside comments, literals and
    /// directives deleted: every one is refused (C that could never compile never reaches the tree).
    @Test func deletingAnyCodeBracketIsRefused() throws {
        var rng = SplitMix64(seed: 2026)
        let root = #filePath.components(separatedBy: "/Tests/").first ?? "."
        let examples = ["kstacksize", "kinfo", "kstrlen", "kuptime"].compactMap { name in
            try? String(contentsOfFile: "\(root)/examples/\(name)/\(name).c", encoding: .utf8)
        }
        let sources = Self.seeds + examples
        #expect(sources.count == Self.seeds.count + 4)
        var tried = 0
        for i in 0..<1000 {
            let text = sources[i % sources.count]
            let masked = CScanner.maskedBytes(text)
            var directive = false, lineStart = true
            var positions: [Int] = []
            for (k, b) in masked.enumerated() {
                if b == UInt8(ascii: "\n") {
                    if k == 0 || masked[k - 1] != UInt8(ascii: "\\") { directive = false }
                    lineStart = true
                    continue
                }
                if lineStart, b == UInt8(ascii: "#") { directive = true }
                if !CScanner.isSpace(b) { lineStart = false }
                if !directive, "(){}[]".utf8.contains(b) { positions.append(k) }
            }
            guard let at = positions.randomElement(using: &rng) else { continue }
            var bytes = Array(text.utf8)
            bytes.remove(at: at)
            #expect(throws: SyscraftError.self, "deleting byte \(at) of source \(i % sources.count)") {
                _ = try SyscallSourceParser.parse(String(decoding: bytes, as: UTF8.self))
            }
            tried += 1
        }
        #expect(tried == 1000)
    }

    /// Random well-formed definitions of 0...6 arguments round-trip through the parser.
    @Test func generatedDefinitionsParse() throws {
        var rng = SplitMix64(seed: 7)
        let types = ["int", "unsigned int", "unsigned long", "size_t", "loff_t", "const char __user *", "struct foo __user *",
                     "u32", "void __user *", "int __user *"]
        for _ in 0..<500 {
            let n = Int.random(in: 0...6, using: &rng)
            let params = (0..<n).map { SyscallParameter(type: types.randomElement(using: &rng) ?? "int", name: "a\($0)") }
            let args = params.map { ", \($0.type),\n\t\t\($0.name)" }.joined()
            let s = try SyscallSourceParser.parse("/* x */\nSYSCALL_DEFINE\(n)(gen\(n)\(args))\n{\n\treturn 0;\n}\n")
            #expect(s.parameters == params)
        }
    }
}
