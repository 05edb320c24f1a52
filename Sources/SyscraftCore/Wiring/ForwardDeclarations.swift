/// The forward declarations at the top of include/linux/syscalls.h (`struct cachestat;`, `union bpf_attr;`).
/// A prototype that mentions a struct declared nowhere before it gives the struct prototype scope; on arches
/// without syscall wrappers the definition then conflicts with the declaration ("conflicting types"). Upstream
/// adds a forward declaration with each such syscall (cachestat, statmount, lsm_get_self_attr, ...); so does syscraft.
public enum ForwardDeclarations {
    /// The `struct X` / `union X` tags a text mentions, in order, once each.
    public static func tags(in text: String) -> [String] {
        // Identifiers in order: a tag is the keyword followed by the next identifier.
        var words: [Substring] = []
        var i = text.startIndex
        while i < text.endIndex {
            if text[i].isLetter || text[i] == "_" {
                let start = i
                while i < text.endIndex, text[i].isLetter || text[i].isNumber || text[i] == "_" { i = text.index(after: i) }
                words.append(text[start..<i])
            } else {
                i = text.index(after: i)
            }
        }
        var found: [String] = []
        for (k, word) in words.enumerated() where (word == "struct" || word == "union") && k + 1 < words.count {
            let tag = "\(word) \(words[k + 1])"
            if !found.contains(tag) { found.append(tag) }
        }
        return found
    }

    /// The tag a line declares (`struct kinfo;` → "struct kinfo"), or nil.
    public static func declared(by line: String) -> String? {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.count == 2, ["struct", "union", "enum"].contains(words[0]), words[1].hasSuffix(";") else { return nil }
        let name = words[1].dropLast()
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        return "\(words[0]) \(name)"
    }

    /// The index after the last declaration of the block before the first `#include`, or nil when there is none.
    static func blockEnd(_ lines: [String]) -> Int? {
        let limit = lines.firstIndex { $0.hasPrefix("#include") } ?? lines.count
        guard let last = lines[..<limit].lastIndex(where: { declared(by: $0) != nil }) else { return nil }
        return last + 1
    }

    /// True when a line other than a declaration mentions `tag` (as a whole word).
    static func isUsed(_ tag: String, in lines: [String]) -> Bool {
        lines.contains { declared(by: $0) == nil && tags(in: $0).contains(tag) }
    }

    /// The lines to add for `prototype` (those of its tags the header neither declares nor defines), and where.
    static func missing(for prototype: String, in lines: [String]) -> (at: Int, lines: [String])? {
        guard let at = blockEnd(lines) else { return nil }
        let declared = Set(lines.compactMap(declared(by:)))
        let new = tags(in: prototype).filter { tag in
            !declared.contains(tag) && !lines.contains { $0.hasPrefix(tag + " {") || $0 == tag + " {" }
        }
        return new.isEmpty ? nil : (at, new.map { $0 + ";" })
    }
}
