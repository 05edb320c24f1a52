/// A kernel's `System.map` (`ffffffff81065778 T __x64_sys_koops`), to name the bare addresses an oops prints when the
/// kernel has no kallsyms (syscraft's minimal config: `RIP: 0010:0xffffffff81065781` becomes `__x64_sys_koops+0x9`).
public struct SymbolMap: Sendable, Equatable {
    /// Text symbols (T/t/W/w), sorted by address.
    private var symbols: [(address: UInt64, name: String)]

    public static func == (a: SymbolMap, b: SymbolMap) -> Bool {
        a.symbols.map(\.address) == b.symbols.map(\.address) && a.symbols.map(\.name) == b.symbols.map(\.name)
    }

    /// Parses System.map text; lines that are not `ADDRESS TYPE NAME` are skipped.
    public init(systemMap text: String) {
        var symbols: [(UInt64, String)] = []
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            guard words.count >= 3, let address = UInt64(words[0], radix: 16), ["T", "t", "W", "w"].contains(words[1]) else { continue }
            symbols.append((address, String(words[2])))
        }
        symbols.sort { $0.0 < $1.0 }
        self.symbols = symbols
    }

    public var isEmpty: Bool { symbols.isEmpty }

    /// Whether the kernel has a text symbol of this name.
    public func contains(_ name: String) -> Bool { symbols.contains { $0.name == name } }

    /// The function a breakpoint on a syscall's name should take: its entry point on this arch (`__x64_sys_NAME`,
    /// `__arm64_sys_NAME`, ...), else the name itself when the kernel has it, else nil.
    public func syscallFunction(_ name: String) -> String? {
        for candidate in ["__x64_sys_", "__arm64_sys_", "__riscv_sys_", "__ia32_sys_", "__se_sys_", "sys_", "__do_sys_"].map({ $0 + name }) + [name]
        where contains(candidate) {
            return candidate
        }
        return nil
    }

    /// `name+0xOFFSET` for an address inside the kernel's text (at most 64 KiB past a symbol), else nil.
    public func symbolize(_ address: UInt64) -> String? {
        var low = 0, high = symbols.count
        while low < high {
            let mid = (low + high) / 2
            if symbols[mid].address <= address { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return nil }
        let hit = symbols[low - 1]
        let offset = address - hit.address
        guard offset < 0x10000 else { return nil }
        return "\(hit.name)+0x\(String(offset, radix: 16))"
    }

    /// The symbol for a `0x...` word, nil for anything else.
    public func symbolize(word: Substring) -> String? {
        guard word.hasPrefix("0x"), let address = UInt64(word.dropFirst(2), radix: 16) else { return nil }
        return symbolize(address)
    }

    /// The line with each bare kernel address followed by its symbol: `RIP: 0010:0xffffffff81065781 (__x64_sys_koops+0x9)`.
    public func annotate(_ line: String) -> String {
        guard !symbols.isEmpty, line.contains("0xffff") else { return line }
        var out = ""
        var word = ""
        func flush() {
            out += word
            // "0010:0xffff..." holds the address after the segment.
            let address = word.split(separator: ":").last ?? Substring(word)
            if let name = symbolize(word: address) { out += " (\(name))" }
            word = ""
        }
        for character in line {
            if character == " " {
                flush()
                out.append(character)
            } else {
                word.append(character)
            }
        }
        flush()
        return out
    }
}
