import SyscraftCore

/// `--kconfig NAME=VALUE`: config options forced for one build, e.g. to build a config-gated syscall out.
public enum ConfigOverrides {
    /// Parses `--kconfig NAME=VALUE` items (NAME with or without `CONFIG_`; VALUE y, n, m, a number or a quoted string).
    public static func parse(_ items: [String]) throws(SyscraftError) -> [String: String] {
        var result: [String: String] = [:]
        for item in items {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            let hint = "write --kconfig NAME=y or --kconfig NAME=n (e.g. --kconfig KUPTIME_SYSCALL=n)"
            guard parts.count == 2, !parts[1].isEmpty, !parts[1].contains("\n") else {
                throw SyscraftError(.badInput, "'\(item)' is not NAME=VALUE", hint: hint)
            }
            let name = Numbering.kconfigName(parts[0])
            guard let first = name.first, first.isLetter,
                name.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") })
            else { throw SyscraftError(.badInput, "'\(parts[0])' is not a Kconfig option name", hint: hint) }
            result[name] = parts[1]
        }
        return result
    }
}
