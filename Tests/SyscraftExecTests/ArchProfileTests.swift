import Foundation
import SyscraftCore
import Testing

@testable import SyscraftExec

/// The arch profiles agree with themselves, with the QEMU command line and with the host requirements.
@Suite struct ArchProfileTests {
    @Test("the matrix order: the four arches numbered alike, then the ones whose numbers differ")
    func matrixOrder() {
        #expect(ArchProfile.all.map(\.name) == ["x86_64", "i386", "arm64", "riscv64", "arm", "ppc64le", "s390x", "mips64el", "mipsel", "alpha"])
        #expect(Set(ArchProfile.all.map(\.name)).count == ArchProfile.all.count)
    }

    @Test("names and aliases resolve", arguments: [
        ("x86_64", "x86_64"), ("amd64", "x86_64"), ("i386", "i386"), ("i686", "i386"),
        ("arm64", "arm64"), ("aarch64", "arm64"), ("riscv64", "riscv64"), ("riscv", "riscv64"),
        ("arm", "arm"), ("armhf", "arm"), ("ppc64le", "ppc64le"), ("ppc64el", "ppc64le"), ("s390x", "s390x"), ("s390", "s390x"),
        ("mips64el", "mips64el"), ("mipsel", "mipsel"), ("alpha", "alpha"),
    ])
    func named(input: String, expected: String) {
        #expect(ArchProfile.named(input)?.name == expected)
    }

    @Test("unknown arches are refused")
    func unknown() {
        #expect(ArchProfile.named("mips") == nil)
        #expect(ArchProfile.named("") == nil)
    }

