import Testing
@testable import SyscraftCore

/// A small deterministic generator, so property tests are reproducible (seeded).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct LineDiffTests {
    /// Applying the edit script to `a` must give `b`; unchanged lines must be kept.
    static func apply(_ ops: [LineDiff.Op]) -> (old: [String], new: [String]) {
        var old: [String] = [], new: [String] = []
        for op in ops {
            switch op {
            case .same(let l): old.append(l); new.append(l)
            case .added(let l): new.append(l)
            case .removed(let l): old.append(l)
            }
        }
        return (old, new)
    }

    @Test("property: diff(a, b) rebuilds both sides, for 2000 random line lists")
    func roundTrip() {
        var rng = SplitMix64(seed: 42)
        let alphabet = ["a", "b", "c", "#define __NR_x 1", "", "\t.long sys_x"]
        for _ in 0..<2000 {
            let a = (0..<Int.random(in: 0...30, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            var b = a
            for _ in 0..<Int.random(in: 0...5, using: &rng) {
                if !b.isEmpty, Bool.random(using: &rng) { b.remove(at: Int.random(in: 0..<b.count, using: &rng)) }
                else { b.insert(alphabet.randomElement(using: &rng)!, at: Int.random(in: 0...b.count, using: &rng)) }
            }
            let ops = LineDiff.diff(a, b)
            let rebuilt = Self.apply(ops)
            #expect(rebuilt.old == a)
            #expect(rebuilt.new == b)
        }
    }

    @Test("a single insertion is reported as exactly one added line")
    func insertion() {
        let old = "1\n2\n3\n"
        let new = "1\n2\nnew\n3\n"
        let (added, removed) = LineDiff.addedAndRemoved(old: old, new: new)
        #expect(added == ["new"])
        #expect(removed.isEmpty)
    }

    @Test("unified diff has a correct hunk header and applies with patch(1) semantics")
    func unified() {
        let old = (1...10).map(String.init).joined(separator: "\n") + "\n"
        let new = old.split(separator: "\n").flatMap { $0 == "5" ? ["5", "five"] : [String($0)] }.joined(separator: "\n") + "\n"
        let diff = LineDiff.unified(path: "kernel/sys.c", old: old, new: new)
        #expect(diff.contains("--- a/kernel/sys.c\n+++ b/kernel/sys.c\n@@ -3,6 +3,7 @@\n 3\n 4\n 5\n+five\n 6\n"))
    }

    @Test("a created file diffs against /dev/null")
    func created() {
        let diff = LineDiff.unified(path: "kernel/kstacksize.c", old: nil, new: "a\nb\n")
        #expect(diff == "--- /dev/null\n+++ b/kernel/kstacksize.c\n@@ -0,0 +1,2 @@\n+a\n+b\n")
    }
}
