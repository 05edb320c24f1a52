import Foundation
import SyscraftCore

/// Debian's `busybox-static` for a guest arch, fetched once into the cache: the host's own package, or for a cross
/// arch the same package of that arch (`dpkg --add-architecture`, `apt-get update`, `apt-get download
/// busybox-static:ARCH`, `dpkg-deb -x`). Never installed into the host's root.
public struct Busybox: Sendable {
    public var cache: CachePaths
    public var reporter: any ProgressReporter

    public init(cache: CachePaths, reporter: any ProgressReporter) {
        self.cache = cache
        self.reporter = reporter
    }

    /// Debian's name for the arch.
    public static func debianArch(_ profile: ArchProfile) -> String {
        switch profile.name {
        case "x86_64": "amd64"
        case "i386": "i386"
        case "arm": "armhf"
        case "ppc64le": "ppc64el"
        default: profile.name
        }
    }

    /// False for an arch that Debian 12's main archive does not build (alpha lives in debian-ports): its busybox-static
    /// cannot be fetched from the host's package lists.
    public static func isPackaged(_ profile: ArchProfile) -> Bool { profile.name != "alpha" }

    public func directory(_ profile: ArchProfile) -> String { cache.root + "/userland/busybox-static-\(Self.debianArch(profile))" }

