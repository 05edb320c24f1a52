import Foundation
import SyscraftTestSupport
import Testing

/// The record follows the tree, on the demo's real 6.12 tree with real builds and boots: a syscall added and then
/// reset away (its files put back as they were, mtimes included, as a `git reset --hard` + `git clean` would leave
/// them for make) is dormant, never judged; a stash of the demo's own syscall leaves nothing to judge, and its pop
/// brings it back. The tree is left as the demo state had it. Runs when SYSCRAFT_E2E=1.
@Suite(.serialized, .enabled(if: E2E.enabled))
struct RecordFollowsTreeTests {
    static let kanswer = "#include <linux/syscalls.h>\n\nSYSCALL_DEFINE0(kanswer)\n{\n\treturn 42;\n}\n"

    /// A file's bytes and mtime, to put it back as it was.
    struct Saved {
        var path: String
        var data: Data?
        var mtime: Date?
    }

    static func save(_ paths: [String]) -> [Saved] {
        paths.map { rel in
            let full = E2E.tree + "/" + rel
            let attrs = try? FileManager.default.attributesOfItem(atPath: full)
            return Saved(path: rel, data: FileManager.default.contents(atPath: full), mtime: attrs?[.modificationDate] as? Date)
        }
    }

    static func restore(_ saved: [Saved]) throws {
        for s in saved {
            let full = E2E.tree + "/" + s.path
            guard let data = s.data else {
                try? FileManager.default.removeItem(atPath: full)
                continue
            }
            try data.write(to: URL(fileURLWithPath: full))
            if let mtime = s.mtime { try FileManager.default.setAttributes([.modificationDate: mtime], ofItemAtPath: full) }
        }
    }

    static func syscraft(_ args: [String]) throws -> E2E.Run {
        try E2E.syscraft(args + ["--tree", E2E.tree, "--cache-dir", E2E.cacheDir])
    }

