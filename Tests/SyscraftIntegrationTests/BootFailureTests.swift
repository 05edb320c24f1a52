import Foundation
import SyscraftCore
import SyscraftExec
import SyscraftTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Boots the real stock x86_64 kernel the demo tests built with broken guests (no initramfs, an empty one,
/// a non-executable init, a script without its interpreter, an init that hangs, an init that exits) and checks
/// the diagnosis, its hint, the console lines kept for the report, and that nothing of qemu outlives the boot.
/// The stock kernel is the demo's (prepared by the suite itself: reused when it is there).
@Suite(.serialized, .enabled(if: E2E.enabled))
struct BootFailureTests {
    /// `$SYSCRAFT_E2E_CACHE/trees/linux-source-6.12-*/stock-x86_64/image`, the demo's stock kernel.
    static func stockImage() throws -> String {
        try E2E.prepareDemoState()
        let trees = E2E.cacheDir + "/trees"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: trees)) ?? []).filter { $0.hasPrefix("linux-source-6.12-") }.sorted()
        let image = names.map { "\(trees)/\($0)/stock-x86_64/image" }.first { FileManager.default.fileExists(atPath: $0) }
        return try #require(image, "the demo left no stock kernel under \(trees)/linux-source-6.12-*/stock-x86_64/image")
    }

    /// A scratch directory for the guests' files.
    static let scratch: String = {
        let dir = NSTemporaryDirectory() + "syscraft-bootfail-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }()

    /// A static x86_64 program compiled from `source`.
    static func compile(_ name: String, _ source: String) throws -> [UInt8] {
        let c = scratch + "/\(name).c", out = scratch + "/\(name)"
        try source.write(toFile: c, atomically: true, encoding: .utf8)
        let gcc = try HostProcess.run("/usr/bin/gcc", ["-static", "-O2", "-o", out, c])
        try #require(gcc.status == 0, "gcc -static failed for \(name): \(gcc.stderr)")
        return Array(try Data(contentsOf: URL(fileURLWithPath: out)))
    }

    /// Writes an initramfs; nil entries means a zero-byte file (no archive at all).
    static func initramfs(_ name: String, _ entries: [CpioArchive.Entry]?) throws -> String {
        let path = scratch + "/\(name).cpio"
        let bytes = entries.map { CpioArchive(entries: $0).bytes() } ?? []
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let base: [CpioArchive.Entry] = [.directory("dev"), .characterDevice("dev/console", major: 5, minor: 1)]

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var entries: @Sendable () throws -> [CpioArchive.Entry]?
        var expected: Set<ConsoleScanner.Failure>
        /// Words the hint must contain.
        var hint: [String]
        /// A console line that must be among the kept lines.
        var line: String
        var timeout = 60
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // Without CONFIG_BLOCK the minimal kernel has no root device to fall back to: "No working init found".
        Case(name: "no initramfs at all", entries: { nil }, expected: [.noRootFS, .noInit], hint: ["/init"],
             line: "Kernel panic"),
        Case(name: "an empty initramfs", entries: { base }, expected: [.noRootFS, .noInit], hint: ["/init"],
             line: "Kernel panic"),
        Case(name: "an init without the execute bit", entries: {
                 base + [.file("init", try compile("exit0", "int main(void) { return 0; }"), mode: 0o644)]
             }, expected: [.noRootFS, .noInit], hint: ["executable"], line: "Kernel panic"),
        Case(name: "a shell script whose interpreter is missing", entries: {
                 base + [.file("init", Array("#!/bin/sh\necho hello\n".utf8), mode: 0o755)]
             }, expected: [.noInit], hint: ["init"], line: "No working init found"),
        Case(name: "an init that exits (Attempted to kill init)", entries: {
                 base + [.file("init", try compile("exit0", "int main(void) { return 0; }"), mode: 0o755)]
             }, expected: [.panic], hint: ["exited"], line: "Attempted to kill init"),
        Case(name: "an init that starts its report and hangs", entries: {
                 base + [.file("init", try compile("ktaphang", """
                     #include <stdio.h>
                     #include <unistd.h>
                     int main(void) { printf("KTAP version 1\\n1..1\\n"); fflush(stdout); for (;;) pause(); }
                     """), mode: 0o755)]
             }, expected: [.testNeverReported], hint: ["never reported"], line: "KTAP version 1", timeout: 25),
        // The kernel runs with `quiet`: an init that prints nothing leaves a silent console.
        Case(name: "an init that hangs silently", entries: {
                 base + [.file("init", try compile("hang", "#include <unistd.h>\nint main(void) { for (;;) pause(); }"), mode: 0o755)]
             }, expected: [.hang], hint: ["printed nothing"], line: "", timeout: 25),
    ]

    @Test("a broken guest is diagnosed with a hint and the console tail, and qemu is gone afterwards", .timeLimit(.minutes(5)), arguments: cases)
    func brokenGuest(_ c: Case) async throws {
        let image = try Self.stockImage()
        let profile = try #require(ArchProfile.named("x86_64"))
        let cpio = try Self.initramfs(c.name.filter { $0.isLetter }, try c.entries())
        let runner = QEMURunner(profile: profile, image: image, initramfs: cpio, timeoutSeconds: c.timeout)
        let (result, started) = try await ChildRegistry.recordingSessions { try await runner.boot(accel: .tcg) }
        let sessions = started.ids
        let failure = try #require(result.failure, "no failure found; console: \(result.console.recent.joined(separator: "\n"))")
        #expect(c.expected.contains(failure.failure), "got \(failure.failure): \(failure.line)\n\(result.console.recent.joined(separator: "\n"))")
        for word in c.hint { #expect(failure.hint.contains(word), "hint: \(failure.hint)") }
        if !c.line.isEmpty {
            #expect(!result.console.recent.isEmpty)
            #expect(result.console.recent.contains { $0.contains(c.line) }, "\(result.console.recent.joined(separator: "\n"))")
        }
        if c.expected == [.testNeverReported] || c.expected == [.hang] { #expect(result.ending == .timedOut) }
        // qemu's session was killed (or qemu exited on -no-reboot) and reaped: nothing of it is left, not even a zombie.
        #expect(!sessions.isEmpty)
        let left = await ProcessTable.awaitGone(sessions: sessions)
        #expect(left.isEmpty, "qemu left behind: \(left)")
    }
}
