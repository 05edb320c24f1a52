/// What `--file` needs to know of a host file before it goes into the guest: whether it is an ELF program, and
/// whether it needs a dynamic loader (a PT_INTERP program header), which the busybox guest does not have.
public enum ElfProgram {
    public enum Kind: Sendable, Equatable {
        /// Not an ELF file (a script, data): copied as it is.
        case notElf
        case staticExecutable
        /// Needs this loader (`/lib64/ld-linux-x86-64.so.2`).
        case dynamic(interpreter: String)
    }

    public static func kind(of bytes: [UInt8]) -> Kind {
        guard bytes.count >= 52, bytes[0] == 0x7f, bytes[1] == 0x45, bytes[2] == 0x4c, bytes[3] == 0x46 else { return .notElf }
        let is64 = bytes[4] == 2, little = bytes[5] == 1
        func read(_ offset: Int, _ size: Int) -> Int? {
            guard offset >= 0, offset + size <= bytes.count else { return nil }
            var value = 0
            for i in 0..<size { value |= Int(bytes[offset + (little ? i : size - 1 - i)]) << (8 * i) }
            return value
        }
        guard let phoff = read(is64 ? 32 : 28, is64 ? 8 : 4), let phentsize = read(is64 ? 54 : 42, 2), let phnum = read(is64 ? 56 : 44, 2),
              phentsize > 0, phnum < 4096 else { return .staticExecutable }
        for index in 0..<phnum {
            let header = phoff + index * phentsize
            guard let type = read(header, 4), type == 3 else { continue }
            guard let offset = read(header + (is64 ? 8 : 4), is64 ? 8 : 4), let size = read(header + (is64 ? 32 : 16), is64 ? 8 : 4),
                  offset + size <= bytes.count, size < 4096 else { return .dynamic(interpreter: "?") }
            let name = bytes[offset..<(offset + size)].prefix { $0 != 0 }
            return .dynamic(interpreter: String(decoding: name, as: UTF8.self))
        }
        return .staticExecutable
    }
}
