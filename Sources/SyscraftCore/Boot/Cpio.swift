/// A writer for the `newc` cpio format the kernel unpacks as an initramfs.
public struct CpioArchive: Sendable {
    public enum Entry: Sendable {
        case directory(String, mode: UInt32 = 0o755)
        case file(String, [UInt8], mode: UInt32 = 0o755)
        case characterDevice(String, major: UInt32, minor: UInt32, mode: UInt32 = 0o600)
        /// A symbolic link `name -> target` (busybox's applets).
        case symlink(String, target: String)
    }

    public var entries: [Entry] = []
    public init(entries: [Entry] = []) { self.entries = entries }

    public func bytes() -> [UInt8] {
        var out: [UInt8] = []
        var ino: UInt32 = 721
        for entry in entries {
            switch entry {
            case .directory(let name, let mode):
                Self.append(&out, name: name, mode: 0o040000 | mode, ino: ino, nlink: 2, data: [], rdev: (0, 0))
            case .file(let name, let data, let mode):
                Self.append(&out, name: name, mode: 0o100000 | mode, ino: ino, nlink: 1, data: data, rdev: (0, 0))
            case .characterDevice(let name, let major, let minor, let mode):
                Self.append(&out, name: name, mode: 0o020000 | mode, ino: ino, nlink: 1, data: [], rdev: (major, minor))
            case .symlink(let name, let target):
                Self.append(&out, name: name, mode: 0o120777, ino: ino, nlink: 1, data: Array(target.utf8), rdev: (0, 0))
            }
            ino += 1
        }
        Self.append(&out, name: "TRAILER!!!", mode: 0, ino: 0, nlink: 1, data: [], rdev: (0, 0))
        while out.count % 512 != 0 { out.append(0) }
        return out
    }

    static func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 8 - s.count)) + s
    }

    static func append(_ out: inout [UInt8], name: String, mode: UInt32, ino: UInt32, nlink: UInt32, data: [UInt8], rdev: (UInt32, UInt32)) {
        let nameBytes = Array(name.utf8) + [0]
        let fields: [UInt32] = [ino, mode, 0, 0, nlink, 0, UInt32(data.count), 0, 0, rdev.0, rdev.1, UInt32(nameBytes.count), 0]
        out += Array("070701".utf8)
        for f in fields { out += Array(hex(f).utf8) }
        out += nameBytes
        while out.count % 4 != 0 { out.append(0) }
        out += data
        while out.count % 4 != 0 { out.append(0) }
    }
}
