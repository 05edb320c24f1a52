import Foundation
import SyscraftTestSupport
import Testing

/// `syscraft shell` driven through a real terminal (tmux) on the demo's tree: the prompt, kcall, arithmetic, the exit
/// status, the terminal settings before and after, and Ctrl-C during the boot. Runs when SYSCRAFT_E2E=1 and tmux is
/// installed (scripts/test's doctor --install and .ci/run install it).
@Suite(.serialized, .enabled(if: E2E.enabled && FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")))
struct ShellEndToEndTests {
    /// One tmux session running a plain bash, and what its pane shows.
    final class Pane {
        let name = "syscraft-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let dir: String

        init() throws {
            dir = NSTemporaryDirectory() + name
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try Self.tmux(["new-session", "-d", "-s", name, "-x", "200", "-y", "50", "/bin/bash --norc --noprofile"])
            try send("stty -g > \(dir)/before", enter: true)
        }

        deinit {
            _ = try? Self.tmux(["kill-session", "-t", name])
            try? FileManager.default.removeItem(atPath: dir)
        }

        @discardableResult
        static func tmux(_ args: [String]) throws -> String {
            try HostProcess.run("/usr/bin/tmux", args, stderr: .null, timeout: 30).stdout
        }

        func send(_ keys: String, enter: Bool = false, literal: Bool = true) throws {
            try Self.tmux(["send-keys", "-t", name] + (literal ? ["-l", keys] : [keys]))
            if enter { try Self.tmux(["send-keys", "-t", name, "Enter"]) }
        }

        var screen: String { (try? Self.tmux(["capture-pane", "-t", name, "-p", "-S", "-200"])) ?? "" }

        /// Waits until the pane shows `text` (after `after`, if given), up to `seconds`.
        @discardableResult
        func wait(for text: String, seconds: Double = 180) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if screen.contains(text) { return true }
                usleep(100_000)
            }
            return false
        }

        /// Starts syscraft shell; the pane prints EXIT=N and saves stty -g when it ends.
        func startShell(_ args: [String]) throws {
            let command = ([E2E.binary, "shell", "--tree", E2E.tree, "--cache-dir", E2E.cacheDir] + args).joined(separator: " ")
            try send("clear; \(command); echo EXIT=$?; stty -g > \(dir)/after", enter: true)
        }

        var sttySame: Bool {
            let before = try? String(contentsOfFile: dir + "/before", encoding: .utf8)
            let after = try? String(contentsOfFile: dir + "/after", encoding: .utf8)
            return before != nil && before == after
        }
    }

    @Test("patched x86_64: the prompt, kcall kstacksize = 16384, $((6*7)) = 42, exit 3 gives 3, the terminal as it was")
    func patched() throws {
        try E2E.buildDemoTree()
        let pane = try Pane()
        try pane.startShell([])
        #expect(pane.wait(for: "added: kstacksize (463)", seconds: 30), "banner: \(pane.screen)")
        try #require(pane.wait(for: "syscraft:/root#"), "no prompt: \(pane.screen)")
        try pane.send("kcall kstacksize", enter: true)
        #expect(pane.wait(for: "kstacksize = 16384", seconds: 20), "\(pane.screen)")
        try pane.send("echo $((6*7))", enter: true)
        #expect(pane.wait(for: "\n42\n", seconds: 20), "\(pane.screen)")
        // Ctrl-C goes to the guest's shell: it stops the sleep, not syscraft.
        try pane.send("sleep 100", enter: true)
        usleep(500_000)
        try pane.send("C-c", literal: false)
        try pane.send("echo still-here", enter: true)
        #expect(pane.wait(for: "\nstill-here\n", seconds: 20), "\(pane.screen)")
        try pane.send("exit 3", enter: true)
        #expect(pane.wait(for: "EXIT=3", seconds: 30), "\(pane.screen)")
        usleep(300_000)
        #expect(pane.sttySame, "stty -g differs after the shell")
        #expect(RunEndToEndTests.leftoverQemu().isEmpty)
    }

    @Test("stock x86_64: kcall kstacksize answers ENOSYS")
    func stock() throws {
        try E2E.prepareDemoState()
        let pane = try Pane()
        try pane.startShell(["--kernel", "stock"])
        try #require(pane.wait(for: "syscraft:/root#"), "no prompt: \(pane.screen)")
        try pane.send("kcall kstacksize", enter: true)
        #expect(pane.wait(for: "kstacksize = -1 ENOSYS (Function not implemented)", seconds: 20), "\(pane.screen)")
        try pane.send("poweroff", enter: true)
        #expect(pane.wait(for: "EXIT=0", seconds: 30), "\(pane.screen)")
        usleep(300_000)
        #expect(pane.sttySame)
    }

    @Test("Ctrl-C during the boot stops syscraft and the guest; the terminal is sane")
    func interruptDuringBoot() throws {
        try E2E.buildDemoTree()
        let pane = try Pane()
        try pane.startShell([])
        // The banner comes before the build check and the boot: Ctrl-C right then is Ctrl-C during the boot.
        #expect(pane.wait(for: "leave with exit N", seconds: 30))
        try pane.send("C-c", literal: false)
        #expect(pane.wait(for: "EXIT=130", seconds: 30), "\(pane.screen)")
        usleep(300_000)
        #expect(pane.sttySame)
        #expect(RunEndToEndTests.leftoverQemu().isEmpty, "\(RunEndToEndTests.leftoverQemu())")
        // And Ctrl-A X leaves a running guest, also with 130.
        try pane.startShell([])
        try #require(pane.wait(for: "syscraft:/root#"), "no prompt: \(pane.screen)")
        try pane.send("C-a", literal: false)
        try pane.send("x")
        #expect(pane.wait(for: "left the guest (Ctrl-A X)", seconds: 20), "\(pane.screen)")
        #expect(pane.wait(for: "EXIT=130", seconds: 20))
        #expect(RunEndToEndTests.leftoverQemu().isEmpty, "\(RunEndToEndTests.leftoverQemu())")
    }
}
