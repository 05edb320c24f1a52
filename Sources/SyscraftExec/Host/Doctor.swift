import Foundation
import SyscraftCore

/// Host prerequisites: what each is for, how to detect it, and the Debian package that provides it.
public struct Requirement: Sendable, Equatable {
    public enum Probe: Sendable, Equatable {
        case command(String)
        case file(String)
        case anyFile([String])
    }
    public var name: String
    public var probe: Probe
    public var package: String
    public var purpose: String
    public var optional: Bool = false

    public var isPresent: Bool {
        switch probe {
        case .command(let c): return ProcessRunner.which(c) != nil
        case .file(let f): return FileManager.default.fileExists(atPath: f)
        case .anyFile(let fs): return fs.contains { FileManager.default.fileExists(atPath: $0) }
        }
    }
}

public enum Doctor {
    public static let kernelSource612 = "/usr/src/linux-source-6.12.tar.xz"

    /// Refuses, before anything is built, a run whose arches lack a compiler, libc or QEMU: every arch's missing
    /// tools in one line, with the doctor command that installs them.
    public static func requireTools(for profiles: [ArchProfile]) throws(SyscraftError) {
        let missing = missing(requirements(for: profiles, demo: false))
        guard !missing.isEmpty else { return }
        let arches = profiles.map(\.name).joined(separator: ",")
        throw SyscraftError(.tool, "missing host tools for --arch \(arches): \(missing.map { "\($0.name) (\($0.purpose))" }.joined(separator: ", "))",
                            hint: "run: syscraft doctor --install --arch \(arches) (as root), or: \(installCommand(missing.map(\.package)))")
    }

    /// What building and booting `profiles` needs, plus the demo's kernel source.
    public static func requirements(for profiles: [ArchProfile], demo: Bool = true) -> [Requirement] {
        var list: [Requirement] = [
            Requirement(name: "make", probe: .command("make"), package: "make", purpose: "kbuild"),
            Requirement(name: "gcc", probe: .command("gcc"), package: "gcc", purpose: "host tools and x86 kernels"),
            Requirement(name: "flex", probe: .command("flex"), package: "flex", purpose: "Kconfig lexer"),
            Requirement(name: "bison", probe: .command("bison"), package: "bison", purpose: "Kconfig parser"),
            Requirement(name: "bc", probe: .command("bc"), package: "bc", purpose: "kernel/time constants"),
            Requirement(name: "perl", probe: .command("perl"), package: "perl", purpose: "kbuild scripts, checkpatch"),
            Requirement(name: "libelf-dev", probe: .anyFile(["/usr/include/libelf.h", "/usr/include/gelf.h"]), package: "libelf-dev", purpose: "objtool"),
            Requirement(name: "libssl-dev", probe: .file("/usr/include/openssl/ssl.h"), package: "libssl-dev", purpose: "sign-file and certs"),
            Requirement(name: "xz", probe: .command("xz"), package: "xz-utils", purpose: "unpacking Debian's kernel source"),
            Requirement(name: "tar", probe: .command("tar"), package: "tar", purpose: "unpacking Debian's kernel source"),
            Requirement(name: "cpio", probe: .command("cpio"), package: "cpio", purpose: "kbuild's initramfs tooling (syscraft writes its own cpio)"),
            Requirement(name: "static libc", probe: .anyFile(["/usr/lib/x86_64-linux-gnu/libc.a", "/usr/lib/aarch64-linux-gnu/libc.a"]), package: "libc6-dev", purpose: "the static guest init"),
            Requirement(name: "ccache", probe: .command("ccache"), package: "ccache", purpose: "faster rebuilds (optional)", optional: true),
            Requirement(name: "distcc", probe: .command("distcc"), package: "distcc", purpose: "--cc distcc: builds across machines (optional)", optional: true),
            Requirement(name: "tmux", probe: .command("tmux"), package: "tmux", purpose: "the end-to-end tests of syscraft shell (optional)", optional: true),
            Requirement(name: "gdb", probe: .command("gdb"), package: "gdb", purpose: "syscraft debug on x86 (optional)", optional: true),
        ]
        if demo {
            list.append(Requirement(name: "linux-source-6.12", probe: .file(kernelSource612), package: "linux-source-6.12", purpose: "the demo's kernel tree"))
            list.append(Requirement(name: "linux-source-6.1", probe: .file("/usr/src/linux-source-6.1.tar.xz"), package: "linux-source-6.1",
                                    purpose: "tests on the asm-generic era (optional)", optional: true))
        }
        for profile in profiles {
            list.append(Requirement(name: profile.qemu, probe: .command(profile.qemu), package: profile.packages.first ?? "qemu-system", purpose: "booting \(profile.name) guests"))
            for package in profile.packages.dropFirst() {
                let probe: Requirement.Probe = package.hasPrefix("gcc-") ? .command(profile.userCC) : (package.hasPrefix("libc6") && package.contains("-dev-") ? .file(crossLibc(profile)) : .command(package))
                if !list.contains(where: { $0.package == package }) {
                    list.append(Requirement(name: package, probe: probe, package: package, purpose: "\(profile.name) toolchain"))
                }
            }
            if profile.gdb.command != "gdb", !list.contains(where: { $0.name == profile.gdb.command }) {
                list.append(Requirement(name: profile.gdb.command, probe: .command(profile.gdb.command), package: profile.gdb.package,
                                        purpose: "syscraft debug on \(profile.name) (optional)", optional: true))
            }
            if !profile.crossCompile.isEmpty, !list.contains(where: { $0.name == profile.crossCompile + "gcc" }) {
                list.append(Requirement(name: profile.crossCompile + "gcc", probe: .command(profile.crossCompile + "gcc"), package: "gcc-" + profile.crossCompile.dropLast(), purpose: "\(profile.name) kernel compiler"))
            }
        }
        return list
    }

