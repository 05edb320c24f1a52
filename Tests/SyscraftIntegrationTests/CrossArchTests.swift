import Foundation
import SyscraftCore
import SyscraftExec
import Testing

/// The cross-arch loop through the library: Debian's linux-source-6.12 unpacked into a cache, the stock
/// kernel built and booted (ENOSYS), kstacksize added, rebuilt and booted again (THREAD_SIZE), per arch.
/// Heavy (one kernel build per arch and kernel, boots under TCG), so it runs only for the arches listed in
/// SYSCRAFT_E2E_ARCHES, e.g. `SYSCRAFT_E2E_ARCHES=arm64` or `SYSCRAFT_E2E_ARCHES=i386,arm64,riscv64`.
/// The cache is SYSCRAFT_E2E_CACHE (kept between runs, so a second run compiles nothing) or a temporary directory.
@Suite(.serialized, .enabled(if: !crossArchRequested().isEmpty, "set SYSCRAFT_E2E_ARCHES=arm64[,riscv64,...] to run"))
struct CrossArchTests {
    static var env: [String: String] { ProcessInfo.processInfo.environment }
    static var requested: [String] { crossArchRequested() }

    static var cacheDir: String { env["SYSCRAFT_E2E_CACHE"] ?? NSTemporaryDirectory() + "syscraft-e2e-xarch" }

    @Test("the requested arches are ones syscraft knows")
    func knownArches() {
        for name in Self.requested where name != "all" {
            #expect(ArchProfile.named(name) != nil, "unknown arch in SYSCRAFT_E2E_ARCHES: \(name)")
        }
    }

    @Test("demo per arch: stock ENOSYS, patched THREAD_SIZE")
    func demoMatrix() async throws {
        let profiles = Self.requested.contains("all") ? ArchProfile.all : Self.requested.compactMap(ArchProfile.named)
        try #require(!profiles.isEmpty)
        try #require(FileManager.default.fileExists(atPath: Doctor.kernelSource612), "needs \(Doctor.kernelSource612) (apt-get install linux-source-6.12)")
        let missing = Doctor.missing(Doctor.requirements(for: profiles))
        try #require(missing.isEmpty, "missing host tools: \(missing.map(\.package).joined(separator: " "))")

        var demo = DemoRun(cache: CachePaths(override: Self.cacheDir), reporter: ConsoleReporter())
        demo.profiles = profiles
        demo.accel = .tcg
        let report = try await demo.run()
        let notes = report.notes.map(\.text).joined(separator: "\n")
        for profile in profiles {
            let rows = report.results.filter { $0.arch == profile.name && $0.syscall == "kstacksize" }
            let stock = try #require(rows.first { $0.kernel == .stock }, "\(profile.name): no stock result\n\(notes)")
            let patched = try #require(rows.first { $0.kernel == .patched }, "\(profile.name): no patched result\n\(notes)")
            #expect(stock.return == -1, "\(profile.name) stock: \(stock.reason ?? "")")
            #expect(stock.errno == 38, "\(profile.name) stock: \(stock.reason ?? "")")
            #expect(stock.passed, "\(profile.name) stock: \(stock.reason ?? "")")
            #expect(patched.return == E2E.threadSize[profile.name], "\(profile.name) patched: \(patched.reason ?? "")\n\(notes)")
            #expect(patched.expected == E2E.threadSize[profile.name])
            #expect(patched.passed, "\(profile.name) patched: \(patched.reason ?? "")")
            #expect(stock.number == patched.number)
        }
        let timings = report.timings.sorted { $0.key < $1.key }.map { "\($0.key)=\(String(format: "%.1f", $0.value))s" }
        print("cross-arch timings: \(timings.joined(separator: " "))")
    }
}

/// The arch names in SYSCRAFT_E2E_ARCHES (comma-separated; `all` for every profile).
private func crossArchRequested() -> [String] {
    (ProcessInfo.processInfo.environment["SYSCRAFT_E2E_ARCHES"] ?? "").split(separator: ",")
        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}