    /// The static busybox binary for `profile`, when it was fetched.
    public func binary(_ profile: ArchProfile) -> String? {
        let path = directory(profile) + "/bin/busybox"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// The package's version, for `doctor`.
    public func version(_ profile: ArchProfile) -> String? {
        (try? String(contentsOfFile: directory(profile) + "/VERSION", encoding: .utf8)).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    static var hostArch: String {
        get async {
            (try? await ProcessRunner.capture(Command("dpkg", ["--print-architecture"]), timeout: .seconds(10)))
                .map { $0.output.trimmingCharacters(in: .whitespacesAndNewlines) } ?? "amd64"
        }
    }

    /// Fetches the package unless it is in the cache; returns the binary.
    @discardableResult
    public func fetch(_ profile: ArchProfile) async throws(SyscraftError) -> String {
        if let binary = binary(profile) { return binary }
        let arch = Self.debianArch(profile)
        guard ProcessRunner.which("apt-get") != nil, ProcessRunner.which("dpkg-deb") != nil else {
            throw SyscraftError(.tool, "cannot fetch busybox-static:\(arch): apt-get and dpkg-deb are not available",
                                hint: "put a static busybox for \(profile.name) at \(directory(profile))/bin/busybox")
        }
        if arch != (await Self.hostArch) { try await addArchitecture(arch) }
        let work = directory(profile) + ".tmp"
        try? FileManager.default.removeItem(atPath: work)
        try CachePaths.makeDirectory(work)
        reporter.status("fetching Debian's busybox-static:\(arch) (the guest userland) into the cache")
        let download = try await run(Command("apt-get", ["download", "-o", "APT::Sandbox::User=root", "busybox-static:\(arch)"], workingDirectory: work))
        guard download.ending == .exited(0) else {
            let why = download.output.split(separator: "\n").last { $0.hasPrefix("E:") }.map(String.init) ?? download.output.suffix(200).description
            if why.contains("Unable to locate") || why.contains("has no installation candidate") || why.contains("Can't select") {
                throw SyscraftError(.tool, "Debian has no busybox-static for \(arch) in this host's package lists (\(why))",
                                    hint: arch == "riscv64" || arch == "alpha"
                                        ? "\(arch) is not a release arch of this Debian (riscv64 is one from Debian 13 on, alpha is in debian-ports); use run and shell on an arch Debian ships, e.g. x86_64 or arm64"
                                        : "check /etc/apt/sources.list and run: apt-get update")
            }
            throw SyscraftError(.tool, "apt-get download busybox-static:\(arch) failed: \(why)", hint: "check the network and /etc/apt/sources.list")
        }
        guard let deb = (try? FileManager.default.contentsOfDirectory(atPath: work))?.first(where: { $0.hasSuffix(".deb") }) else {
            throw SyscraftError(.tool, "apt-get download left no .deb in \(work)", hint: "run it by hand: apt-get download busybox-static:\(arch)")
        }
        let extract = try await run(Command("dpkg-deb", ["-x", work + "/" + deb, work]))
        guard extract.ending == .exited(0), FileManager.default.isExecutableFile(atPath: work + "/bin/busybox") else {
            throw SyscraftError(.tool, "dpkg-deb -x \(deb) failed: \(extract.output.suffix(200))", hint: "check free disk space in \(cache.root)")
        }
        // busybox-static_1%3a1.35.0-4+deb12u1+b1_arm64.deb: the version is the second field, %3a an epoch's colon.
        let version = deb.split(separator: "_").dropFirst().first.map { $0.replacing("%3a", with: ":") } ?? "?"
        try? "\(version)\n".write(toFile: work + "/VERSION", atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: work + "/" + deb)
        try? FileManager.default.removeItem(atPath: directory(profile))
        guard rename(work, directory(profile)) == 0 else {
            throw SyscraftError(.io, "cannot move \(work) into place", hint: "check \(cache.root)")
        }
        reporter.status("busybox-static \(version) for \(arch) is in \(directory(profile))")
        return directory(profile) + "/bin/busybox"
    }

    /// A foreign dpkg arch, so that apt's lists know its packages (root only).
    private func addArchitecture(_ arch: String) async throws(SyscraftError) {
        let foreign = try await run(Command("dpkg", ["--print-foreign-architectures"]))
        if foreign.output.split(separator: "\n").contains(where: { $0 == arch }) { return }
        guard getuid() == 0 else {
            throw SyscraftError(.tool, "fetching busybox-static:\(arch) needs dpkg to know the \(arch) architecture",
                                hint: "run as root: dpkg --add-architecture \(arch) && apt-get update (or: syscraft doctor --install --arch ...)")
        }
        reporter.status("dpkg --add-architecture \(arch); apt-get update (to fetch \(arch) packages)")
        _ = try await run(Command("dpkg", ["--add-architecture", arch]))
        let update = try await run(Command("apt-get", ["update"], environment: ["DEBIAN_FRONTEND": "noninteractive"]), timeout: 600)
        guard update.ending == .exited(0) else {
            throw SyscraftError(.tool, "apt-get update after adding \(arch) failed: \(update.output.suffix(200))", hint: "check the network and /etc/apt/sources.list")
        }
    }

    /// The applet names, from the host's own busybox (Debian builds every arch's busybox-static from one config).
    public func applets() async throws(SyscraftError) -> [String] {
        guard let host = ArchProfile.all.first(where: { Self.debianArch($0) == "amd64" }) else { return [] }
        let binary = try await fetch(host)
        // The list is kept next to the binary it came from (a run then spawns nothing before QEMU).
        let kept = binary + ".applets"
        if let modified = BuildInputs.modified(kept), let built = BuildInputs.modified(binary), modified > built,
            let text = try? String(contentsOfFile: kept, encoding: .utf8), !text.isEmpty {
            return text.split(separator: "\n").map(String.init)
        }
        let list = try await run(Command(binary, ["--list"]))
        guard list.ending == .exited(0) else {
            throw SyscraftError(.tool, "\(binary) --list failed", hint: "remove \(directory(host)) and run again")
        }
        let applets = list.output.split(separator: "\n").map(String.init).filter { GuestInit.isSafeFileName($0) || $0 == "[" || $0 == "[[" }
        try? (applets.joined(separator: "\n") + "\n").write(toFile: kept, atomically: true, encoding: .utf8)
        return applets
    }

    private func run(_ command: Command, timeout: Int = 300) async throws(SyscraftError) -> (ending: ProcessOutcome.Ending, output: String) {
        do { return try await ProcessRunner.capture(command, timeout: .seconds(timeout)) } catch let error as SyscraftError { throw error } catch {
            throw SyscraftError(.tool, "cannot run \(command.executable): \(error)", hint: "install it (apt-get install dpkg apt)")
        }
    }
}