    static func edits(_ run: E2E.Run) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let edits = try #require(object?["edits"] as? [[String: Any]], "\(run.stdout)")
        return edits.compactMap { $0["path"] as? String }
    }

    @Test("a syscall reset away is dormant: only what the tree holds is judged, at the tree's numbers; a stash and its pop are followed")
    func resetAndStash() throws {
        try E2E.buildDemoTree()
        let source = NSTemporaryDirectory() + "kanswer-\(getpid()).c"
        try Self.kanswer.write(toFile: source, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: source) }
        _ = try? Self.syscraft(["remove", "kanswer"])  // a run cut off earlier

        // add kanswer (464, after kstacksize's 463), then reset the tree to before it.
        let plan = try Self.syscraft(["add", source, "--dry-run", "--json"])
        try #require(plan.status == 0, "\(plan.stderr)")
        let before = Self.save(try Self.edits(plan))
        let add = try Self.syscraft(["add", source, "--json"])
        try #require(add.status == 0, "\(add.stderr)")
        defer { _ = try? Self.syscraft(["remove", "kanswer"]) }
        try Self.restore(before)

        let test = try Self.syscraft(["test", "--json", "--arch", "x86_64"])
        #expect(test.status == 0, "test failed: \(test.stdout.suffix(3000)) \(test.stderr.suffix(2000))")
        let results = try E2E.results(test.stdout)
        #expect(!results.contains { $0["syscall"] as? String == "kanswer" }, "a syscall not in the tree was judged: \(results)")
        let stock = try #require(results.first { $0["syscall"] as? String == "kstacksize" && $0["kernel"] as? String == "stock" })
        let patched = try #require(results.first { $0["syscall"] as? String == "kstacksize" && $0["kernel"] as? String == "patched" })
        #expect(stock["return"] as? Int == -1 && stock["errno"] as? Int == 38 && stock["number"] as? Int == 463)
        #expect(patched["return"] as? Int == 16384 && patched["number"] as? Int == 463 && patched["passed"] as? Bool == true)
        #expect(test.output.contains("kanswer: its record is dormant"), "\(test.output.suffix(3000))")
        print("record e2e: reset: \(results.count) results, kanswer not judged")

        let status = try Self.syscraft(["status", "--json"])
        #expect(status.status == 0)
        let doc = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        let syscalls = try #require(doc?["syscalls"] as? [[String: Any]])
        #expect(syscalls.first { $0["name"] as? String == "kanswer" }?["state"] as? String == "dormant")
        let kstack = try #require(syscalls.first { $0["name"] as? String == "kstacksize" })
        #expect(kstack["state"] as? String == "present" && (kstack["numbers"] as? [String: Int])?["x86_64"] == 463)

        // git stash -u: kstacksize's own files go back to Debian's (from the tarball the demo unpacked), its new file
        // goes; nothing is left to judge, and test says why (exit 2, before any build).
        let records = try #require(doc?["records"] as? String)
        let manifest = try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: records))) as? [String: Any]
        let entry = try #require((manifest?["syscalls"] as? [[String: Any]])?.first { $0["name"] as? String == "kstacksize" })
        let files = try #require((entry["record"] as? [String: Any])?["files"] as? [[String: Any]])
        let paths = files.compactMap { $0["path"] as? String }
        let created = Set(files.filter { $0["created"] as? Bool == true }.compactMap { $0["path"] as? String })
        let stashed = Self.save(paths)
        let debian = NSTemporaryDirectory() + "debian-6.12-\(getpid())"
        try FileManager.default.createDirectory(atPath: debian, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: debian) }
        let tar = try HostProcess.run("/bin/tar", ["-xJf", "/usr/src/linux-source-6.12.tar.xz", "-C", debian]
            + paths.filter { !created.contains($0) }.map { "linux-source-6.12/" + $0 })
        try #require(tar.status == 0, "tar could not extract \(paths): \(tar.stderr)")
        defer { try? Self.restore(stashed) }
        try Self.restore(paths.map { rel in
            Saved(path: rel, data: created.contains(rel) ? nil : FileManager.default.contents(atPath: debian + "/linux-source-6.12/" + rel), mtime: nil)
        })
        let none = try Self.syscraft(["test", "--arch", "x86_64"])
        #expect(none.status == 2, "\(none.stderr.suffix(2000))")
        #expect(none.stderr.contains("dormant: "), "\(none.stderr.suffix(2000))")
        #expect(none.stderr.contains("kanswer") && none.stderr.contains("kstacksize"), "\(none.stderr.suffix(2000))")
        // git stash pop: back as it was, judged again.
        try Self.restore(stashed)
        let popped = try Self.syscraft(["test", "--json", "--arch", "x86_64"])
        #expect(popped.status == 0, "\(popped.stderr.suffix(2000))")
        let again = try E2E.results(popped.stdout)
        #expect(again.contains { $0["syscall"] as? String == "kstacksize" && $0["kernel"] as? String == "patched" && $0["return"] as? Int == 16384 })
        #expect(!again.contains { $0["syscall"] as? String == "kanswer" })
    }

    /// The files of `name`'s record and their content in Debian's tarball (nil: a file the record created).
    static func debianVersions(of name: String) throws -> [Saved] {
        let status = try Self.syscraft(["status", "--json"])
        let doc = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        let records = try #require(doc?["records"] as? String)
        let manifest = try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: records))) as? [String: Any]
        let entry = try #require((manifest?["syscalls"] as? [[String: Any]])?.first { $0["name"] as? String == name })
        let files = try #require((entry["record"] as? [String: Any])?["files"] as? [[String: Any]])
        let paths = files.compactMap { $0["path"] as? String }
        let created = Set(files.filter { $0["created"] as? Bool == true }.compactMap { $0["path"] as? String })
        let debian = NSTemporaryDirectory() + "debian-6.12-\(getpid())-\(name)"
        try FileManager.default.createDirectory(atPath: debian, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: debian) }
        let tar = try HostProcess.run("/bin/tar", ["-xJf", "/usr/src/linux-source-6.12.tar.xz", "-C", debian]
            + paths.filter { !created.contains($0) }.map { "linux-source-6.12/" + $0 })
        try #require(tar.status == 0, "tar could not extract \(paths): \(tar.stderr)")
        return paths.map { rel in
            Saved(path: rel, data: created.contains(rel) ? nil : FileManager.default.contents(atPath: debian + "/linux-source-6.12/" + rel), mtime: nil)
        }
    }

    @Test("a branch switch: each branch's syscall is judged on its branch at 463, the other one is dormant there")
    func branchSwitch() throws {
        try E2E.buildDemoTree()
        _ = try? Self.syscraft(["remove", "kanswer"])
        let source = NSTemporaryDirectory() + "kanswer-\(getpid()).c"
        try Self.kanswer.write(toFile: source, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: source) }

        // Branch B is the demo's (kstacksize); branch A forks from Debian's tree and adds kanswer.
        let base = try Self.debianVersions(of: "kstacksize")
        // Without the mtimes: a kernel is built from branch A in between, so putting B back must look like a change
        // to make (an old mtime would leave A's generated syscall table in place: undefined __x64_sys_kanswer).
        let branchB = Self.save(base.map(\.path)).map { Saved(path: $0.path, data: $0.data, mtime: nil) }
        defer { try? Self.restore(branchB) }
        try Self.restore(base)
        let add = try Self.syscraft(["add", source, "--json"])
        try #require(add.status == 0, "\(add.stderr)")
        defer { _ = try? Self.syscraft(["remove", "kanswer"]) }
        let paths = Array(Set(base.map(\.path) + (try Self.edits(add))))
        let branchA = Self.save(paths).map { Saved(path: $0.path, data: $0.data, mtime: nil) }
        // B over the same files: its own content, and none of kanswer's new file.
        let onB = paths.map { p in branchB.first { $0.path == p }.map { Saved(path: p, data: $0.data, mtime: nil) }
            ?? Saved(path: p, data: p.hasPrefix("kernel/kanswer") ? nil : FileManager.default.contents(atPath: E2E.tree + "/" + p), mtime: nil) }

        for (branch, files, here, value) in [("B", onB, "kstacksize", 16384), ("A", branchA, "kanswer", 42)] {
            try Self.restore(files)   // git checkout: the files change, their mtimes are now
            let test = try Self.syscraft(["test", "--json", "--arch", "x86_64"])
            #expect(test.status == 0, "branch \(branch): \(test.stdout.suffix(2000)) \(test.stderr.suffix(2000))")
            let results = try E2E.results(test.stdout)
            let judged = Set(results.compactMap { $0["syscall"] as? String })
            #expect(judged == [here], "branch \(branch) judged \(judged)")
            let stock = results.first { $0["syscall"] as? String == here && $0["kernel"] as? String == "stock" }
            let patched = results.first { $0["syscall"] as? String == here && $0["kernel"] as? String == "patched" }
            #expect(stock?["errno"] as? Int == 38 && stock?["number"] as? Int == 463, "branch \(branch): \(stock ?? [:])")
            #expect(patched?["return"] as? Int == value && patched?["number"] as? Int == 463, "branch \(branch): \(patched ?? [:])")
            print("record e2e: branch \(branch): \(here) stock -1/ENOSYS, patched \(value) at 463")
        }
        try Self.restore(onB)
    }
}
