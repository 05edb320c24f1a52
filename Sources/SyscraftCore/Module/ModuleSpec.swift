/// `--module DIR[:param=value,...]`: an out-of-tree module's directory and the parameters insmod gives it.
public struct ModuleSpec: Sendable, Equatable {
    public var directory: String
    /// `name=value` words, in the order given.
    public var parameters: [String]

    /// Options the module needs in its kernel (its directory's `kconfig` file, `CONFIG_NAME=value` lines), read by
    /// the caller: the kernel is then built with them, in a build directory of its own.
    public var kconfig: [String: String] = [:]

    public init(directory: String, parameters: [String] = []) {
        self.directory = directory
        self.parameters = parameters
    }

    /// The file in a module's directory that lists the kernel options it needs.
    public static let kconfigFile = "kconfig"

    /// The options of several modules together (a later module's value wins).
    public static func kernelOptions(_ specs: [ModuleSpec]) -> [String: String] {
        specs.reduce(into: [:]) { all, spec in all.merge(spec.kconfig) { $1 } }
    }

    /// Parses `DIR` or `DIR:a=1,b=x`. A parameter must be `name=value` with a C identifier as its name.
    public static func parse(_ text: String) throws(SyscraftError) -> ModuleSpec {
        guard !text.isEmpty else {
            throw SyscraftError(.badInput, "--module needs a directory", hint: "pass --module DIR (a directory with a Kbuild or Makefile naming obj-m)")
        }
        // The last colon that is followed by name=value words separates the parameters (a directory may hold colons).
        if let colon = text.lastIndex(of: ":") {
            let dir = String(text[..<colon]), rest = String(text[text.index(after: colon)...])
            // A comma starts a new parameter only before `name=`: `arr=1,2,3` is one (module_param_array) parameter.
            var words: [String] = []
            for piece in rest.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
                if let last = words.last, !piece.contains("=") || !Self.isParameterName(piece.prefix { $0 != "=" }) {
                    words[words.count - 1] = last + "," + piece
                } else {
                    words.append(piece)
                }
            }
            if !dir.isEmpty, words.allSatisfy({ $0.contains("=") }) {
                for word in words {
                    guard Self.isParameterName(word.prefix { $0 != "=" }) else {
                        throw SyscraftError(.badInput, "--module \(text): '\(word)' is not a module parameter (name=value)",
                                            hint: "write --module DIR:name=value,name2=value2")
                    }
                }
                return ModuleSpec(directory: dir, parameters: words)
            }
        }
        return ModuleSpec(directory: text)
    }

    static func isParameterName(_ name: Substring) -> Bool {
        guard let first = name.first, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }
}

/// What the guest's kernel log says went wrong: the lines the kernel prints for a bug, an oops, a warning, a leak
/// or a corrupted list, each with the lines of its report that follow (the call trace), as `dmesg` shows them.
public enum KernelLog {
    /// The start of a report, as the message starts (after its timestamp): what `BUG:`, `WARN()`, an oops, the list
    /// and refcount checks print; kmemleak's report (not its other lines).
    public static let markers = [
        "BUG:", "Oops:", "WARNING:", "general protection fault", "Kernel panic", "list_del corruption", "list_add corruption",
        "refcount_t:", "UBSAN:", "Unable to handle kernel", "kmemleak: ",
    ]

    /// What the module test writes to the kernel log before its first insmod: only what follows it is judged.
    public static let mark = "syscraft-modules-loading"

    static func isReportStart(_ line: String) -> Bool {
        markers.contains { marker in
            marker == "kmemleak: " ? line.hasPrefix(marker) && line.contains("suspected memory leak") : line.hasPrefix(marker)
        }
    }

    /// The lines after the module test's mark (all of them when there is none).
    public static func sinceMark(_ lines: [String]) -> ArraySlice<String> {
        guard let i = lines.lastIndex(where: { stripStamp($0) == mark }) else { return lines[...] }
        return lines[(i + 1)...]
    }

    /// One report: its first line and up to `context` lines after it (its registers and call trace).
    public struct Problem: Sendable, Equatable {
        public var line: String
        public var report: [String]
    }

    /// The problems in `lines` (a printk timestamp `[    1.234] ` is removed first).
    public static func problems(in lines: [String], context: Int = 16) -> [Problem] {
        let text = lines.map(stripStamp)
        var found: [Problem] = []
        var i = 0
        while i < text.count {
            if isReportStart(text[i]) {
                let end = min(text.count, i + 1 + context)
                // The report ends where the next one starts, or at its end marker.
                var report: [String] = []
                for j in (i + 1)..<end {
                    if isReportStart(text[j]) { break }
                    report.append(text[j])
                    if text[j].contains("---[ end trace") { break }
                }
                found.append(Problem(line: text[i], report: report))
                i += 1 + report.count
                continue
            }
            i += 1
        }
        return found
    }

    public static func stripStamp(_ line: String) -> String { String(stripStamp(Substring(line))) }

    /// The message without its printk timestamp (`[    1.234] `). printk puts exactly one space after the stamp; more
    /// is the line's own indentation. The guest output parser strips it the same way.
    public static func stripStamp(_ line: Substring) -> Substring {
        guard line.hasPrefix("["), let close = line.firstIndex(of: "]") else { return line }
        let stamp = line[line.index(after: line.startIndex)..<close].trimmed(" ")
        guard !stamp.isEmpty, stamp.allSatisfy({ $0.isNumber || $0 == "." }) else { return line }
        var rest = line[line.index(after: close)...]
        if rest.first == " " { rest = rest.dropFirst() }
        return rest
    }
}
