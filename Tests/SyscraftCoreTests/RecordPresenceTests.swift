import Testing

@testable import SyscraftCore

/// A record checked against the tree: present, dormant (nothing of it) or partial, and the tree's own numbers.
@Suite struct RecordPresenceTests {
    static let kanswer = "#include <linux/syscalls.h>\n\nSYSCALL_DEFINE0(kanswer)\n{\n\treturn 42;\n}\n"

    static func added(_ era: String) throws -> (pristine: MemoryTree, patched: MemoryTree, manifest: Manifest) {
        let pristine = try TreeLoader.fixture(era)
        let plan = try WiringPlanner.planAdd(try SyscallSourceParser.parse(kanswer), tree: pristine, options: AddOptions())
        let entry = Manifest.Entry(name: "kanswer", numbers: plan.numbers, record: AddRecord(plan: plan), returnsThreadSize: false, config: nil)
        return (pristine, plan.applied(to: pristine), Manifest(syscalls: [entry]))
    }

    @Test(arguments: ["2.6.25", "4.14", "6.1", "6.12"])
    func presentDormantPartial(_ era: String) throws {
        let (pristine, patched, manifest) = try Self.added(era)
        let record = manifest.syscalls[0].record

        let present = record.presence(in: patched)
        #expect(present.state == .present, "\(present)")
        #expect(present.missing.isEmpty && present.found.contains("kernel/kanswer.c"))
        let checked = try manifest.checked(against: patched)
        #expect(checked.present.map(\.name) == ["kanswer"])
        // The tree's numbers are the ones add gave, on every ABI the tree has.
        // (The tree's numbers hold its read-only views too, riscv32 on 6.12.)
        let numbers = checked.numbers(of: "kanswer")
        for (abi, number) in manifest.syscalls[0].numbers { #expect(numbers[abi] == number, "\(abi)") }

        let dormant = record.presence(in: pristine)
        #expect(dormant.state == .dormant, "\(dormant)")
        #expect(dormant.found.isEmpty)
        #expect(record.isAbsent(in: pristine) && !record.isAbsent(in: patched))
        let none = try manifest.checked(against: pristine)
        #expect(none.present.isEmpty && none.dormant.map(\.name) == ["kanswer"] && none.numbers(of: "kanswer").isEmpty)
        #expect(none.partialError(tree: "/t") == nil)

        // Every single file put back to pristine alone (one table restored by hand, a checkout that kept the new
        // file untracked, ...): partial, with that file named missing and the rest found.
        for file in record.files {
            var tree = patched
            if file.created { tree.files[file.path] = nil } else { tree.files[tree.symlinks[file.path] ?? file.path] = pristine.read(file.path) }
            let p = record.presence(in: tree)
            guard file.created || file.hunks.contains(where: { $0.added.contains { $0.contains("kanswer") } }) else {
                #expect(p.state == .present, "\(file.path) names no line of kanswer")
                continue
            }
            #expect(p.state == .partial, "\(file.path): \(p)")
            #expect(p.missing.count == 1 && p.missing[0].hasPrefix(file.path), "\(file.path): \(p)")
            let error = try #require(try manifest.checked(against: tree).partialError(tree: "/t"))
            #expect(error.message.contains("kanswer is only partly in the tree") && error.message.contains("missing: \(file.path)"))
            #expect(error.hint?.contains("syscraft remove kanswer --forget --tree /t") == true)
        }
    }
}
