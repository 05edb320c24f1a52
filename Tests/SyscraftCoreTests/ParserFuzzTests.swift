import Foundation
import Testing

@testable import SyscraftCore

/// Seeds kept in the repo under Fixtures/corpus (one file per parser).
enum CorpusSeeds {
    static func lines(_ name: String) throws -> [String] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/corpus/\(name)", withExtension: nil))
        return String(decoding: try Data(contentsOf: url), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}

/// The parsers the earlier fuzz tests did not reach: `unistd.h` variants, whole KTAP streams, Kconfig fragments
/// and the table audit. Each test states how many inputs it tries; every input must parse or be refused with a
/// SyscraftError, never crash or hang.
@Suite struct ParserFuzzTests {
    /// 3,000 mutated unistd.h texts (asm-generic, old x86 unistd_32/64.h, arm64 unistd32.h shapes and the corpus):
    /// reading, numbering, inserting, validating and bumping the count never crash; an insertion adds its define.
    @Test func unistdVariants() throws {
        var seeds = [try CorpusSeeds.lines("unistd.txt").joined(separator: "\n")]
        for (era, path) in [("6.12", "include/uapi/asm-generic/unistd.h"), ("2.6.25", "include/asm-x86/unistd_32.h"),
                            ("2.6.25", "include/asm-x86/unistd_64.h"), ("5.4", "include/uapi/asm-generic/unistd.h")] {
            let text = try #require(try TreeLoader.fixture(era).read(path), "\(era) \(path)")
            seeds.append(TextLines(text).lines.suffix(60).joined(separator: "\n"))
        }
        var rng = SplitMix64(seed: 2024)
        var inserted = 0, refused = 0
        let inputs = 3000
        for i in 0..<inputs {
            let text = mutate(seeds[i % seeds.count], using: &rng, edits: 1 + i % 7)
            let marker: String? = i % 3 == 0 ? "#undef __NR_syscalls" : nil
            _ = DefineHeaderTable.entries(text, endMarker: marker)
            let next = (DefineHeaderTable.mainMaximum(text, endMarker: marker) ?? -1) + 1
            let entry = NewEntry(number: next, abi: "common", name: "fuzzcall", native: "sys_fuzzcall", compat: nil)
            let out = DefineHeaderTable.inserting(entry, into: text, endMarker: marker, generic: i % 2 == 0)
            #expect(out.contains("__NR_fuzzcall"))
            do {
                try DefineHeaderTable.validate(out, added: entry, path: "unistd.h", endMarker: marker)
                inserted += 1
            } catch {
                #expect(!error.message.isEmpty)
                refused += 1
            }
            _ = DefineHeaderTable.bumping("__NR_syscalls", to: next + 1, in: out)
        }
        #expect(inserted + refused == inputs)
        #expect(inserted > 0)
    }

    /// 3,000 generated KTAP streams (random calls, results, directives, program output, nested subtests, printk
    /// prefixes, \r, kernel noise) parse back to exactly the calls and results generated; `done` iff the marker came.
    @Test func ktapStreamsRoundTrip() {
        var rng = SplitMix64(seed: 77)
        let noise = ["[    0.000000] Linux version 6.12.0", "random: crng init done", "    KTAP version 1", "    1..1",
                     "Run /init as init process", "", "# a comment", "okay", "not okay 3"]
        let inputs = 3000
        for _ in 0..<inputs {
            var parser = GuestOutputParser()
            var calls: [GuestOutputParser.Call] = []
            var results: [GuestOutputParser.KTAPResult] = []
            let count = Int.random(in: 0...8, using: &rng)
            var lines = ["KTAP version 1", "1..\(count)"]
            for n in 1...max(count, 1) where count > 0 {
                if Bool.random(using: &rng) {
                    let call = GuestOutputParser.Call(name: "call\(n)", number: Int.random(in: 0...1000, using: &rng),
                                                      returned: Int.random(in: -1...70000, using: &rng), errno: Int.random(in: 0...133, using: &rng))
                    calls.append(call)
                    lines.append("# syscraft-call \(call.name) nr=\(call.number) ret=\(call.returned) errno=\(call.errno)")
                }
                let directive: String? = Int.random(in: 0..<4, using: &rng) == 0 ? "SKIP reason \(n)" : nil
                let result = GuestOutputParser.KTAPResult(ok: Bool.random(using: &rng), number: n, description: "case\(n)", directive: directive)
                results.append(result)
                lines.append("\(result.ok ? "ok" : "not ok") \(n) case\(n)" + (directive.map { " # \($0)" } ?? ""))
                if Bool.random(using: &rng) { lines.append(noise.randomElement(using: &rng) ?? "") }
            }
            let finished = Bool.random(using: &rng)
            if finished { lines.append("# syscraft-done") }
            for line in lines {
                var text = line
                if Int.random(in: 0..<4, using: &rng) == 0 { text = "[    1.\(Int.random(in: 100000...999999, using: &rng))] " + text }
                if Int.random(in: 0..<4, using: &rng) == 0 { text += "\r" }
                parser.consume(text)
            }
            #expect(parser.calls == calls)
            #expect(parser.ktap == results)
            #expect(parser.done == finished)
            #expect(parser.plan == count)
        }
        // And 3,000 mutated copies of the corpus stream: no crash, and no call without its three numbers.
        let seed = (try? CorpusSeeds.lines("ktap.txt")) ?? []
        var parser = GuestOutputParser()
        for i in 0..<inputs {
            parser.consume(mutate(seed[i % max(seed.count, 1)], using: &rng, edits: i % 4))
        }
        #expect(parser.calls.allSatisfy { !$0.name.isEmpty })
    }

