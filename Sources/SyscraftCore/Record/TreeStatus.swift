/// `syscraft status`: what syscraft knows of one tree, checked against the tree. The JSON field names are a contract.
public struct TreeStatus: Sendable, Codable, Equatable {
    public struct Syscall: Sendable, Codable, Equatable {
        public var name: String
        public var state: RecordState
        /// The numbers the tree's own tables give it now, per ABI key (empty when dormant).
        public var numbers: [String: Int]
        /// The numbers `add` gave it.
        public var recordedNumbers: [String: Int]
        /// Its Kconfig gate (without `CONFIG_`), if any.
        public var config: String?
        /// For a partial record: what of it is in the tree and what is missing.
        public var found: [String]?
        public var missing: [String]?

        enum CodingKeys: String, CodingKey {
            case name, state, numbers, recordedNumbers = "recorded_numbers", config, found, missing
        }

        public init(_ record: TreeRecords.Record) {
            name = record.name
            state = record.state
            numbers = record.numbers
            recordedNumbers = record.entry.numbers
            config = record.entry.config
            if record.state == .partial {
                found = record.presence.found
                missing = record.presence.missing
            }
        }
    }

    /// A kernel syscraft keeps for the tree.
    public struct KernelImage: Sendable, Codable, Equatable {
        public var arch: String
        public var kernel: String
        public var path: String
        /// Stock: built from the arch's current fragment. Patched: built after every change syscraft knows of.
        public var current: Bool
        public var note: String

        public init(arch: String, kernel: String, path: String, current: Bool, note: String) {
            self.arch = arch
            self.kernel = kernel
            self.path = path
            self.current = current
            self.note = note
        }
    }

    public var tree: String
    public var syscalls: [Syscall]
    public var kernels: [KernelImage]
    /// The operation of an interrupted add or remove (rolled back by the next command that writes), if any.
    public var interrupted: String?
    public var cache: String
    /// The file holding the records.
    public var records: String

    public init(tree: String, syscalls: [Syscall], kernels: [KernelImage], interrupted: String?, cache: String, records: String) {
        self.tree = tree
        self.syscalls = syscalls
        self.kernels = kernels
        self.interrupted = interrupted
        self.cache = cache
        self.records = records
    }
}
