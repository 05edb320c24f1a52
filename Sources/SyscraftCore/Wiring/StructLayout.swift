/// What a struct a syscall takes holds, as far as the source or the tree's uapi headers tell: whether 32-bit callers
/// see another layout (a pointer, a long, time_t), for the compat advice.
public enum StructLayout {
    public enum Verdict: Sendable, Equatable {
        /// Only fixed-size fields: the same layout for 32- and 64-bit callers, no compat entry point needed.
        case fixed(where: String)
        /// A field whose size differs between 32- and 64-bit ABIs.
        case varies(field: String, where: String)
        /// No definition found (or a field syscraft cannot size): the question stays open.
        case unknown
    }

    /// Types whose size is the same on every ABI syscraft wires (x32 and compat included).
    static let fixedTypes: Set<String> = [
        "__u8", "__s8", "__u16", "__s16", "__u32", "__s32", "__u64", "__s64", "u8", "s8", "u16", "s16", "u32", "s32", "u64", "s64",
        "__aligned_u64", "__le16", "__le32", "__le64", "__be16", "__be32", "__be64", "char", "int", "unsigned", "short",
        "uint8_t", "uint16_t", "uint32_t", "uint64_t", "int8_t", "int16_t", "int32_t", "int64_t", "__kernel_time64_t",
        "long long", "unsigned long long", "unsigned int", "unsigned char", "unsigned short", "signed char", "__kernel_uid32_t",
        "__kernel_gid32_t", "__kernel_pid_t", "__kernel_mode_t", "__kernel_key_t", "__kernel_daddr_t",
    ]
    /// Types whose size is the ABI's word.
    static let wordTypes: Set<String> = [
        "long", "unsigned long", "size_t", "ssize_t", "time_t", "off_t", "clock_t", "ptrdiff_t", "uintptr_t", "intptr_t",
        "__kernel_long_t", "__kernel_ulong_t", "__kernel_size_t", "__kernel_ssize_t", "__kernel_time_t", "__kernel_old_time_t",
        "__kernel_off_t", "__kernel_clock_t", "__kernel_suseconds_t", "long int", "unsigned long int",
    ]
    /// Structs known to have one layout on every ABI (the y2038-safe time types).
    static let fixedStructs: Set<String> = ["__kernel_timespec", "__kernel_itimerspec", "__kernel_sock_timeval", "__kernel_old_timeval"]

    /// Judges `struct name` from its definition in `source` or the tree's uapi headers.
    public static func judge(_ name: String, source: String, tree: some TreeReader) -> Verdict {
        if fixedStructs.contains(name) { return .fixed(where: "the kernel's 64-bit time type") }
        if let body = definition(of: name, in: source) { return judge(body: body, where: "the source") }
        let top = ["include/uapi/linux", "include/uapi/asm-generic", "include/linux"]
        // One level of subdirectories too (include/uapi/linux/sched/types.h holds struct sched_attr).
        let dirs = top + tree.list("include/uapi/linux").filter { !$0.contains(".") }.map { "include/uapi/linux/\($0)" }
        for dir in dirs {
            for file in tree.list(dir) where file.hasSuffix(".h") {
                let path = "\(dir)/\(file)"
                guard let text = tree.read(path), text.contains("struct \(name) {") || text.contains("struct \(name)\n{") else { continue }
                if let body = definition(of: name, in: text) { return judge(body: body, where: path) }
            }
        }
        return .unknown
    }

    /// The text between the braces of `struct name { ... };`.
    static func definition(of name: String, in text: String) -> String? {
        for opener in ["struct \(name) {", "struct \(name)\n{"] {
            guard let start = text.firstRange(of: opener) else { continue }
            var depth = 1
            var i = start.upperBound
            while i < text.endIndex {
                if text[i] == "{" { depth += 1 }
                if text[i] == "}" {
                    depth -= 1
                    if depth == 0 { return String(text[start.upperBound..<i]) }
                }
                i = text.index(after: i)
            }
        }
        return nil
    }

    static func judge(body: String, where location: String) -> Verdict {
        var cleaned = ""
        var rest = Substring(body)
        // Comments out.
        while let open = rest.firstRange(of: "/*") {
            cleaned += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstRange(of: "*/") else { rest = ""; break }
            rest = rest[close.upperBound...]
        }
        cleaned += rest
        for raw in cleaned.split(separator: ";") {
            let field = raw.split(whereSeparator: { $0 == "\n" }).map { $0.split(separator: "/").first.map(String.init) ?? "" }.joined(separator: " ")
            var words = field.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard !words.isEmpty else { continue }
            let text = words.joined(separator: " ")
            if text.contains("*") { return .varies(field: text, where: location) }
            if words.first == "struct" || words.first == "union" {
                if words.count > 1, fixedStructs.contains(words[1]) { continue }
                return .unknown
            }
            // One declarator is enough for the type ("__u64 a, b"); attributes ("__counted_by(len)") are no part of it.
            words = (text.split(separator: ",").first.map(String.init) ?? text).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            words = words.filter { !["const", "volatile", "__user", "__packed"].contains($0) && !$0.contains("(") }
            // The declarator is the last word (arrays and bit-fields stripped): the rest is the type.
            let type = words.dropLast().joined(separator: " ")
            if type.isEmpty { continue }
            if wordTypes.contains(type) { return .varies(field: text, where: location) }
            if !fixedTypes.contains(type) { return .unknown }
        }
        return .fixed(where: location)
    }
}