    /// 2,000 generated config fragments round-trip through KernelConfig.parse, and 60 mutated init/Kconfig texts
    /// planned with --config: a plan that adds the option exactly once, or a SyscraftError.
    @Test func kconfigFragments() throws {
        var rng = SplitMix64(seed: 5)
        for _ in 0..<2000 {
            var expected: [String: String] = [:]
            var text = ""
            for _ in 0..<Int.random(in: 0...12, using: &rng) {
                let name = "OPT_\(Int.random(in: 0...30, using: &rng))"
                let value = ["y", "m", "n", "17", "\"str\""].randomElement(using: &rng) ?? "y"
                text += value == "n" ? "# CONFIG_\(name) is not set\n" : "CONFIG_\(name)=\(value)\n"
                expected[name] = value
            }
            let config = KernelConfig.parse(text)
            for (name, value) in expected {
                let got = config.values[name] ?? "n"
                #expect(got == value || (value == "\"str\"" && got == "str"), "\(name): \(value) vs \(got)")
            }
        }
        let tree = try TreeLoader.fixture("6.12")
        let source = try SyscallSourceParser.parse(kstacksizeSource)
        let kconfig = try #require(tree.read("init/Kconfig"))
        var planned = 0
        // Each plan reads the whole tree (about a quarter second in a debug build): 60 keeps the suite quick.
        for i in 0..<60 {
            var t = tree
            t.files["init/Kconfig"] = mutate(kconfig, using: &rng, edits: 1 + i % 6)
            do {
                let plan = try WiringPlanner.planAdd(source, tree: t, options: AddOptions(config: "FUZZ_SYSCALL"))
                let after = plan.change("init/Kconfig")?.new ?? ""
                #expect(after.components(separatedBy: "config FUZZ_SYSCALL\n").count == 2, "\(after)")
                planned += 1
            } catch {
                #expect(!error.message.isEmpty)
            }
        }
        #expect(planned > 0)
    }

    /// 2,000 mutated .tbl texts through the table audit (pass or a .badTree refusal), and 500 tables with two
    /// data lines swapped, which must be refused as unsorted.
    @Test func tableAudit() throws {
        let tree = try TreeLoader.fixture("6.12")
        let text = try #require(tree.read("arch/x86/entry/syscalls/syscall_64.tbl"))
        let lines = TextLines(text).lines
        let base = (lines.prefix(12) + lines.suffix(60)).joined(separator: "\n")
        var rng = SplitMix64(seed: 11)
        var passed = 0, refused = 0
        for i in 0..<2000 {
            do {
                try TableAudit.checkTbl(mutate(base, using: &rng, edits: 1 + i % 5), path: "t.tbl", known: TableAudit.standardTags)
                passed += 1
            } catch {
                #expect(error.kind == .badTree)
                refused += 1
            }
        }
        #expect(passed > 0 && refused > 0)
        let data = lines.indices.filter { lines[$0].first?.isNumber == true && lines[$0].contains("common") }
        for _ in 0..<500 {
            var swapped = lines
            let a = data.randomElement(using: &rng) ?? 0, b = data.randomElement(using: &rng) ?? 0
            guard a != b else { continue }
            swapped.swapAt(a, b)
            #expect(throws: SyscraftError.self) {
                try TableAudit.checkTbl(swapped.joined(separator: "\n"), path: "t.tbl", known: TableAudit.standardTags)
            }
        }
    }
}
