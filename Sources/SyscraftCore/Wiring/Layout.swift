/// How a kernel tree numbers and wires its system calls, found by probing files (never by version alone).
public struct TreeLayout: Sendable, Equatable {
    /// The x86 era this tree looks like, for reports (`description` gives the version range).
    public enum Era: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
        case x86AsmHeaders = "2.6.24-2.6.27"
        case x86ArchHeaders = "2.6.28-3.2"
        case x86SyscallsTbl = "3.3-4.1"
        case x86EntryTbl = "4.2-4.16"
        case prefixedEntryPoints = "4.17-5.6"
        case genericUnistd = "5.7-6.10"
        case syscallTbl = "6.11+"

        public var description: String { rawValue }
    }

    /// How `kernel/sys_ni.c` spells a fallback stub.
    public enum CondStyle: String, Sendable, Codable {
        /// `COND_SYSCALL(name);` (4.17+)
        case condSyscall
        /// `cond_syscall(sys_name);`
        case legacy
    }

    public var era: Era
    /// Directory names under `arch/`.
    public var arches: [String]
    /// Every file that numbers system calls, in the order they are edited.
    public var tables: [SyscallTableFile]
    /// `SYSCALL_DEFINEn` when `include/linux/syscalls.h` defines it, else the classic `asmlinkage` form.
    public var entryForm: SyscallSource.Form
    /// `COMPAT_SYSCALL_DEFINEn` when `include/linux/compat.h` defines it (3.10+), else `asmlinkage long compat_sys_name(...)`.
    public var compatForm: SyscallSource.Form
    public var condStyle: CondStyle
    /// Arches present in the tree that syscraft cannot wire (no known table); reported as warnings.
    public var unwiredArches: [String]
    /// Read-only views for `syscraft table`: ABIs that read a table another key already numbers (riscv32 reads
    /// scripts/syscall.tbl with its 32-bit tags). Never edited, never in `add`'s numbers.
    public var views: [SyscallTableFile] = []

    public init(
        era: Era, arches: [String], tables: [SyscallTableFile], entryForm: SyscallSource.Form, condStyle: CondStyle,
        unwiredArches: [String] = [], compatForm: SyscallSource.Form? = nil
    ) {
        self.era = era
        self.arches = arches
        self.tables = tables
        self.entryForm = entryForm
        self.compatForm = compatForm ?? entryForm
        self.condStyle = condStyle
        self.unwiredArches = unwiredArches
    }
}

/// A userspace number derived from a table: `__NR_name` = table number + bias (mips o32 +4000, ia64 +1024).
public struct NumberedABI: Sendable, Equatable, Codable {
    /// The key in `WiringPlan.numbers` ("x86_64", "mips/o32", "arm64", ...).
    public var key: String
    public var bias: Int
    /// When set, only lines with these abi tags count for this key (6.11+ `syscall_abis_*`, x86_64 without x32).
    public var abiTags: Set<String>?

    public init(key: String, bias: Int = 0, abiTags: Set<String>? = nil) {
        self.key = key
        self.bias = bias
        self.abiTags = abiTags
    }
}

/// One file that numbers system calls, with what it takes to add a line to it.
public struct SyscallTableFile: Sendable, Equatable {
    public enum Format: String, Sendable, Codable {
        /// `<nr> <abi> <name> <entry> [<compat>]` tables (`*.tbl`).
        case tbl
        /// `#define __NR_name N` (+ `__SYSCALL(__NR_name, sys_name)`) headers: asm-generic, arm64 unistd32.h, old x86.
        case defineHeader
        /// `.long sys_name` in `arch/x86/kernel/syscall_table_32.S` (the position is the number).
        case longTable
        /// `.quad sys_name` in `arch/x86/ia32/ia32entry.S`, before `ia32_syscall_end:`.
        case quadTable
    }

    /// How the compat entry column is filled.
    public enum CompatColumn: String, Sendable, Codable {
        /// No compat column.
        case none
        /// Present only for compat syscalls.
        case optional
        /// Always present (s390: the native entry when there is no compat one).
        case always
        /// No column of its own: a compat syscall's compat entry point takes the entry column (mips n32, a
        /// 32-bit ABI of a 64-bit kernel: `441 n32 epoll_pwait2 compat_sys_epoll_pwait2`, though its header names one).
        case entry
    }

    /// The real file (a symlink is resolved to its target, which is edited once).
    public var path: String
    public var format: Format
    /// Tables that must agree on one number share a group ("i386", "x86_64", "generic", "arm32", or the path).
    public var group: String
    /// The userspace numbers this table defines.
    public var abis: [NumberedABI]
    /// abi tags that are not in the main range (x86_64's legacy x32 block).
    public var excludedTags: Set<String>
    /// Table number minus the cross-arch number (alpha: 110).
    public var crossArchOffset: Int
    /// Entry-point prefix for native and compat columns (`__x64_`, `__ia32_` in 4.17-5.6; empty otherwise).
    public var nativePrefix: String
    public var compatPrefix: String
    public var compatColumn: CompatColumn
    /// A hand-maintained count to bump to number + 1, when there is one.
    public var count: CountMacro?
    /// For `defineHeader`: the line that closes the list (new entries go above it).
    public var endMarker: String?
    /// Paths that are symlinks to this file (never replaced).
    public var aliases: [String]

    public init(
        path: String, format: Format, group: String, abis: [NumberedABI], excludedTags: Set<String> = [],
        crossArchOffset: Int = 0, nativePrefix: String = "", compatPrefix: String = "", compatColumn: CompatColumn = .none,
        count: CountMacro? = nil, endMarker: String? = nil, aliases: [String] = []
    ) {
        self.path = path
        self.format = format
        self.group = group
        self.abis = abis
        self.excludedTags = excludedTags
        self.crossArchOffset = crossArchOffset
        self.nativePrefix = nativePrefix
        self.compatPrefix = compatPrefix
        self.compatColumn = compatColumn
        self.count = count
        self.endMarker = endMarker
        self.aliases = aliases
    }
}

/// A `#define MACRO N` that must equal the highest number + 1.
public struct CountMacro: Sendable, Equatable, Codable {
    public var path: String
    public var macro: String

    public init(path: String, macro: String) {
        self.path = path
        self.macro = macro
    }
}
