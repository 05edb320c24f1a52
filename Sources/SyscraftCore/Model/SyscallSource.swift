/// A system call as the user wrote it in SOURCE.c.
public struct SyscallParameter: Sendable, Equatable, Codable {
    /// The C type exactly as written, whitespace normalised ("const char __user *", "unsigned int", "loff_t").
    public var type: String
    public var name: String

    public init(type: String, name: String) {
        self.type = type
        self.name = name
    }

    /// `T **`, `T *const __user *`: 32-bit callers pass 32-bit pointers inside it.
    public var isPointerToPointer: Bool { type.filter { $0 == "*" }.count >= 2 }
    /// A pointer to a struct, whose layout may hold pointers, longs or time_t.
    public var isStructPointer: Bool { type.contains("struct") && type.contains("*") }
    /// A pointer to one long-sized value (`unsigned long __user *`, `size_t __user *`): 4 bytes for 32-bit callers
    /// (x32 included), 8 for the native entry point.
    public var isLongPointer: Bool {
        guard type.filter({ $0 == "*" }).count == 1 else { return false }
        let words = Set(type.split(whereSeparator: { $0 == " " || $0 == "*" }).map(String.init))
        return !words.isDisjoint(with: ["long", "size_t", "ssize_t", "off_t", "time_t", "clock_t", "ptrdiff_t", "uintptr_t", "intptr_t"])
            && !type.contains("long long")
    }
}

public struct SyscallSource: Sendable, Equatable {
    public enum Form: Sendable, Equatable {
        /// `SYSCALL_DEFINEn(name, type, arg, ...)`
        case syscallDefine
        /// The classic `asmlinkage long sys_name(type arg, ...)`
        case asmlinkage
    }

    public var name: String
    public var parameters: [SyscallParameter]
    public var form: Form
    /// The whole source text as given (the implementation that lands in the tree).
    public var text: String
    /// True when the source also has a `COMPAT_SYSCALL_DEFINEn(name, ...)`.
    public var hasCompatDefinition: Bool
    /// The parameters of the `COMPAT_SYSCALL_DEFINEn`, when there is one.
    public var compatParameters: [SyscallParameter]

    public init(
        name: String, parameters: [SyscallParameter], form: Form, text: String, hasCompatDefinition: Bool = false,
        compatParameters: [SyscallParameter] = []
    ) {
        self.name = name
        self.parameters = parameters
        self.form = form
        self.text = text
        self.hasCompatDefinition = hasCompatDefinition
        self.compatParameters = compatParameters
    }

    /// `asmlinkage long sys_name(args);` as include/linux/syscalls.h spells prototypes.
    public var prototype: String {
        let args = parameters.isEmpty ? "void" : parameters.map { Self.declare($0) }.joined(separator: ", ")
        return "asmlinkage long sys_\(name)(\(args));"
    }

    /// `asmlinkage long compat_sys_name(args);` as include/linux/compat.h spells prototypes.
    public var compatPrototype: String {
        let args = compatParameters.isEmpty ? "void" : compatParameters.map { Self.declare($0) }.joined(separator: ", ")
        return "asmlinkage long compat_sys_\(name)(\(args));"
    }

    /// "type name" with the kernel's pointer spacing ("char __user *buf").
    static func declare(_ p: SyscallParameter) -> String {
        p.type.hasSuffix("*") ? "\(p.type)\(p.name)" : "\(p.type) \(p.name)"
    }
}
