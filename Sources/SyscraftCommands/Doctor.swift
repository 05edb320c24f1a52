import ArgumentParser
import Foundation
import SyscraftCore
import SyscraftExec

struct Doctor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check (and with --install, install) everything syscraft needs on this host.",
        discussion: """
            $ syscraft doctor
            $ syscraft doctor --install --arch all
            """)

    @Flag(help: "Install what is missing with apt-get (as root on Debian/Ubuntu).")
    var install = false

    @Option(help: "Also check the toolchains for these arches (comma-separated, or all).")
    var arch = "x86_64"

    @Option(name: .long, help: ArgumentHelp("Cache directory for the guest userland (default: $XDG_CACHE_HOME/syscraft).", valueName: "dir"), completion: .directory)
    var cacheDir: String?

    func run() async throws {
        try await Failure.guarded {
            let profiles = try parseArches(arch == "all" ? ArchProfile.all.map(\.name).joined(separator: ",") : arch)
            let requirements = SyscraftExec.Doctor.requirements(for: profiles)
            for r in requirements {
                let mark = r.isPresent ? "ok     " : (r.optional ? "absent " : "MISSING")
                print("\(mark) \(r.name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(r.purpose) [\(r.package)]")
            }
            // The guest userland of run and shell: Debian's busybox-static per arch, fetched into the cache (not installed).
            let busybox = Busybox(cache: CachePaths(override: cacheDir), reporter: ConsoleReporter())
            var userland: [String] = []
            for profile in profiles {
                let name = "busybox-static:\(Busybox.debianArch(profile))"
                guard Busybox.isPackaged(profile) else {
                    print("n/a     \(name.padding(toLength: 24, withPad: " ", startingAt: 0)) no Debian 12 package (\(profile.name) is a debian-ports arch): syscraft test works; run and shell need that package")
                    continue
                }
                if install, busybox.binary(profile) == nil {
                    do { try await busybox.fetch(profile) } catch { userland.append("\(name): \(error)") }
                }
                let mark = busybox.binary(profile) != nil ? "ok     " : "absent "
                let where_ = busybox.version(profile).map { "\($0), in \(busybox.directory(profile))" } ?? "fetched on first use into the cache"
                print("\(mark) \(name.padding(toLength: 24, withPad: " ", startingAt: 0)) the \(profile.name) guest userland for run and shell [\(where_)]")
            }
            for problem in userland { FileHandle.standardError.write(Data("syscraft: warning: \(problem)\n".utf8)) }
            let missing = SyscraftExec.Doctor.missing(requirements, includeOptional: install)
            if missing.isEmpty {
                print("everything syscraft needs is installed")
                return
            }
            let packages = missing.map(\.package)
            if install {
                try await SyscraftExec.Doctor.install(packages, reporter: ConsoleReporter())
                let still = SyscraftExec.Doctor.missing(requirements)
                if !still.isEmpty {
                    throw SyscraftError(.tool, "still missing after install: \(still.map(\.name).joined(separator: ", "))", hint: "install them by hand")
                }
                print("installed: \(Array(Set(packages)).sorted().joined(separator: " "))")
            } else {
                throw SyscraftError(.tool, "missing: \(missing.map(\.name).joined(separator: ", "))", hint: "run: syscraft doctor --install, or: \(SyscraftExec.Doctor.installCommand(packages))")
            }
        }
    }
}