    @Test("each profile is internally consistent", arguments: ArchProfile.all)
    func consistent(profile: ArchProfile) {
        // The image is what the make target produces: the top-level vmlinux (x86_64 boots it as PVH on microvm)
        // or a boot image under the profile's own arch directory.
        #expect(profile.imagePath == "vmlinux" || profile.imagePath.hasPrefix("arch/\(profile.archDirectory)/boot/"))
        #expect((profile.imagePath as NSString).lastPathComponent == profile.makeTarget)
        // Cross compilers: the kernel's CROSS_COMPILE prefix and the userspace compiler agree.
        if profile.crossCompile.isEmpty {
            #expect(profile.kernelArch == "x86_64" || profile.kernelArch == "i386")
        } else {
            #expect(profile.crossCompile.hasSuffix("-"))
            #expect(profile.userCC == profile.crossCompile + "gcc")
            #expect(profile.packages.contains("gcc-" + profile.crossCompile.dropLast()))
        }
        #expect(profile.userCC.hasSuffix("gcc"))
        // The QEMU binary comes first in the package list (doctor's probe relies on that).
        #expect(profile.qemu.hasPrefix("qemu-system-"))
        #expect(profile.packages.first?.hasPrefix("qemu-system-") == true)
        #expect(profile.packages.contains { $0 == "libc6-dev" || ($0.hasPrefix("libc6") && $0.contains("-dev-")) })
        // A console, an initramfs, ELF binaries: always in the fragment.
        for (key, value) in ArchProfile.commonFragment { #expect(profile.fragment[key] == value, "\(profile.name) lacks CONFIG_\(key)") }
        #expect(profile.bootTimeout >= 30)
        #expect(!profile.console.isEmpty)
        #expect(profile.kernelArguments.allSatisfy { !$0.contains(" ") && !$0.isEmpty })
    }

    @Test("per-arch config fragments keep what each board's console needs")
    func fragments() {
        #expect(ArchProfile.x86_64.fragment["64BIT"] == "y")
        #expect(ArchProfile.i386.fragment["64BIT"] == "n")
        #expect(ArchProfile.arm64.fragment["SERIAL_AMBA_PL011_CONSOLE"] == "y")
        #expect(ArchProfile.arm64.console == "ttyAMA0")
        let rv = ArchProfile.riscv64
        for key in ["SERIAL_8250_CONSOLE", "SERIAL_OF_PLATFORM", "FPU", "NONPORTABLE", "64BIT"] { #expect(rv.fragment[key] == "y", "riscv64 lacks \(key)") }
        #expect(rv.fragment["EFI"] == "n")
        #expect(rv.kernelArguments == ["riscv_isa_fallback"])
        // "n" options are written the way Kconfig spells them, so olddefconfig and the verifier read them back.
        #expect(rv.fragmentText().contains("# CONFIG_EFI is not set\n"))
        #expect(rv.fragmentText().contains("CONFIG_FPU=y\n"))
        // What allnoconfig turns off and each board needs (each verified after olddefconfig like every option).
        for key in ["MMU", "ARCH_MULTI_V7", "ARCH_VIRT", "VFP", "SERIAL_AMBA_PL011_CONSOLE"] { #expect(ArchProfile.arm.fragment[key] == "y", "arm lacks \(key)") }
        for key in ["PPC64", "CPU_LITTLE_ENDIAN", "PPC_PSERIES", "PPC_OF_BOOT_TRAMPOLINE", "HVC_CONSOLE", "ALTIVEC", "VSX"] { #expect(ArchProfile.ppc64le.fragment[key] == "y", "ppc64le lacks \(key)") }
        #expect(ArchProfile.ppc64le.fragmentText().contains("CONFIG_THREAD_SHIFT=15\n"))
        for key in ["SCLP_VT220_TTY", "SCLP_VT220_CONSOLE", "KERNEL_UNCOMPRESSED"] { #expect(ArchProfile.s390x.fragment[key] == "y", "s390x lacks \(key)") }
        for (profile, bits) in [(ArchProfile.mips64el, "64BIT"), (ArchProfile.mipsel, "32BIT")] {
            for key in ["MIPS_MALTA", "CPU_LITTLE_ENDIAN", "MIPS_FP_SUPPORT", "SERIAL_8250_CONSOLE", bits] { #expect(profile.fragment[key] == "y", "\(profile.name) lacks \(key)") }
        }
        #expect(ArchProfile.mips64el.fragment["CPU_MIPS64_R2"] == "y" && ArchProfile.mipsel.fragment["CPU_MIPS32_R2"] == "y")
        #expect(ArchProfile.alpha.fragment["ALPHA_GENERIC"] == "y" && ArchProfile.alpha.fragment["ALPHA_DP264"] == nil)
        // Only alpha links its guest programs dynamically (its static glibc crashes before main): loader first.
        #expect(ArchProfile.alpha.guestSharedLibraries.first?.hasSuffix("/ld-linux.so.2") == true)
        #expect(ArchProfile.alpha.guestSharedLibraries.contains { $0.hasSuffix("/libc.so.6.1") })
        #expect(ArchProfile.all.filter { !$0.guestSharedLibraries.isEmpty }.map(\.name) == ["alpha"])
    }

    @Test("number keys match the wiring plan's per-table keys")
    func numberKeys() {
        #expect(ArchProfile.all.map(\.numberKey) == ["x86_64", "i386", "arm64", "riscv", "arm", "powerpc", "s390", "mips/n64", "mips/o32", "alpha"])
    }

    @Test("qemu argv per arch: machine, console, kernel arguments, no network or disks")
    func qemuArguments() {
        func argv(_ p: ArchProfile) -> [String] {
            var runner = QEMURunner(profile: p, image: "/k/Image", initramfs: "/k/initramfs.cpio")
            runner.tscKHz = 2_000_000
            return runner.arguments(accel: .tcg)
        }
        func append(_ args: [String]) -> String? {
            args.firstIndex(of: "-append").map { args[$0 + 1] }
        }
        let x86 = argv(.x86_64)
        #expect(Array(x86.prefix(4)) == ["-M", "microvm", "-cpu", "qemu64"])
        #expect(append(x86) == "console=ttyS0 panic=-1 quiet no_timer_check noapictimer tsc_early_khz=2000000")
        let i386 = argv(.i386)
        #expect(Array(i386.prefix(4)) == ["-M", "microvm", "-cpu", "qemu32"])
        #expect(append(i386) == "console=ttyS0 panic=-1 quiet no_timer_check noapictimer tsc_early_khz=2000000")
        let arm = argv(.arm64)
        #expect(Array(arm.prefix(4)) == ["-M", "virt", "-cpu", "cortex-a57"])
        #expect(append(arm) == "console=ttyAMA0 panic=-1 quiet")
        let rv = argv(.riscv64)
        #expect(Array(rv.prefix(4)) == ["-M", "virt", "-bios", "default"])
        #expect(append(rv) == "console=ttyS0 panic=-1 quiet riscv_isa_fallback")
        let arm32 = argv(.arm)
        #expect(Array(arm32.prefix(4)) == ["-M", "virt", "-cpu", "cortex-a15"])
        #expect(append(arm32) == "console=ttyAMA0 panic=-1 quiet")
        let ppc = argv(.ppc64le)
        #expect(ppc.first == "-M" && ppc[1].hasPrefix("pseries,x-vof=on,") && Array(ppc[2...3]) == ["-cpu", "power9"])
        #expect(append(ppc) == "console=hvc0 panic=-1 quiet")
        let s390 = argv(.s390x)
        #expect(Array(s390.prefix(4)) == ["-M", "s390-ccw-virtio", "-cpu", "qemu"])
        #expect(append(s390) == "console=ttysclp0 panic=-1 quiet")
        let mips64 = argv(.mips64el), mips32 = argv(.mipsel)
        #expect(Array(mips64.prefix(4)) == ["-M", "malta", "-cpu", "MIPS64R2-generic"])
        #expect(Array(mips32.prefix(4)) == ["-M", "malta", "-cpu", "24Kf"])
        #expect(append(mips64) == "console=ttyS0 panic=-1 quiet" && append(mips32) == "console=ttyS0 panic=-1 quiet")
        let alpha = argv(.alpha)
        #expect(Array(alpha.prefix(2)) == ["-M", "clipper"])
        #expect(append(alpha) == "console=ttyS0 panic=-1 quiet")
        for args in [x86, i386, arm, rv, arm32, ppc, s390, mips64, mips32, alpha] {
            #expect(args.contains("-nodefaults"))
            #expect(args.contains("-no-reboot"))
            #expect(!args.contains("-enable-kvm"))
            #expect(args[args.firstIndex(of: "-kernel")! + 1] == "/k/Image")
            #expect(args[args.firstIndex(of: "-initrd")! + 1] == "/k/initramfs.cpio")
            #expect(!args.contains("-netdev") && !args.contains("-drive"))
        }
        let kvm = QEMURunner(profile: .x86_64, image: "/k", initramfs: "/i").arguments(accel: .kvm)
        #expect(kvm.contains("-enable-kvm"))
        // Several CPUs under TCG: one host thread per guest CPU (measured: 2 spinners 3.1 s instead of 5.7 s).
        var smp = QEMURunner(profile: .x86_64, image: "/k", initramfs: "/i")
        smp.smp = 2
        #expect(smp.arguments(accel: .tcg).joined(separator: " ").contains("-accel tcg,thread=multi -m 256M -smp 2"))
        #expect(!smp.arguments(accel: .kvm).contains("tcg,thread=multi"))
        #expect(!QEMURunner(profile: .x86_64, image: "/k", initramfs: "/i").arguments(accel: .tcg).contains("-accel"))
        // The instruction clock: only for the boots that ask for it (the syscall test's), on one TCG CPU, and only
        // where the profile has one (malta's RTC calibration).
        var mips = QEMURunner(profile: .mipsel, image: "/k", initramfs: "/i")
        #expect(!mips.arguments(accel: .tcg).contains("-icount"))
        mips.instructionClock = true
        #expect(mips.arguments(accel: .tcg).joined(separator: " ").contains("-rtc clock=vm -icount shift=8"))
        mips.smp = 2
        #expect(!mips.arguments(accel: .tcg).contains("-icount"))
        var x86clock = QEMURunner(profile: .x86_64, image: "/k", initramfs: "/i")
        x86clock.instructionClock = true
        #expect(!x86clock.arguments(accel: .tcg).contains("-icount"))
        // x86 under TCG is told the host TSC's rate; KVM and the other arches are not.
        var intel = QEMURunner(profile: .x86_64, image: "/k", initramfs: "/i")
        intel.tscKHz = 2_596_000
        #expect(intel.arguments(accel: .tcg).last(where: { $0.hasPrefix("console=") })?.contains(" tsc_early_khz=2596000") == true)
        #expect(intel.arguments(accel: .kvm).allSatisfy { !$0.contains("tsc_early_khz") })
        var aarch = QEMURunner(profile: .arm64, image: "/k", initramfs: "/i")
        aarch.tscKHz = 2_596_000
        #expect(aarch.arguments(accel: .tcg).allSatisfy { !$0.contains("tsc_early_khz") })
    }

    @Test("alpha's initramfs: /init linked dynamically, with the loader and libc in /lib",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/alpha-linux-gnu-gcc")
                   && FileManager.default.fileExists(atPath: "/usr/alpha-linux-gnu/lib/libc.so.6.1"), "alpha's cross compiler is not installed"))
    func alphaDynamicGuest() async throws {
        let dir = NSTemporaryDirectory() + "syscraft-alpha-guest-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let image = GuestImage(profile: .alpha, directory: dir, calls: [GuestInit.Call(name: "kstacksize", number: 573)])
        let archive = try await image.build()
        let bytes = try #require(FileManager.default.contents(atPath: archive))
        for name in ["lib/ld-linux.so.2", "lib/libc.so.6.1", "init"] { #expect(bytes.range(of: Data(name.utf8)) != nil, "no \(name) in the cpio") }
        // The init has a program interpreter (PT_INTERP, a 64-bit little-endian ELF's program headers); a static one has none.
        func hasInterpreter(_ path: String) throws -> Bool {
            let elf = [UInt8](try #require(FileManager.default.contents(atPath: path)))
            func int(_ at: Int, _ size: Int) -> Int { (0..<size).reduce(0) { $0 | Int(elf[at + $1]) << (8 * $1) } }
            let (offset, size, count) = (int(0x20, 8), int(0x36, 2), int(0x38, 2))
            return (0..<count).contains { int(offset + $0 * size, 4) == 3 }
        }
        #expect(try hasInterpreter(dir + "/init"))
        // x86_64's stays static: no interpreter, no /lib.
        let x86 = GuestImage(profile: .x86_64, directory: dir + "-x86", calls: [GuestInit.Call(name: "kstacksize", number: 463)])
        defer { try? FileManager.default.removeItem(atPath: dir + "-x86") }
        _ = try await x86.build()
        #expect(try !hasInterpreter(dir + "-x86/init"))
    }

    @Test("the host TSC's rate: measured once, whole MHz, plausible (100 MHz to 10 GHz) on an x86 host")
    func hostClock() {
        #if arch(x86_64)
        let khz = HostClock.tscKHz
        #expect(khz.map { $0 % 1000 == 0 && $0 >= 100_000 && $0 <= 10_000_000 } == true, "\(String(describing: khz))")
        #expect(HostClock.tscKHz == khz)
        #endif
    }

    @Test("doctor probes each cross toolchain and its static libc by the user compiler's triplet")
    func doctorRequirements() {
        #expect(Doctor.crossLibc(.i386) == "/usr/i686-linux-gnu/lib/libc.a")
        #expect(Doctor.crossLibc(.arm64) == "/usr/aarch64-linux-gnu/lib/libc.a")
        #expect(Doctor.crossLibc(.riscv64) == "/usr/riscv64-linux-gnu/lib/libc.a")
        let reqs = Doctor.requirements(for: ArchProfile.all, demo: false)
        let packages = Set(reqs.map(\.package))
        for p in ["qemu-system-x86", "qemu-system-arm", "qemu-system-misc", "gcc-i686-linux-gnu", "gcc-aarch64-linux-gnu",
                  "gcc-riscv64-linux-gnu", "libc6-dev-i386-cross", "libc6-dev-arm64-cross", "libc6-dev-riscv64-cross"] {
            #expect(packages.contains(p), "doctor does not know \(p)")
        }
        let libc = reqs.first { $0.package == "libc6-dev-riscv64-cross" }
        #expect(libc?.probe == .file("/usr/riscv64-linux-gnu/lib/libc.a"))
        let aarch64 = reqs.first { $0.name == "aarch64-linux-gnu-gcc" }
        #expect(aarch64?.probe == .command("aarch64-linux-gnu-gcc"))
        // One requirement per QEMU binary, each probed by its command.
        #expect(reqs.first { $0.name == "qemu-system-riscv64" }?.probe == .command("qemu-system-riscv64"))
        #expect(reqs.first { $0.name == "qemu-system-i386" }?.package == "qemu-system-x86")
    }

    @Test("expected kstacksize per arch and config (plumbing spec §6)")
    func threadSize() {
        let plain = KernelConfig.parse("")
        #expect(ThreadSize.expected(arch: "x86_64", config: plain) == 16384)
        #expect(ThreadSize.expected(arch: "i386", config: plain) == 8192)
        #expect(ThreadSize.expected(arch: "arm64", config: plain) == 16384)
        #expect(ThreadSize.expected(arch: "riscv64", config: plain) == 16384)
        // riscv 6.12 (THREAD_SIZE_ORDER in Kconfig) and 6.1 (hard-coded order 2) agree for tinyconfig.
        #expect(ThreadSize.expected(arch: "riscv64", config: KernelConfig.parse("CONFIG_THREAD_SIZE_ORDER=2\n")) == 16384)
        #expect(ThreadSize.expected(arch: "riscv64", config: KernelConfig.parse("CONFIG_THREAD_SIZE_ORDER=3\n")) == 32768)
        #expect(ThreadSize.expected(arch: "riscv64", config: KernelConfig.parse("CONFIG_THREAD_SIZE_ORDER=2\nCONFIG_KASAN=y\n")) == 32768)
        #expect(ThreadSize.expected(arch: "x86_64", config: KernelConfig.parse("CONFIG_KASAN=y\n")) == 32768)
        #expect(ThreadSize.expected(arch: "arm64", config: KernelConfig.parse("CONFIG_ARM64_64K_PAGES=y\nCONFIG_VMAP_STACK=y\n")) == 65536)
        #expect(ThreadSize.expected(arch: "arm64", config: KernelConfig.parse("CONFIG_KASAN=y\nCONFIG_KASAN_HW_TAGS=y\n")) == 16384)
        #expect(ThreadSize.expected(arch: "arm64", config: KernelConfig.parse("CONFIG_KASAN=y\nCONFIG_KASAN_GENERIC=y\n")) == 32768)
        // arm: order 1 (order 2 with KASAN) of 4 KiB pages; s390: order 2 (4 with KASAN); alpha: two 8 KiB pages.
        #expect(ThreadSize.expected(arch: "arm", config: plain) == 8192)
        #expect(ThreadSize.expected(arch: "arm", config: KernelConfig.parse("CONFIG_KASAN=y\n")) == 16384)
        #expect(ThreadSize.expected(arch: "s390x", config: plain) == 16384)
        #expect(ThreadSize.expected(arch: "s390x", config: KernelConfig.parse("CONFIG_KASAN=y\n")) == 65536)
        #expect(ThreadSize.expected(arch: "alpha", config: plain) == 16384)
        // powerpc: 1 << CONFIG_THREAD_SHIFT, +1 with KASAN below 15, raised to the page shift with VMAP_STACK.
        let ppc = { (text: String) in ThreadSize.expected(arch: "ppc64le", config: KernelConfig.parse(text)) }
        #expect(ppc("CONFIG_THREAD_SHIFT=15\nCONFIG_PPC_4K_PAGES=y\n") == 32768)
        #expect(ppc("CONFIG_THREAD_SHIFT=14\nCONFIG_KASAN=y\n") == 32768)
        #expect(ppc("CONFIG_THREAD_SHIFT=15\nCONFIG_KASAN=y\n") == 32768)
        #expect(ppc("CONFIG_THREAD_SHIFT=14\nCONFIG_PPC_64K_PAGES=y\nCONFIG_VMAP_STACK=y\n") == 65536)
        #expect(ppc("CONFIG_THREAD_SHIFT=14\nCONFIG_PPC_64K_PAGES=y\n") == 16384)
        #expect(ppc("") == nil)
        // mips: 4 KiB pages give order 1 on 32-bit, 2 on 64-bit; 8 KiB pages order 1; bigger pages one page.
        let mips = { (arch: String, text: String) in ThreadSize.expected(arch: arch, config: KernelConfig.parse(text)) }
        #expect(mips("mips64el", "CONFIG_64BIT=y\nCONFIG_PAGE_SIZE_4KB=y\n") == 16384)
        #expect(mips("mipsel", "CONFIG_32BIT=y\nCONFIG_PAGE_SIZE_4KB=y\n") == 8192)
        #expect(mips("mipsel", "CONFIG_PAGE_SIZE_8KB=y\n") == 16384)
        #expect(mips("mips64el", "CONFIG_64BIT=y\nCONFIG_PAGE_SIZE_16KB=y\n") == 16384)
        #expect(mips("mips64el", "CONFIG_64BIT=y\nCONFIG_PAGE_SIZE_64KB=y\n") == 65536)
        #expect(mips("mips64el", "") == nil)
        // Every profile has a rule for the config its own fragment produces.
        for profile in ArchProfile.all {
            let own = KernelConfig.parse(profile.fragmentText(extra: ["PAGE_SIZE_4KB": "y", "PPC_4K_PAGES": "y"]))
            #expect(ThreadSize.expected(arch: profile.name, config: own) != nil, "\(profile.name)")
        }
    }
}
