/// How syscraft builds and boots one architecture: toolchain, config fragment, image, QEMU machine.
public struct ArchProfile: Sendable, Equatable {
    /// The name users type (`--arch x86_64`).
    public var name: String
    /// `ARCH=` for make.
    public var kernelArch: String
    /// The `arch/<dir>` in the tree.
    public var archDirectory: String
    /// `CROSS_COMPILE=` prefix, empty for native.
    public var crossCompile: String
    /// The C compiler for the static userspace test.
    public var userCC: String
    /// Extra flags for the userspace compiler.
    public var userCFlags: [String]
    /// The make target and the image it produces (relative to the build directory).
    public var makeTarget: String
    public var imagePath: String
    /// The key of `WiringPlan.numbers` whose number this arch's userspace uses.
    public var numberKey: String
    public var qemu: String
    public var qemuMachine: [String]
    public var console: String
    /// Options on top of `tinyconfig`. Each is verified after `olddefconfig`.
    public var fragment: [String: String]
    /// Debian packages needed to build and boot it.
    public var packages: [String]
    /// Generous boot-to-verdict timeout under TCG, seconds.
    public var bootTimeout: Int
    /// Extra kernel command-line words after `console=... panic=-1 quiet` (era-independent boot needs).
    public var kernelArguments: [String] = []

    /// Boots the uncompressed `vmlinux` through its PVH entry point (PVH needs HYPERVISOR_GUEST) on QEMU's `microvm`
    /// (qboot, no PCI, ISA serial): no BIOS, no real-mode setup and no XZ decompression under TCG, and make stops at
    /// vmlinux (no objcopy, compression or bzImage link). `no_timer_check noapictimer` skip the IO-APIC timer check and the
    /// local APIC timer calibration, which TCG's slow clock makes take a third of the kernel's boot (the PIT ticks instead).
    /// Measured by benchmarks/run (docs/benchmarks.md). A stock bzImage from an older cache boots the same way.
    public static let x86_64 = ArchProfile(
        name: "x86_64", kernelArch: "x86_64", archDirectory: "x86", crossCompile: "", userCC: "gcc", userCFlags: [],
        makeTarget: "vmlinux", imagePath: "vmlinux", numberKey: "x86_64",
        qemu: "qemu-system-x86_64", qemuMachine: ["-M", "microvm", "-cpu", "qemu64"], console: "ttyS0",
        fragment: commonFragment.merging(["64BIT": "y", "SERIAL_8250": "y", "SERIAL_8250_CONSOLE": "y", "HYPERVISOR_GUEST": "y", "PVH": "y"]) { $1 },
        packages: ["qemu-system-x86", "gcc", "libc6-dev"], bootTimeout: 60,
        kernelArguments: ["no_timer_check", "noapictimer"])

    /// The same direct boot as x86_64: the 32-bit `vmlinux` through PVH on `microvm`, no SeaBIOS and no bzImage. A
    /// uniprocessor i386 tinyconfig has no local APIC or IO-APIC, and microvm routes the serial port's interrupt only
    /// through its IO-APIC: without X86_UP_IOAPIC the kernel's own messages (polled) come out, but a program's writes
    /// to the console wait forever. Measured (same kernel and initramfs, 5 boots each, to the exit marker): 0.47 s
    /// median on microvm against 1.08 s on `pc` with the bzImage.
    public static let i386 = ArchProfile(
        name: "i386", kernelArch: "i386", archDirectory: "x86", crossCompile: "", userCC: "i686-linux-gnu-gcc", userCFlags: [],
        makeTarget: "vmlinux", imagePath: "vmlinux", numberKey: "i386",
        qemu: "qemu-system-i386", qemuMachine: ["-M", "microvm", "-cpu", "qemu32"], console: "ttyS0",
        fragment: commonFragment.merging([
            "64BIT": "n", "SERIAL_8250": "y", "SERIAL_8250_CONSOLE": "y", "HYPERVISOR_GUEST": "y", "PVH": "y",
            "X86_UP_APIC": "y", "X86_UP_IOAPIC": "y",
        ]) { $1 },
        packages: ["qemu-system-x86", "gcc-i686-linux-gnu", "libc6-dev-i386-cross"], bootTimeout: 60,
        kernelArguments: ["no_timer_check", "noapictimer"])

