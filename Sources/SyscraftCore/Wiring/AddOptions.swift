/// Choices for `syscraft add`.
public struct AddOptions: Sendable, Equatable, Codable {
    /// Where the implementation goes.
    public enum Placement: String, Sendable, Codable, CaseIterable {
        /// A new `kernel/<name>.c`, built by `obj-y += <name>.o` in `kernel/Makefile`.
        case ownFile
        /// Appended to `kernel/sys.c`.
        case appendToSys
    }

    public var placement: Placement
    /// A Kconfig option (`FOO_SYSCALL` or `CONFIG_FOO_SYSCALL`) that gates the syscall; adds the option to
    /// `init/Kconfig`, `obj-$(CONFIG_FOO_SYSCALL)` and a `COND_SYSCALL` stub in `kernel/sys_ni.c`.
    public var config: String?
    /// Wire the `COMPAT_SYSCALL_DEFINEn` into the compat columns and `include/linux/compat.h`.
    public var compat: Bool
    /// `--only-arch`: the arches that implement it (names as typed, `x86_64`, `arm64`, ...); empty for every arch.
    public var onlyArch: [String]

    /// Options; the defaults put the syscall in its own always-built file without compat wiring, on every arch.
    public init(placement: Placement = .ownFile, config: String? = nil, compat: Bool = false, onlyArch: [String] = []) {
        self.placement = placement
        self.config = config
        self.compat = compat
        self.onlyArch = onlyArch
    }

    /// The option name without a `CONFIG_` prefix, checked to be a Kconfig symbol.
    /// - Throws: `.badInput` for anything but upper-case letters, digits and underscores.
    public func configSymbol() throws(SyscraftError) -> String? {
        guard let config else { return nil }
        let symbol = Numbering.kconfigName(config)
        let valid = !symbol.isEmpty && symbol.first?.isLetter == true
            && symbol.allSatisfy { ($0.isASCII && ($0.isUppercase || $0.isNumber)) || $0 == "_" }
        guard valid else {
            throw SyscraftError(
                .badInput, "'\(config)' is not a Kconfig option name",
                hint: "use upper-case letters, digits and underscores, e.g. --config KSTACKSIZE_SYSCALL")
        }
        return symbol
    }
}
