/// Parses the user's SOURCE.c: exactly one system call definition, in either kernel form.
///
/// Accepted: `SYSCALL_DEFINEn(name, type, arg, ...)` with n in 0...6, or the classic
/// `asmlinkage long sys_name(type arg, ...)` with a body. A `COMPAT_SYSCALL_DEFINEn(name, ...)`
/// for the same name is recorded. Comments, string literals and multi-line argument lists are handled.
public enum SyscallSourceParser {
    /// The longest system call name accepted (table columns and symbol names stay readable).
    public static let maximumNameLength = 50

    /// Parses a source text into a ``SyscallSource``.
    /// - Parameter text: The whole C source file.
    /// - Returns: The syscall's name, parameters, form and the original text.
    /// - Throws: `SyscraftError.badInput` when there is not exactly one valid definition.
    public static func parse(_ original: String) throws(SyscraftError) -> SyscallSource {
        // A file saved with DOS line endings goes into the tree the way every kernel file is: LF only.
        let text = normaliseLineEndings(original)
        let definition = try findDefinition(text)
        // The definition's own problems are named above; what is left is C that could never compile.
        if let (problem, line) = CScanner.structuralProblem(text) {
            throw SyscraftError(
                .badInput, "the source has \(problem) at line \(line), so it would not compile",
                hint: "fix the C at that line (syscraft copies the source into the tree as it is)")
        }
        var source = SyscallSource(
            name: definition.name, parameters: definition.parameters, form: definition.form, text: text)
        if let compat = try findCompatDefinition(text, expecting: definition.name) {
            source.hasCompatDefinition = true
            source.compatParameters = compat.parameters
        }
        return source
    }

    /// Checks a syscall name: a C identifier, not a keyword or reserved identifier, not too long.
    /// - Throws: `SyscraftError.badInput` naming the problem.
    public static func validateName(_ name: String) throws(SyscraftError) {
        guard CScanner.isIdentifier(name) else {
            throw SyscraftError(
                .badInput, "'\(name)' is not a valid C identifier",
                hint: "use letters, digits and underscores, starting with a letter (e.g. kstacksize)")
        }
        guard name.utf8.count <= maximumNameLength else {
            throw SyscraftError(
                .badInput, "syscall name '\(name)' is \(name.utf8.count) characters long",
                hint: "use a name of at most \(maximumNameLength) characters")
        }
        if name.contains(where: { $0.isUppercase }) {
            throw SyscraftError(
                .badInput, "syscall name '\(name)' has upper-case letters",
                hint: "system calls are named in lower case: use '\(name.lowercased())'")
        }
        for prefix in ["sys_", "compat_", "__x64_", "__ia32_", "__x32_", "__arm64_", "__riscv_", "__s390_", "__se_", "__do_"]
        where name.hasPrefix(prefix) {
            throw SyscraftError(
                .badInput, "syscall name '\(name)' starts with '\(prefix)', which the kernel adds to entry-point symbols",
                hint: "name the call without it, e.g. SYSCALL_DEFINE0(\(name.dropFirst(prefix.count).isEmpty ? "kstacksize" : String(name.dropFirst(prefix.count))))")
        }
        if cKeywords.contains(name) || name.hasPrefix("_") || reservedNames.contains(name) {
            throw SyscraftError(
                .badInput, "'\(name)' is reserved and cannot name a system call",
                hint: "pick another name that starts with a letter and is not a C keyword")
        }
    }

