/// A kernel `.config` or config fragment: `CONFIG_X=value` and `# CONFIG_X is not set` lines.
public struct KernelConfig: Sendable, Equatable {
    /// Option name (without CONFIG_) to value ("y", "m", "n", a number or a quoted string).
    public var values: [String: String]
    /// Names in the order they appeared.
    public var order: [String]

    public init(values: [String: String] = [:], order: [String] = []) {
        self.values = values
        self.order = order
    }

    public static func parse(_ text: String) -> KernelConfig {
        var config = KernelConfig()
        for raw in text.byteLines() where !raw.isEmpty {
            let line = raw.trimmed(" \t\r")
            if line.hasPrefix("# CONFIG_"), line.hasSuffix(" is not set") {
                let name = String(line.dropFirst(9).dropLast(11))
                if isName(name) { config.set(name, "n") }
            } else if line.hasPrefix("CONFIG_"), let eq = line.firstIndex(of: "=") {
                let name = String(line[line.index(line.startIndex, offsetBy: 7)..<eq])
                if isName(name) { config.set(name, String(line[line.index(after: eq)...])) }
            }
        }
        return config
    }

    static func isName(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" }
    }

    public mutating func set(_ name: String, _ value: String) {
        if values[name] == nil { order.append(name) }
        values[name] = value
    }

    public func value(_ name: String) -> String { values[name] ?? "n" }
    public func isEnabled(_ name: String) -> Bool { let v = value(name); return v == "y" || v == "m" }

    /// Rendered as fragment lines.
    public var text: String {
        order.map { name in
            let v = values[name] ?? "n"
            return v == "n" ? "# CONFIG_\(name) is not set" : "CONFIG_\(name)=\(v)"
        }.joined(separator: "\n") + "\n"
    }

    /// Requested options whose value did not survive `olddefconfig`, as (name, wanted, got).
    public func dropped(in actual: KernelConfig) -> [(name: String, wanted: String, got: String)] {
        order.compactMap { name in
            let wanted = values[name] ?? "n"
            let got = actual.value(name)
            return wanted == got ? nil : (name, wanted, got)
        }
    }
}

/// A small Kconfig reader: for each `config NAME`, the conditions it depends on
/// (`depends on` lines plus enclosing `if`/`menu ... depends on` blocks). Enough to explain why olddefconfig dropped an option.
public enum KconfigIndex {
    public static func dependencies(in text: String, into index: inout [String: [String]]) {
        var ifStack: [String] = []
        var current: String?
        // Help text is prose (a line of it may start with "if " or "depends on "): it is every line indented deeper
        // than its `help` keyword, and ends at the first non-empty line that is not.
        var helpIndent: Int?
        func indentation(_ line: Substring) -> Int {
            var width = 0
            for c in line {
                if c == " " { width += 1 } else if c == "\t" { width = (width / 8 + 1) * 8 } else { break }
            }
            return width
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmed(" \t\r")
            if let indent = helpIndent {
                if line.isEmpty || indentation(raw) > indent { continue }
                helpIndent = nil
            }
            if line == "help" || line == "---help---" {
                helpIndent = indentation(raw)
                continue
            }
            if line.hasPrefix("config ") || line.hasPrefix("menuconfig ") {
                let name = line.split(separator: " ", maxSplits: 1).last.map(String.init) ?? ""
                current = name.trimmed(" \t")
                if let c = current { index[c, default: []] += ifStack }
            } else if line.hasPrefix("if ") {
                ifStack.append(String(line.dropFirst(3)).trimmed(" \t"))
                current = nil
            } else if line == "endif" || line.hasPrefix("endif ") || line.hasPrefix("endif\t") {
                if !ifStack.isEmpty { ifStack.removeLast() }
                current = nil
            } else if line.hasPrefix("depends on "), let c = current {
                index[c, default: []].append(String(line.dropFirst(11)).trimmed(" \t"))
            } else if line.hasPrefix("choice") || line.hasPrefix("menu ") || line.hasPrefix("endmenu") || line.hasPrefix("comment ") || line.hasPrefix("source ") {
                current = nil
            }
        }
    }

    /// A sentence explaining why `name` is not set: the dependency expressions whose symbols are off in `config`.
    public static func explain(_ name: String, wanted: String, got: String, index: [String: [String]], config: KernelConfig) -> String {
        let deps = index[name] ?? []
        let unmet = deps.filter { expr in
            // A dependency is unmet when it names a symbol that is off (ignores operators: good enough for a hint).
            let symbols = expr.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(String.init).filter { $0.first?.isUppercase == true || $0.first == "_" }
            if symbols.isEmpty { return false }
            if expr.contains("!") || expr.contains("||") { return symbols.allSatisfy { !config.isEnabled($0) } && !expr.contains("!") }
            return symbols.contains { !config.isEnabled($0) }
        }
        let what = "CONFIG_\(name)=\(wanted) was dropped by olddefconfig (now \(got == "n" ? "not set" : got))"
        if deps.isEmpty && index[name] == nil { return "\(what): no such option in this tree's Kconfig (is it spelled right for this arch?)" }
        if unmet.isEmpty { return "\(what): a choice or select overrode it" }
        return "\(what): it depends on \(unmet.joined(separator: " && ")), which is not set; add that to the config"
    }
}
