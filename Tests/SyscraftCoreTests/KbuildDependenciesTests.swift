import Testing

@testable import SyscraftCore

@Suite struct KbuildDependenciesTests {
    static let root = "/src/linux-6.12"

    @Test("the tree paths of a .cmd file: source, deps and command-line arguments; not wildcards, flags or generated files")
    func paths() {
        let text = """
            savedcmd_kernel/fork.o := ccache gcc -Wp,-MMD,kernel/.fork.o.d -nostdinc -I/src/linux-6.12/arch/x86/include -I./arch/x86/include/generated -include /src/linux-6.12/include/linux/compiler-version.h -c -o kernel/fork.o /src/linux-6.12/kernel/fork.c

            source_kernel/fork.o := /src/linux-6.12/kernel/fork.c

            deps_kernel/fork.o := \\
              /src/linux-6.12/include/linux/compiler-version.h \\
                $(wildcard include/config/CC_VERSION_TEXT) \\
              /src/linux-6.12/include/linux/kconfig.h \\
              include/generated/autoconf.h \\
              /src/linux-6.12/include/linux/sched.h \\

            kernel/fork.o: $(deps_kernel/fork.o)

            $(deps_kernel/fork.o):
            """
        #expect(KbuildDependencies.paths(inCmdFile: text, treeRoot: Self.root) == [
            "include/linux/compiler-version.h", "kernel/fork.c", "include/linux/kconfig.h", "include/linux/sched.h",
        ])
        // -I directories are not picked (they start with -I); a table handed to a script is.
        let syshdr = "savedcmd_x := sh /src/linux-6.12/scripts/syscalltbl.sh --abis common,64 /src/linux-6.12/arch/x86/entry/syscalls/syscall_64.tbl out.h"
        #expect(KbuildDependencies.paths(inCmdFile: syshdr, treeRoot: Self.root + "/") == ["scripts/syscalltbl.sh", "arch/x86/entry/syscalls/syscall_64.tbl"])
        // Another tree with the same prefix is not this one.
        #expect(KbuildDependencies.paths(inCmdFile: "/src/linux-6.12-other/kernel/fork.c /src/linux-6.12", treeRoot: Self.root).isEmpty)
        #expect(KbuildDependencies.paths(inCmdFile: "", treeRoot: Self.root).isEmpty)
    }

    @Test("any text: paths come out unique, relative, inside the tree", arguments: 0..<200)
    func fuzz(_ seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed))
        let words = ["/src/linux-6.12/a.c", "/src/linux-6.12/", "\\", "$(wildcard x)", "/src/linux-6.12/b/c.h)", ":=", "\n", " ", "\t", "/src/x", "é", "/src/linux-6.12/$(x)"]
        let text = (0..<Int(rng.next() % 40)).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: rng.next() % 2 == 0 ? " " : "")
        let paths = KbuildDependencies.paths(inCmdFile: text, treeRoot: Self.root)
        #expect(Set(paths).count == paths.count)
        for p in paths { #expect(!p.hasPrefix("/") && !p.isEmpty && !p.contains(" ") && !p.contains("$(") && !p.hasSuffix(")"), "\(p) from \(text)") }
    }
}
