import Foundation
import Testing

/// The real loop: Debian's linux-source-6.12 unpacked, built and booted in QEMU, through the `syscraft` binary.
/// Runs when SYSCRAFT_E2E=1 (scripts/test sets it, and CI runs scripts/test).
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["SYSCRAFT_E2E"] == "1"))
struct DemoEndToEndTests {
    static var env: [String: String] { ProcessInfo.processInfo.environment }
    static var cacheDir: String { env["SYSCRAFT_E2E_CACHE"] ?? NSTemporaryDirectory() + "syscraft-e2e" }
    static var binary: String {
        if let bin = env["SYSCRAFT_BIN"] { return bin }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/syscraft").path
    }
    static var repoRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func syscraft(_ args: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = args
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes concurrently so neither fills up.
        nonisolated(unsafe) var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { usleep(10_000) }
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    static func results(_ json: String) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return try #require(object?["results"] as? [[String: Any]])
    }

    /// The arches the demo proves (x86_64 always; SYSCRAFT_E2E_ARCHES adds e.g. arm64).
    static var arches: [String] {
        var list = ["x86_64"]
        for a in (env["SYSCRAFT_E2E_ARCHES"] ?? "").split(separator: ",").map(String.init) where !list.contains(a) && !a.isEmpty { list.append(a) }
        return list
    }

    /// THREAD_SIZE of the minimal configs syscraft builds (no KASAN): the plumbing spec's table.
    static let threadSize = ["x86_64": 16384, "i386": 8192, "arm64": 16384, "riscv64": 16384]

    @Test("demo --json: stock kernels answer ENOSYS, patched ones THREAD_SIZE (x86_64 16384)")
    func demo() throws {
        let run = try Self.syscraft(["demo", "--json", "--cache-dir", Self.cacheDir, "--arch", Self.arches.joined(separator: ",")])
        #expect(run.status == 0, "demo failed: \(run.stderr.suffix(3000))")
        let results = try Self.results(run.stdout)
        for arch in Self.arches {
            let stock = try #require(results.first { $0["kernel"] as? String == "stock" && $0["arch"] as? String == arch })
            let patched = try #require(results.first { $0["kernel"] as? String == "patched" && $0["arch"] as? String == arch })
            #expect(stock["syscall"] as? String == "kstacksize")
            #expect(stock["return"] as? Int == -1, "\(arch)")
            #expect(stock["errno"] as? Int == 38, "\(arch)")
            #expect(stock["passed"] as? Bool == true, "\(arch)")
            #expect(patched["return"] as? Int == Self.threadSize[arch], "\(arch)")
            #expect(patched["passed"] as? Bool == true, "\(arch)")
            // Debian 6.12: every table's next free number is 463.
            #expect(patched["number"] as? Int == 463, "\(arch)")
            #expect(stock["number"] as? Int == 463, "\(arch)")
        }
    }

    @Test("a second demo reuses the cache and compiles nothing")
    func warmDemo() throws {
        let run = try Self.syscraft(["demo", "--json", "--cache-dir", Self.cacheDir, "--arch", Self.arches.joined(separator: ",")])
        #expect(run.status == 0, "warm demo failed: \(run.stderr.suffix(3000))")
        #expect(!run.stderr.contains("unpacking"))
        #expect(!run.stderr.contains("building the stock"))
        let results = try Self.results(run.stdout)
        #expect(results.contains { $0["kernel"] as? String == "patched" && $0["return"] as? Int == 16384 })
    }

    @Test("test --test FILE.c runs the user's program in the guest, on both kernels")
    func userTestProgram() throws {
        let tree = Self.cacheDir + "/sources/linux-source-6.12"
        let test = Self.repoRoot + "/examples/kstacksize/kstacksize_test.c"
        let run = try Self.syscraft(["test", "--tree", tree, "--cache-dir", Self.cacheDir, "--test", test, "--json"])
        #expect(run.status == 0, "test failed: \(run.stdout.suffix(2000)) \(run.stderr.suffix(2000))")
        let results = try Self.results(run.stdout)
        let patched = try #require(results.first { $0["test"] as? String == "kstacksize_test.c" && $0["kernel"] as? String == "patched" })
        #expect(patched["passed"] as? Bool == true)
        #expect((patched["output"] as? String)?.contains("kstacksize: 16384") == true)
        let stock = try #require(results.first { $0["test"] as? String == "kstacksize_test.c" && $0["kernel"] as? String == "stock" })
        #expect((stock["output"] as? String)?.contains("Function not implemented") == true)
    }
}
