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
    /// The guest's own programs (/init, the tests) are linked statically, unless the arch's static C library is
    /// broken: then they are linked dynamically and these host files (the program interpreter, then the libraries)
    /// go into the initramfs's /lib.
    public var guestSharedLibraries: [String] = []
    /// QEMU options that make guest time follow the instructions executed (`-icount`) for the syscall test's boots,
    /// whose verdict never depends on guest time: a kernel that spends its boot timing a real-time clock then boots
    /// in a fraction of it. Never for `run`, `shell` or `compare`, where guest time must be time; single-CPU TCG only.
    public var instructionClock: [String] = []

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

    /// 32-bit ARM (EABI, hard float: Debian's armhf) on QEMU's `virt` board: PL011 UART (ttyAMA0), GIC, PSCI.
    /// allnoconfig answers every prompt no, so the fragment turns on what a defconfig takes for granted: an MMU, the
    /// ARMv7 multiplatform kernel and its `virt` machine, and VFP (armhf's static binaries use the VFP registers;
    /// without VFP the first floating-point instruction is an undefined instruction). The compressed zImage, because
    /// only its decompressor relocates the kernel to where it runs (QEMU loads a raw image 64 KiB into RAM).
    public static let arm = ArchProfile(
        name: "arm", kernelArch: "arm", archDirectory: "arm", crossCompile: "arm-linux-gnueabihf-", userCC: "arm-linux-gnueabihf-gcc", userCFlags: [],
        makeTarget: "zImage", imagePath: "arch/arm/boot/zImage", numberKey: "arm",
        qemu: "qemu-system-arm", qemuMachine: ["-M", "virt", "-cpu", "cortex-a15"], console: "ttyAMA0",
        fragment: commonFragment.merging([
            "MMU": "y", "ARCH_MULTI_V7": "y", "ARCH_VIRT": "y", "AEABI": "y", "VFP": "y", "KERNEL_LZ4": "y",
            "SERIAL_AMBA_PL011": "y", "SERIAL_AMBA_PL011_CONSOLE": "y",
        ]) { $1 },
        packages: ["qemu-system-arm", "gcc-arm-linux-gnueabihf", "libc6-dev-armhf-cross", "lz4"], bootTimeout: 90)

    /// 64-bit little-endian POWER on QEMU's `pseries` machine, console on the hypervisor's virtual terminal (hvc0).
    /// `x-vof=on` boots through QEMU's built-in Virtual Open Firmware instead of SLOF (the ELF vmlinux is loaded by
    /// QEMU itself). allnoconfig picks the big-endian 32-bit Book3S default, so the fragment says PPC64, little endian
    /// and pseries, and PPC_OF_BOOT_TRAMPOLINE (prom_init, the kernel's Open Firmware client: without it the kernel
    /// asks the firmware to exit at once, with no output); Debian's ppc64el baseline is POWER8 with VSX, so AltiVec and VSX are on (glibc's string functions
    /// use them). THREAD_SHIFT: its Kconfig default is 15 for pseries, but allnoconfig writes the default of the moment (13,
    /// before PPC64 and pseries are on) and olddefconfig keeps it, so the fragment says 15 as a pseries defconfig has it.
    /// The spapr capabilities that TCG cannot provide are turned off explicitly (QEMU otherwise warns).
    public static let ppc64le = ArchProfile(
        name: "ppc64le", kernelArch: "powerpc", archDirectory: "powerpc", crossCompile: "powerpc64le-linux-gnu-", userCC: "powerpc64le-linux-gnu-gcc", userCFlags: [],
        makeTarget: "vmlinux", imagePath: "vmlinux", numberKey: "powerpc",
        qemu: "qemu-system-ppc64",
        qemuMachine: ["-M", "pseries,x-vof=on,cap-cfpc=broken,cap-sbbc=broken,cap-ibs=broken,cap-ccf-assist=off", "-cpu", "power9"],
        console: "hvc0",
        fragment: commonFragment.merging([
            "PPC64": "y", "PPC_BOOK3S_64": "y", "CPU_LITTLE_ENDIAN": "y", "PPC_PSERIES": "y", "HVC_CONSOLE": "y",
            "PPC_FPU": "y", "ALTIVEC": "y", "VSX": "y", "THREAD_SHIFT": "15", "PPC_OF_BOOT_TRAMPOLINE": "y",
        ]) { $1 },
        packages: ["qemu-system-ppc", "gcc-powerpc64le-linux-gnu", "libc6-dev-ppc64el-cross"], bootTimeout: 90)

    /// 64-bit s390 on QEMU's `s390-ccw-virtio` machine. QEMU's `-serial` is an SCLP VT220 console (`sclpconsole`),
    /// which Linux names ttysclp0 (SCLP_VT220_TTY, SCLP_VT220_CONSOLE); the line-mode SCLP console (SCLP_TTY) is
    /// QEMU's other device, `sclplmconsole`. Without the VT220 console the kernel boots, /init runs and powers off,
    /// and nothing at all reaches the serial port after the early console (seen: 0.3 s of silence). QEMU loads
    /// the kernel's own bzImage (its decompressor is the IPL code), uncompressed: allnoconfig picks XZ, which TCG
    /// decompresses slowly.
    public static let s390x = ArchProfile(
        name: "s390x", kernelArch: "s390", archDirectory: "s390", crossCompile: "s390x-linux-gnu-", userCC: "s390x-linux-gnu-gcc", userCFlags: [],
        makeTarget: "bzImage", imagePath: "arch/s390/boot/bzImage", numberKey: "s390",
        qemu: "qemu-system-s390x", qemuMachine: ["-M", "s390-ccw-virtio", "-cpu", "qemu"], console: "ttysclp0",
        fragment: commonFragment.merging(["SCLP_VT220_TTY": "y", "SCLP_VT220_CONSOLE": "y", "KERNEL_UNCOMPRESSED": "y"]) { $1 },
        packages: ["qemu-system-misc", "gcc-s390x-linux-gnu", "libc6-dev-s390x-cross"], bootTimeout: 90)

    /// 64-bit little-endian MIPS, n64 ABI (Debian's mips64el: numbers are 5000 + n), on QEMU's `malta` board with a
    /// MIPS64R2 CPU; the board's 16550 UART is ttyS0, QEMU loads the ELF vmlinux itself. allnoconfig selects the
    /// generic kernel and an R4X00 CPU, and its EXPERT turns MIPS_FP_SUPPORT off (then every floating-point
    /// instruction in glibc is a SIGILL): the fragment says Malta, MIPS64 R2, little endian, and FP support.
    /// Its boot takes about 2.3 s under TCG, and most of it is not the kernel's work: Malta's `plat_time_init`
    /// (arch/mips/mti-malta/malta-time.c, `estimate_frequencies`) waits for an edge of the RTC's update flag, then
    /// counts CPU cycles until the next one, a whole second of wall time plus up to one more (measured: 1.9 s
    /// between the first console line and "CPU frequency 333.33 MHz"). No boot parameter skips it.
    public static let mips64el = malta(name: "mips64el", triplet: "mips64el-linux-gnuabi64", cpu: "MIPS64R2-generic", abi: "mips/n64", bits: 64)

    /// 32-bit little-endian MIPS, o32 ABI (Debian's mipsel: numbers are 4000 + n), on `malta` with a 24Kf CPU
    /// (MIPS32R2 with an FPU). The same board and fragment as mips64el, with a 32-bit kernel.
    public static let mipsel = malta(name: "mipsel", triplet: "mipsel-linux-gnu", cpu: "24Kf", abi: "mips/o32", bits: 32)

    /// A little-endian MIPS profile on `malta`: the CPU option follows the kernel's width (MIPS32/MIPS64 release 2).
    static func malta(name: String, triplet: String, cpu: String, abi: String, bits: Int) -> ArchProfile {
        ArchProfile(
            name: name, kernelArch: "mips", archDirectory: "mips", crossCompile: triplet + "-", userCC: triplet + "-gcc", userCFlags: [],
            makeTarget: "vmlinux", imagePath: "vmlinux", numberKey: abi,
            qemu: "qemu-system-" + name, qemuMachine: ["-M", "malta", "-cpu", cpu], console: "ttyS0",
            fragment: commonFragment.merging([
                "MIPS_MALTA": "y", "CPU_MIPS\(bits)_R2": "y", "\(bits)BIT": "y", "CPU_LITTLE_ENDIAN": "y", "MIPS_FP_SUPPORT": "y",
                "SERIAL_8250": "y", "SERIAL_8250_CONSOLE": "y",
            ]) { $1 },
            packages: ["qemu-system-mips", "gcc-" + triplet, "libc6-dev-\(name)-cross"], bootTimeout: 90,
            // Malta's plat_time_init waits for an edge of the RTC's update flag, then counts CPU cycles for one RTC
            // second: 1.9 s of a 2.3 s boot. With the RTC on QEMU's virtual clock and that clock at 256 ns per
            // instruction (-icount shift=8), the boot to the verdict took 0.50 s (shift 3: 4.5 s, 5: 1.3, 7: 0.59,
            // 9: 0.62, 10: 0.89; the idle guest still sleeps in real time).
            instructionClock: ["-rtc", "clock=vm", "-icount", "shift=8"])
    }

    /// Alpha on QEMU's `clipper` (a Tsunami/Typhoon machine with QEMU's own PALcode): the generic Alpha kernel, which
    /// finds clipper's machine vector at boot (allnoconfig picks ALCOR, the first of the system-type choice). Not
    /// DP264: it selects ALPHA_EV6, and Debian's 6.1 `arch/alpha/lib/stycpy.S` then includes `ev6-strcat.S`, a file
    /// the tree does not have (only ev67-strcat.S), so every EV6 build of 6.1 stops there. The ISA 16550 UART is
    /// ttyS0, and QEMU loads the ELF vmlinux. Userspace numbers are the generic table's plus 110.
    /// Debian 12 has the cross compiler and libc (libc6.1-dev-alpha-cross) but no alpha packages: no busybox guest.
    /// Its static glibc (2.36-8cross1) is broken: every `-static` program dies with SIGSEGV in `__ctype_init` before
    /// `main` (its thread-local locale pointer reads 0), under this kernel and under `qemu-alpha` alike, while the
    /// same program linked dynamically runs. So alpha's guest programs are dynamic, with ld-linux.so.2 and
    /// libc.so.6.1 in the initramfs.
    public static let alpha = ArchProfile(
        name: "alpha", kernelArch: "alpha", archDirectory: "alpha", crossCompile: "alpha-linux-gnu-", userCC: "alpha-linux-gnu-gcc", userCFlags: [],
        makeTarget: "vmlinux", imagePath: "vmlinux", numberKey: "alpha",
        qemu: "qemu-system-alpha", qemuMachine: ["-M", "clipper"], console: "ttyS0",
        fragment: commonFragment.merging(["ALPHA_GENERIC": "y", "SERIAL_8250": "y", "SERIAL_8250_CONSOLE": "y"]) { $1 },
        packages: ["qemu-system-misc", "gcc-alpha-linux-gnu", "libc6.1-dev-alpha-cross"], bootTimeout: 90,
        guestSharedLibraries: ["/usr/alpha-linux-gnu/lib/ld-linux.so.2", "/usr/alpha-linux-gnu/lib/libc.so.6.1"])

    /// Options every guest needs: a console, an initramfs, ELF binaries; and what the busybox guest of `run` and
    /// `shell` needs (one fragment for test, run and shell, so a stock/patched pair is always built alike): /proc,
    /// /sys and devtmpfs for its init script (BINFMT_SCRIPT), tmpfs for /tmp, ptys and futexes for the shell and its
    /// job control, POSIX timers (sleep), MULTIUSER (id, su), FILE_LOCKING (flock). Costs measured in docs/benchmarks.md.
    public static let commonFragment: [String: String] = [
        "PRINTK": "y", "TTY": "y", "BLK_DEV_INITRD": "y", "BINFMT_ELF": "y",
        "BINFMT_SCRIPT": "y", "PROC_FS": "y", "SYSFS": "y", "DEVTMPFS": "y", "SHMEM": "y", "TMPFS": "y", "UNIX98_PTYS": "y", "FUTEX": "y",
        "POSIX_TIMERS": "y", "MULTIUSER": "y", "FILE_LOCKING": "y",
        // No BSD ptys (the busybox guest uses /dev/ptmx): tinyconfig keeps 256 of them, and registering their 512
        // devices took 46 ms of an x86_64 boot under TCG (initcall_debug's pty_init). With none
        // (`pty.legacy_count=0`, 7 interleaved boots each): x86_64 0.401 -> 0.372 s, ppc64le 0.552 -> 0.452 s.
        "LEGACY_PTYS": "n",
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
    public static let all: [ArchProfile] = [.x86_64, .i386, .arm64, .riscv64, .arm, .ppc64le, .s390x, .mips64el, .mipsel, .alpha]

    public static func named(_ name: String) -> ArchProfile? {
        let aliases = ["amd64": "x86_64", "x86": "x86_64", "i686": "i386", "x86_32": "i386", "aarch64": "arm64", "riscv": "riscv64",
                       "armhf": "arm", "arm32": "arm", "ppc64el": "ppc64le", "s390": "s390x"]
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
        // arch/arm/include/asm/thread_info.h (6.1 and 6.12): THREAD_SIZE_ORDER 2 with KASAN, else 1; pages are 4 KiB.
        case "riscv32", "arm": return kasan ? 16384 : 8192
        // arch/s390/include/asm/thread_info.h: THREAD_SIZE_ORDER 4 with KASAN, else 2; 4 KiB pages.
        case "s390", "s390x": return kasan ? 65536 : 16384
        case "loongarch": return 16384
        // arch/powerpc/include/asm/thread_info.h: MIN_THREAD_SHIFT = CONFIG_THREAD_SHIFT (+1 with KASAN when < 15);
        // THREAD_SHIFT = PAGE_SHIFT when VMAP_STACK and MIN_THREAD_SHIFT < PAGE_SHIFT; THREAD_SIZE = 1 << THREAD_SHIFT.
        case "ppc64le", "ppc64", "ppc", "powerpc":
            guard let configured = Int(config.value("THREAD_SHIFT")) else { return nil }
            let minShift = kasan && configured < 15 ? configured + 1 : configured
            let pageShift = powerpcPageShift(config)
            return 1 << (config.isEnabled("VMAP_STACK") && minShift < pageShift ? pageShift : minShift)
        // arch/mips/include/asm/thread_info.h: 4 KiB pages: order 1 on 32-bit, 2 on 64-bit; 8 KiB pages: order 1;
        // 16 KiB and larger: order 0 (one page).
        case "mips64el", "mipsel", "mips", "mips64":
            guard let page = pageSize(config) else { return nil }
            if page == 4096 { return config.isEnabled("64BIT") ? 16384 : 8192 }
            return page == 8192 ? 16384 : page
        // arch/alpha/include/asm/thread_info.h: THREAD_SIZE (2*PAGE_SIZE), and alpha's pages are 8 KiB.
        case "alpha": return 16384
        default: return nil
        }
    }

    /// The page size a config chose (`PAGE_SIZE_4KB` ... `PAGE_SIZE_64KB`: mips's own options in 6.1, the generic
    /// ones from 6.8 on; the names are the same).
    static func pageSize(_ config: KernelConfig) -> Int? {
        [(4, 4096), (8, 8192), (16, 16384), (32, 32768), (64, 65536)].first { config.isEnabled("PAGE_SIZE_\($0.0)KB") }?.1
    }

    /// powerpc's page size options (`PPC_4K_PAGES`, `PPC_16K_PAGES`, `PPC_64K_PAGES`, `PPC_256K_PAGES`) as a shift.
    static func powerpcPageShift(_ config: KernelConfig) -> Int {
        [(16, 14), (64, 16), (256, 18)].first { config.isEnabled("PPC_\($0.0)K_PAGES") }?.1 ?? 12
    }

    /// True when the syscall body is the classic `return THREAD_SIZE;`.
    public static func returnsThreadSize(_ source: String) -> Bool {
        source.filter { !$0.isWhitespace }.contains("returnTHREAD_SIZE;")
    }
}