    /// The static libc a cross `userCC` links against: `/usr/<triplet>/lib/libc.a` (the triplet of the user compiler,
    /// which for i386 differs from the empty kernel `CROSS_COMPILE`).
    public static func crossLibc(_ profile: ArchProfile) -> String {
        let cc = profile.userCC
        let triplet = cc.hasSuffix("-gcc") ? String(cc.dropLast(4)) : String(profile.crossCompile.dropLast())
        return "/usr/\(triplet)/lib/libc.a"
    }

    public static func missing(_ requirements: [Requirement], includeOptional: Bool = false) -> [Requirement] {
        requirements.filter { !$0.isPresent && (includeOptional || !$0.optional) }
    }

    public static func installCommand(_ packages: [String]) -> String {
        "apt-get install -y --no-install-recommends " + Array(Set(packages)).sorted().joined(separator: " ")
    }

    public static var isRoot: Bool { getuid() == 0 }
    public static var hasApt: Bool { ProcessRunner.which("apt-get") != nil }

    /// `apt-get update` once, then install `packages`, streaming apt's output to the reporter.
    public static func install(_ packages: [String], reporter: any ProgressReporter) async throws(SyscraftError) {
        guard hasApt else {
            throw SyscraftError(.tool, "cannot install packages: apt-get is not available", hint: "install by hand: \(packages.joined(separator: " "))")
        }
        guard isRoot else {
            throw SyscraftError(.tool, "installing packages needs root", hint: "run: sudo \(installCommand(packages))")
        }
        let env = ["DEBIAN_FRONTEND": "noninteractive"]
        reporter.status("running apt-get update")
        let update = try await runApt(Command("apt-get", ["update"], environment: env))
        guard update.succeeded else {
            throw SyscraftError(.tool, "apt-get update failed: \(update.tail.last ?? "")", hint: "check the network and /etc/apt/sources.list")
        }
        reporter.status("installing: \(Array(Set(packages)).sorted().joined(separator: " "))")
        let install = try await runApt(Command("apt-get", ["install", "-y", "--no-install-recommends"] + Array(Set(packages)).sorted(), environment: env))
        guard install.succeeded else {
            throw SyscraftError(.tool, "apt-get install failed: \(install.tail.last(where: { $0.hasPrefix("E:") }) ?? install.tail.last ?? "")", hint: "run it by hand: \(installCommand(packages))")
        }
    }

    static func runApt(_ command: Command) async throws(SyscraftError) -> ProcessOutcome {
        do { return try await ProcessRunner.stream(command, timeout: .seconds(1800)) { _ in .continue } } catch let e as SyscraftError { throw e } catch {
            throw SyscraftError(.tool, "apt-get failed: \(error)", hint: "run it by hand")
        }
    }
}