    /// CRLF to LF (the bytes, not Swift's grapheme view, in which "\r\n" is one character).
    static func normaliseLineEndings(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "\r")) else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for (i, b) in bytes.enumerated() where !(b == UInt8(ascii: "\r") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n")) {
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Definition search

    /// Where the definition sits in the text, for rewriting it into the other form.
    struct Definition {
        var name: String
        var parameters: [SyscallParameter]
        var form: SyscallSource.Form
        /// Byte range of the header, from the macro or `asmlinkage` to the closing parenthesis.
        var headerRange: Range<Int>
    }

    static func findDefinition(_ text: String) throws(SyscraftError) -> Definition {
        guard !text.allSatisfy(\.isWhitespace) else {
            throw SyscraftError(
                .badInput, "the source is empty",
                hint: "write one SYSCALL_DEFINEn(name, ...) { ... } definition in the file")
        }
        let bytes = CScanner.maskedBytes(text)
        var found: [Definition] = []
        for start in macroOccurrences(prefix: "SYSCALL_DEFINE", in: bytes) {
            found.append(try parseMacro(bytes, at: start, compat: false))
        }
        for start in CScanner.wordOccurrences(of: "asmlinkage", in: bytes) {
            if let def = try parseAsmlinkage(bytes, at: start) { found.append(def) }
        }
        guard let first = found.first else {
            throw SyscraftError(
                .badInput, "no system call definition found",
                hint: "define it as SYSCALL_DEFINEn(name, type, arg, ...) { ... } (or asmlinkage long sys_name(...) { ... })")
        }
        guard found.count == 1 else {
            let names = found.map(\.name).joined(separator: ", ")
            throw SyscraftError(
                .badInput, "the source defines \(found.count) system calls (\(names))",
                hint: "put exactly one system call in each source file")
        }
        return first
    }

    /// The `COMPAT_SYSCALL_DEFINEn(name, ...)` for `name`, if the source has one.
    static func findCompatDefinition(_ text: String, expecting name: String) throws(SyscraftError) -> Definition? {
        let bytes = CScanner.maskedBytes(text)
        let starts = macroOccurrences(prefix: "COMPAT_SYSCALL_DEFINE", in: bytes)
        guard let start = starts.first else { return nil }
        guard starts.count == 1 else {
            throw SyscraftError(
                .badInput, "the source has \(starts.count) COMPAT_SYSCALL_DEFINE definitions",
                hint: "keep one COMPAT_SYSCALL_DEFINEn(\(name), ...) for the one system call")
        }
        let def = try parseMacro(bytes, at: start, compat: true)
        guard def.name == name else {
            throw SyscraftError(
                .badInput, "COMPAT_SYSCALL_DEFINE names '\(def.name)' but the system call is '\(name)'",
                hint: "write COMPAT_SYSCALL_DEFINEn(\(name), ...)")
        }
        return def
    }

    /// Offsets of `PREFIXn(` where PREFIX is a whole word.
    private static func macroOccurrences(prefix: String, in bytes: [UInt8]) -> [Int] {
        CScanner.wordOccurrences(of: prefix, in: bytes).filter { start in
            let after = start + prefix.utf8.count
            return after < bytes.count && bytes[after] >= UInt8(ascii: "0") && bytes[after] <= UInt8(ascii: "9")
        }
    }

    private static func parseMacro(_ bytes: [UInt8], at start: Int, compat: Bool) throws(SyscraftError) -> Definition {
        let macro = compat ? "COMPAT_SYSCALL_DEFINE" : "SYSCALL_DEFINE"
        let line = CScanner.lineNumber(bytes, start)
        var i = start + macro.utf8.count
        var digits = ""
        while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
            digits.append(Character(UnicodeScalar(bytes[i])))
            i += 1
        }
        let arity = Int(digits) ?? -1
        i = CScanner.skipSpace(bytes, i)
        guard i < bytes.count, bytes[i] == UInt8(ascii: "("), let close = CScanner.matchingParen(bytes, open: i) else {
            throw SyscraftError(
                .badInput, "line \(line): \(macro)\(digits) is not followed by a complete (...) argument list",
                hint: "write \(macro)\(digits)(name, type, arg, ...)")
        }
        let args = CScanner.splitArguments(bytes[(i + 1)..<close])
        guard arity >= 0, arity <= 6 else {
            throw SyscraftError(
                .badInput, "line \(line): \(macro)\(digits) takes \(digits) arguments; system calls take at most 6",
                hint: "pass the extra values in a struct through a user pointer")
        }
        let name = args.first ?? ""
        try validateName(name)
        let rest = Array(args.dropFirst()).filter { !$0.isEmpty || arity > 0 }
        guard rest.count == 2 * arity else {
            throw SyscraftError(
                .badInput,
                "line \(line): \(macro)\(arity)(\(name), ...) has \(rest.count) type/name items, expected \(2 * arity)",
                hint: "give one 'type, name' pair per argument and make n in \(macro)n the number of pairs")
        }
        var parameters: [SyscallParameter] = []
        for k in 0..<arity {
            parameters.append(try makeParameter(type: rest[2 * k], name: rest[2 * k + 1], line: line))
        }
        try checkDistinct(parameters, line: line)
        let body = CScanner.skipSpace(bytes, close + 1)
        guard body < bytes.count, bytes[body] == UInt8(ascii: "{") else {
            throw SyscraftError(
                .badInput, "line \(line): \(macro)\(arity)(\(name), ...) has no body",
                hint: "follow the macro with the function body { ... }")
        }
        return Definition(name: name, parameters: parameters, form: .syscallDefine, headerRange: start..<(close + 1))
    }

    /// `asmlinkage long sys_name(...) {` — nil for prototypes and other asmlinkage functions.
    private static func parseAsmlinkage(_ bytes: [UInt8], at start: Int) throws(SyscraftError) -> Definition? {
        var i = CScanner.skipSpace(bytes, start + "asmlinkage".utf8.count)
        let (type, afterType) = CScanner.identifier(bytes, at: i)
        guard type == "long" else { return nil }
        i = CScanner.skipSpace(bytes, afterType)
        let (symbol, afterSymbol) = CScanner.identifier(bytes, at: i)
        guard symbol.hasPrefix("sys_") else { return nil }
        i = CScanner.skipSpace(bytes, afterSymbol)
        guard i < bytes.count, bytes[i] == UInt8(ascii: "("), let close = CScanner.matchingParen(bytes, open: i) else {
            return nil
        }
        let after = CScanner.skipSpace(bytes, close + 1)
        guard after < bytes.count, bytes[after] == UInt8(ascii: "{") else { return nil }  // a prototype
        let line = CScanner.lineNumber(bytes, start)
        let name = String(symbol.dropFirst(4))
        try validateName(name)
        var items = CScanner.splitArguments(bytes[(i + 1)..<close])
        if items == ["void"] || items == [""] { items = [] }
        guard items.count <= 6 else {
            throw SyscraftError(
                .badInput, "line \(line): sys_\(name) takes \(items.count) arguments; system calls take at most 6",
                hint: "pass the extra values in a struct through a user pointer")
        }
        var parameters: [SyscallParameter] = []
        for item in items {
            let (type, argName) = splitDeclaration(item)
            parameters.append(try makeParameter(type: type, name: argName, line: line))
        }
        try checkDistinct(parameters, line: line)
        return Definition(name: name, parameters: parameters, form: .asmlinkage, headerRange: start..<(close + 1))
    }

    // MARK: - Parameters

    /// Splits "const char __user *buf" into ("const char __user *", "buf").
    private static func splitDeclaration(_ item: String) -> (String, String) {
        let u = Array(item.utf8)
        var end = u.count
        while end > 0, CScanner.isIdentifierChar(u[end - 1]) { end -= 1 }
        return (String(decoding: u[0..<end], as: UTF8.self), String(decoding: u[end...], as: UTF8.self))
    }

    private static func makeParameter(type rawType: String, name: String, line: Int) throws(SyscraftError) -> SyscallParameter {
        let type = normaliseType(rawType)
        guard CScanner.isIdentifier(name), !cKeywords.contains(name) else {
            throw SyscraftError(
                .badInput, "line \(line): argument name '\(name)' is not a valid C identifier",
                hint: "write each argument as 'type, name' (e.g. 'const char __user *, buf')")
        }
        let tokens = type.split(whereSeparator: { $0 == " " || $0 == "*" }).map(String.init)
        guard !tokens.isEmpty, tokens.allSatisfy({ CScanner.isIdentifier($0) }), tokens.last != "const" || tokens.count > 1,
            type != "void"
        else {
            throw SyscraftError(
                .badInput, "line \(line): argument '\(name)' has an invalid type '\(rawType)'",
                hint: "use a plain C type such as 'unsigned int', 'size_t', 'loff_t' or 'struct foo __user *'")
        }
        return SyscallParameter(type: type, name: name)
    }

    /// Whitespace collapsed, pointer stars attached as the kernel writes them: "char __user *", "char **",
    /// and a qualifier bound to the star: "const char __user *const __user *" (as sys_execve's argv).
    static func normaliseType(_ raw: String) -> String {
        var out = ""
        let chars = Array(raw)
        for (i, ch) in chars.enumerated() {
            if ch == "*" {
                while out.hasSuffix(" ") { out.removeLast() }
                if !out.isEmpty, !out.hasSuffix("*") { out += " " }
                out.append("*")
            } else if ch.isWhitespace {
                // After a star the next word decides (a qualifier binds to it).
                if !out.isEmpty, !out.hasSuffix(" "), !out.hasSuffix("*") { out += " " }
            } else {
                if out.hasSuffix("*") {
                    let word = String(chars[i...].prefix { $0.isLetter || $0.isNumber || $0 == "_" })
                    if word != "const" && word != "volatile" { out += " " }
                }
                out.append(ch)
            }
        }
        while out.hasSuffix(" ") { out.removeLast() }
        return out
    }

    private static func checkDistinct(_ parameters: [SyscallParameter], line: Int) throws(SyscraftError) {
        var seen = Set<String>()
        for p in parameters where !seen.insert(p.name).inserted {
            throw SyscraftError(
                .badInput, "line \(line): argument name '\(p.name)' is used twice", hint: "give each argument its own name")
        }
    }

    // MARK: - Reserved words

    static let cKeywords: Set<String> = [
        "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
        "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed",
        "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while", "bool",
        "true", "false", "asm", "typeof",
    ]

    /// Names the kernel's syscall machinery already uses for itself.
    static let reservedNames: Set<String> = ["ni_syscall", "syscall", "syscalls", "call", "compat", "NR_syscalls"]
}
