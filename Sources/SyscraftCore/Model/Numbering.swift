/// Small rules about names and numbers that several commands need, kept once.
public enum Numbering {
    /// The number to show for a syscall when one is asked for (a commit message, a selftest, `add`'s summary): the
    /// x86_64 number, else arm64's (the generic table), else the lowest.
    public static func primary(_ numbers: [String: Int]) -> Int? {
        numbers["x86_64"] ?? numbers["arm64"] ?? numbers.values.min()
    }

    /// A Kconfig symbol without its `CONFIG_` prefix (`CONFIG_KUPTIME_SYSCALL` and `KUPTIME_SYSCALL` are one option).
    public static func kconfigName(_ text: String) -> String {
        text.hasPrefix("CONFIG_") ? String(text.dropFirst("CONFIG_".count)) : text
    }
}