    /// QEMU's `virt` board: PL011 UART (ttyAMA0), GIC, PSCI power-off. cortex-a57 is much cheaper under TCG than `max`
    /// (no pointer authentication to emulate). arm64 always selects ARM_AMBA, the GIC and the arch timer.
    public static let arm64 = ArchProfile(
        name: "arm64", kernelArch: "arm64", archDirectory: "arm64", crossCompile: "aarch64-linux-gnu-", userCC: "aarch64-linux-gnu-gcc", userCFlags: [],
        makeTarget: "Image", imagePath: "arch/arm64/boot/Image", numberKey: "arm64",
        qemu: "qemu-system-aarch64", qemuMachine: ["-M", "virt", "-cpu", "cortex-a57"], console: "ttyAMA0",
        fragment: commonFragment.merging(["SERIAL_AMBA_PL011": "y", "SERIAL_AMBA_PL011_CONSOLE": "y"]) { $1 },
        packages: ["qemu-system-arm", "gcc-aarch64-linux-gnu", "libc6-dev-arm64-cross"], bootTimeout: 90)

    /// QEMU's `virt` board with OpenSBI (`-bios default`, from qemu-system-data): 16550 UART on the device tree (ttyS0), PLIC.
    /// tinyconfig leaves FPU off, and glibc's static binaries use the D extension, so FPU=y is required.
    /// NONPORTABLE lets EFI go (it is selected by PORTABLE), which shortens the build.
    /// QEMU 7.2 describes harts only by the deprecated `riscv,isa` string, which 6.6+ ignores unless
    /// RISCV_ISA_FALLBACK (off in tinyconfig, absent in 6.1) or the `riscv_isa_fallback` boot parameter says otherwise;
    /// without it the kernel sees no F/D, never enables the FPU, and /init dies with SIGILL. The parameter works in every era
    /// (6.1 passes the unknown word on to init harmlessly), so it goes on the command line rather than in the fragment.
    /// SIFIVE_PLIC: the UART's interrupt parent on `virt`. 6.12 selects it from RISCV; in 6.1 it is a prompt that
    /// tinyconfig turns off, and then the 8250 waits for its IRQ domain forever (probe deferred): no console at all.
    public static let riscv64 = ArchProfile(
        name: "riscv64", kernelArch: "riscv", archDirectory: "riscv", crossCompile: "riscv64-linux-gnu-", userCC: "riscv64-linux-gnu-gcc", userCFlags: [],
        makeTarget: "Image", imagePath: "arch/riscv/boot/Image", numberKey: "riscv",
        qemu: "qemu-system-riscv64", qemuMachine: ["-M", "virt", "-bios", "default"], console: "ttyS0",
        fragment: commonFragment.merging([
            "64BIT": "y", "NONPORTABLE": "y", "EFI": "n", "FPU": "y",
            "SERIAL_8250": "y", "SERIAL_8250_CONSOLE": "y", "SERIAL_OF_PLATFORM": "y", "SIFIVE_PLIC": "y",
        ]) { $1 },
        packages: ["qemu-system-misc", "gcc-riscv64-linux-gnu", "libc6-dev-riscv64-cross"], bootTimeout: 90,
        kernelArguments: ["riscv_isa_fallback"])

