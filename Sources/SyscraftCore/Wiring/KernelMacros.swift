/// Macro names a syscall must not take: SYSCALL_DEFINEn pastes its name into several identifiers and calls, and an
/// object- or function-like macro of that name (`current`, `likely`) expands in the middle of it, so the build breaks
/// far from the cause. Read from the headers every syscall's includes bring in, as the tree defines them.
public enum KernelMacros {
    /// The headers `include/linux/syscalls.h` pulls in that define the short lower-case macros a name could hit.
    static let headers = [
        "include/linux/syscalls.h", "include/linux/compiler.h", "include/linux/compiler_types.h", "include/linux/compiler_attributes.h",
        "include/linux/kernel.h", "include/linux/minmax.h", "include/linux/stddef.h", "include/linux/types.h", "include/linux/linkage.h",
        "include/linux/err.h", "include/linux/bug.h", "include/linux/printk.h", "include/linux/list.h", "include/linux/sched.h",
        "include/linux/thread_info.h", "include/asm-generic/current.h", "include/linux/compat.h", "include/linux/uaccess.h",
    ]

    /// Where `name` is defined as a macro (`path:line: #define ...`), or nil.
    public static func definition(of name: String, in tree: some TreeReader) -> String? {
        let archHeaders = tree.list("arch").map { "arch/\($0)/include/asm/current.h" }
        for path in headers + archHeaders {
            guard let text = tree.read(path), text.contains(name) else { continue }
            for (index, raw) in TextLines(text).lines.enumerated() {
                var line = Substring(raw).drop { $0 == " " || $0 == "\t" }
                guard line.hasPrefix("#") else { continue }
                line = line.dropFirst().drop { $0 == " " || $0 == "\t" }
                guard line.hasPrefix("define") else { continue }
                line = line.dropFirst("define".count)
                guard line.first == " " || line.first == "\t" else { continue }
                line = line.drop { $0 == " " || $0 == "\t" }
                let macro = line.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                if macro == name { return "\(path):\(index + 1): \(raw.trimmingWhitespace)" }
            }
        }
        return nil
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        String(self.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
