import Foundation
import SyscraftTestSupport
import Testing

@testable import SyscraftCore

/// The busybox guest's pieces that need no boot: the init script, the console's run markers, the run verdict, the
/// ELF check for --file, and kcall (compiled and run on the host: the same C the guest gets).
@Suite struct GuestShellTests {
    @Test func quoting() {
        #expect(GuestShell.quote("kcall") == "kcall")
        #expect(GuestShell.quote("s:hello world") == "'s:hello world'")
        #expect(GuestShell.quote("it's") == "'it'\\''s'")
        #expect(GuestShell.quote("") == "''")
        #expect(GuestShell.commandLine(["echo $((6*7))"]) == "echo $((6*7))")
        #expect(GuestShell.commandLine(["printf", "%s\\n", "a b"]) == "printf '%s\\n' 'a b'")
    }

    /// The script, run by the host's sh with the guest-only steps stubbed out: the command's words arrive intact and
    /// its status is the marker's.
    @Test(arguments: [(["printf", "%s|", "a b", "it's", "$HOME"], "a b|it's|$HOME|", 0), (["exit 7"], "", 7), (["echo $((6*7))"], "42\n", 0)])
    func scriptRunsTheCommand(_ argv: [String], _ output: String, _ status: Int) throws {
        let script = GuestShell.initScript(.command(argv))
        #expect(script.hasPrefix("#!/bin/sh\nmount -t proc proc /proc\n"))
        #expect(script.contains("hostname syscraft") && script.contains("poweroff -f"))
        // Stub the guest-only commands, then run it.
        let stubbed = "mount() { :; }; hostname() { :; }; poweroff() { :; }; sync() { :; }; mkdir() { :; }; cd() { :; }\n"
            + script.split(separator: "\n").dropFirst().joined(separator: "\n")
        let data = Data(try HostProcess.run("/bin/sh", ["-c", stubbed], stderr: .null, timeout: 60).stdout.utf8)
        var parser = GuestOutputParser()
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) { parser.consume(String(line)) }
        #expect(parser.exitStatus == status, "\(String(decoding: data, as: UTF8.self))")
        #expect(parser.runOutput.joined(separator: "\n") + (output.hasSuffix("\n") ? "\n" : "") == output)
    }

    @Test func runMarkers() {
        var p = GuestOutputParser()
        for line in ["Linux version 6.12", "# syscraft-run", "[1] done", "# syscraft-call x nr=1 ret=0 errno=0", "partial# syscraft-exit 3", "after"] {
            p.consume(line + "\r")
        }
        // Inside the run every line is the command's, exactly as printed (no stamp stripping, no KTAP parsing).
        #expect(p.runOutput == ["[1] done", "# syscraft-call x nr=1 ret=0 errno=0", "partial"])
        #expect(p.calls.isEmpty && p.exitStatus == 3 && p.done && !p.inRun)
        // Printed as it was: the last line had no newline.
        #expect(p.runText == "[1] done\n# syscraft-call x nr=1 ret=0 errno=0\npartial")
    }

    @Test func runVerdict() throws {
        let clean = BootOutcome(log: "# syscraft-run\nhello\n# syscraft-exit 0\n")
        #expect(Verdict.run(clean) == .exited(0))
        #expect(Verdict.run(BootOutcome(log: "# syscraft-run\n# syscraft-exit 255\n")) == .exited(255))
        // An oops fails the run even when the command exited afterwards.
        let oops = BootOutcome(log: "# syscraft-run\nBUG: kernel NULL pointer dereference, address: 0\n# syscraft-exit 0\n")
        guard case .failed(let finding) = Verdict.run(oops) else { Issue.record("an oops passed"); return }
        #expect(finding.failure == .oops && finding.line.contains("NULL pointer"))
        // A command that never exits: a hang with the timeout in its hint.
        let hang = BootOutcome(log: "# syscraft-run\nstill going\n", timedOut: true, seconds: 5)
        guard case .failed(let stuck) = Verdict.run(hang) else { Issue.record("a hang passed"); return }
        #expect(stuck.failure == .hang && stuck.hint.contains("5s") && stuck.hint.contains("--timeout") && stuck.line == "still going")
        // A guest that never got to init.
        guard case .failed(let early) = Verdict.run(BootOutcome(log: try VerdictGoldenTests.log("init-exits.log"))) else { Issue.record("passed"); return }
        #expect(early.failure == .panic)
    }

    @Test func elfKinds() throws {
        #expect(ElfProgram.kind(of: Array("#!/bin/sh\necho hi\n".utf8)) == .notElf)
        let sh = try #require(FileManager.default.contents(atPath: "/bin/sh"))
        guard case .dynamic(let loader) = ElfProgram.kind(of: Array(sh)) else { Issue.record("/bin/sh is dynamic on Debian"); return }
        #expect(loader.hasPrefix("/lib"))
        // busybox-static, if the cache has it, or any static program the host has.
        for candidate in ["/usr/bin/busybox", "/bin/busybox", "/usr/sbin/ldconfig", "/sbin/ldconfig"] {
            guard let data = FileManager.default.contents(atPath: candidate) else { continue }
            let kind = ElfProgram.kind(of: Array(data))
            if candidate.hasSuffix("ldconfig") { #expect(kind == .staticExecutable, "\(candidate)") }
            break
        }
        #expect(ElfProgram.kind(of: [0x7f, 0x45, 0x4c, 0x46] + [UInt8](repeating: 0, count: 60)) == .staticExecutable)
    }

    /// kcall's C, built for the host and run: by name, by number, with string and buffer arguments, and an errno.
    @Test func kcallOnTheHost() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("syscraft-kcall-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = Kcall.source(table: [.init(name: "getpid", number: 39), .init(name: "uname", number: 63), .init(name: "write", number: 1),
                                          .init(name: "kgone", number: 1000), .init(name: "bad name", number: 1)])
        #expect(!source.contains("bad name"))
        try source.write(to: dir.appendingPathComponent("kcall.c"), atomically: true, encoding: .utf8)
        func run(_ executable: String, _ args: [String]) throws -> (Int32, String) { try SeriesTree.run(executable, args, in: dir) }
        let kcall = dir.appendingPathComponent("kcall").path
        let cc = try run("/usr/bin/gcc", ["-static", "-O2", "-o", kcall, dir.appendingPathComponent("kcall.c").path])
        try #require(cc.0 == 0, "\(cc.1)")
        let pid = try run(kcall, ["getpid"])
        #expect(pid.0 == 0 && pid.1.hasPrefix("getpid = ") && Int(pid.1.dropFirst(9).prefix { $0.isNumber }) != nil, "\(pid)")
        #expect(try run(kcall, ["39"]).1.hasPrefix("39 = "))
        let enosys = try run(kcall, ["kgone"])
        #expect(enosys.0 == 1 && enosys.1 == "kgone = -1 ENOSYS (Function not implemented)\n", "\(enosys)")
        let written = try run(kcall, ["write", "1", "s:hi\n", "3"])
        #expect(written.0 == 0 && written.1 == "hi\nwrite = 3\n", "\(written)")
        let badf = try run(kcall, ["write", "99", "s:x", "1"])
        #expect(badf.0 == 1 && badf.1 == "write = -1 EBADF (Bad file descriptor)\n")
        let buffer = try run(kcall, ["uname", "b:390"])
        #expect(buffer.0 == 0 && buffer.1.hasPrefix("uname = 0\n  arg1: 4c 69 6e 75 78"), "\(buffer)")  // "Linux"
        #expect(try run(kcall, ["nosuchcall"]).0 == 2)
        #expect(try run(kcall, ["getpid", "zz"]).0 == 2)
        #expect(try run(kcall, ["-l"]).1.contains("1000 kgone\n"))
    }

    @Test func cpioSymlink() {
        let bytes = CpioArchive(entries: [.symlink("bin/sh", target: "busybox")]).bytes()
        let text = String(decoding: bytes.prefix(200), as: UTF8.self)
        #expect(text.hasPrefix("070701") && text.contains("bin/sh"))
        // mode 0120777, file size 7 ("busybox").
        #expect(text.dropFirst(14).hasPrefix("0000A1FF"))
        #expect(text.contains("busybox"))
    }
}