    /// Options every guest needs: a console, an initramfs, ELF binaries; and what the busybox guest of `run` and
    /// `shell` needs (one fragment for test, run and shell, so a stock/patched pair is always built alike): /proc,
    /// /sys and devtmpfs for its init script (BINFMT_SCRIPT), tmpfs for /tmp, ptys and futexes for the shell and its
    /// job control, POSIX timers (sleep), MULTIUSER (id, su), FILE_LOCKING (flock). Costs measured in docs/benchmarks.md.
    public static let commonFragment: [String: String] = [
        "PRINTK": "y", "TTY": "y", "BLK_DEV_INITRD": "y", "BINFMT_ELF": "y",
        "BINFMT_SCRIPT": "y", "PROC_FS": "y", "SYSFS": "y", "DEVTMPFS": "y", "SHMEM": "y", "TMPFS": "y", "UNIX98_PTYS": "y", "FUTEX": "y",
        "POSIX_TIMERS": "y", "MULTIUSER": "y", "FILE_LOCKING": "y",
        // `--module`: loadable and unloadable modules (tinyconfig has neither). Measured on 6.12 x86_64: the same ~650
        // objects as without (kernel/module/ is a handful), `make modules` adds only modpost's Module.symvers, which
        // out-of-tree modules link against; so every kernel has them, and a module needs no second kernel build.
        "MODULES": "y", "MODULE_UNLOAD": "y",
        // BUG() and WARN() report (tinyconfig compiles them out): a module's refcount underflow or a WARN_ON is then in
        // the kernel log that a module test scans, not silently ignored.
        "BUG": "y",
    ]

    /// On top of the fragment for `syscraft debug`: DWARF debug info, the kernel's gdb scripts (`lx-dmesg`, `lx-ps`,
    /// `lx-symbols`), and frame pointers for whole backtraces (x86's frame-pointer unwinder; arm64 always has them).
    public static func debugFragment(_ profile: ArchProfile) -> [String: String] {
        var options = ["DEBUG_KERNEL": "y", "DEBUG_INFO_DWARF_TOOLCHAIN_DEFAULT": "y", "GDB_SCRIPTS": "y", "KALLSYMS": "y"]
        if profile.archDirectory == "x86" { options["UNWINDER_FRAME_POINTER"] = "y" }
        return options
    }

    /// The gdb that reads this arch's vmlinux: the host's own for x86, Debian's gdb-multiarch for the others.
    public var gdb: (command: String, package: String) {
        archDirectory == "x86" ? ("gdb", "gdb") : ("gdb-multiarch", "gdb-multiarch")
    }

    /// Every profile syscraft knows, in matrix order.
    public static let all: [ArchProfile] = [.x86_64, .i386, .arm64, .riscv64]

    public static func named(_ name: String) -> ArchProfile? {
        let aliases = ["amd64": "x86_64", "x86": "x86_64", "i686": "i386", "x86_32": "i386", "aarch64": "arm64", "riscv": "riscv64"]
        let key = aliases[name] ?? name
        return all.first { $0.name == key }
    }

    /// The fragment as sorted `CONFIG_` lines (stable, so an unchanged fragment can be recognised).
    public func fragmentText(extra: [String: String] = [:]) -> String {
        fragment.merging(extra) { $1 }.sorted { $0.key < $1.key }.map { k, v in
            v == "n" ? "# CONFIG_\(k) is not set" : "CONFIG_\(k)=\(v)"
        }.joined(separator: "\n") + "\n"
    }
}

/// What `kstacksize()` (`return THREAD_SIZE;`) should answer for a built config (plumbing spec §6).
public enum ThreadSize {
    public static func expected(arch: String, config: KernelConfig) -> Int? {
        let kasan = config.isEnabled("KASAN")
        switch arch {
        case "x86_64": return kasan ? 32768 : 16384
        case "i386": return 8192
        case "arm64":
            if config.isEnabled("ARM64_64K_PAGES") && config.isEnabled("VMAP_STACK") { return 65536 }
            return (kasan && !config.isEnabled("KASAN_HW_TAGS")) ? 32768 : 16384
        case "riscv64":
            if let order = Int(config.value("THREAD_SIZE_ORDER")) { return 4096 << (order + (kasan ? 1 : 0)) }
            return kasan ? 32768 : 16384
        case "riscv32", "arm": return kasan ? 16384 : 8192
        case "s390": return kasan ? 65536 : 16384
        case "loongarch": return 16384
        default: return nil
        }
    }

    /// True when the syscall body is the classic `return THREAD_SIZE;`.
    public static func returnsThreadSize(_ source: String) -> Bool {
        source.filter { !$0.isWhitespace }.contains("returnTHREAD_SIZE;")
    }
}
