/// Plans a kselftest for an added system call: `tools/testing/selftests/<name>/` with a Makefile,
/// a `.gitignore` and `<name>_test.c` on the tree's own harness, plus `TARGETS += <name>` in
/// `tools/testing/selftests/Makefile` at its sorted place (as `Documentation/process/adding-syscalls.rst` asks).
public enum SelftestPlanner {
    public static let root = "tools/testing/selftests"

    /// `tools/testing/selftests/<name>`.
    public static func directory(_ name: String) -> String { "\(root)/\(name)" }

    /// The test program's path in the tree.
    public static func testPath(_ name: String) -> String { "\(directory(name))/\(name)_test.c" }

    /// Which harness the tree offers.
    public enum Harness: Sendable, Equatable {
        /// `kselftest_harness.h`: `TEST()`, `ASSERT_*`, `TEST_HARNESS_MAIN` (4.11+).
        case harness
        /// `kselftest.h` only: `ksft_test_result_*()`.
        case kselftest
    }

    /// Plans the selftest's files.
    /// - Parameters:
    ///   - source: The parsed syscall (its name and argument count).
    ///   - number: A fallback `__NR_name` for when the installed headers predate the syscall.
    ///   - tree: The kernel tree (read only).
    /// - Returns: The created files and the edited `Makefile`.
    /// - Throws: `.badTree` without `tools/testing/selftests/lib.mk`, `.conflict` when the directory or target exists.
    public static func planAdd(_ source: SyscallSource, number: Int?, tree: some TreeReader) throws(SyscraftError) -> WiringPlan {
        let name = source.name
        try SyscallSourceParser.validateName(name)
        guard tree.exists("\(root)/lib.mk"), let makefile = tree.read("\(root)/Makefile") else {
            throw SyscraftError(
                .badTree, "\(root)/lib.mk or its Makefile is missing: this tree has no kselftest framework",
                hint: "drop --selftest, or use a tree from 3.17 on")
        }
        let harness: Harness
        if tree.exists("\(root)/kselftest_harness.h") {
            harness = .harness
        } else if tree.exists("\(root)/kselftest.h") {
            harness = .kselftest
        } else {
            throw SyscraftError(.badTree, "\(root) has neither kselftest_harness.h nor kselftest.h", hint: "drop --selftest for this tree")
        }
        if tree.exists(directory(name)), !tree.list(directory(name)).isEmpty {
            throw SyscraftError(
                .conflict, "\(directory(name)) already exists", hint: "remove it, or write the selftest by hand in that directory")
        }
        let targets = TextLines(makefile).lines.compactMap(targetName)
        if targets.contains(name) {
            throw SyscraftError(.conflict, "\(root)/Makefile already has TARGETS += \(name)", hint: "remove that line first")
        }
        var work = WorkingCopy(tree: tree)
        work.set("\(directory(name))/Makefile", makefileText(name))
        work.set("\(directory(name))/.gitignore", "# SPDX-License-Identifier: GPL-2.0-only\n\(name)_test\n")
        work.set(testPath(name), testText(source, number: number, harness: harness))
        work.set("\(root)/Makefile", addingTarget(name, to: makefile))
        return WiringPlan(name: name, numbers: [:], changes: work.changes)
    }

    /// `TARGETS += x` → x (top-level lines only).
    static func targetName(_ line: String) -> String? {
        let fields = ColumnStyle.split(line).fields
        guard !line.hasPrefix("\t"), fields.count == 3, fields[0] == "TARGETS", fields[1] == "+=" else { return nil }
        return fields[2]
    }

    /// The Makefile with `TARGETS += name` before the first target that sorts after it (the list is kept
    /// alphabetical), never inside an `ifneq`/`ifeq` block; after the last target when none sorts after.
    static func addingTarget(_ name: String, to makefile: String) -> String {
        var lines = TextLines(makefile)
        let indices = lines.lines.indices.filter { targetName(lines.lines[$0]) != nil }
        let line = "TARGETS += \(name)"
        guard let lastTarget = indices.last else {
            let end = lines.lines.last == "" ? lines.lines.count - 1 : lines.lines.count
            lines.lines.insert(line, at: end)
            return lines.text
        }
        var at = lastTarget + 1
        if let next = indices.first(where: { (targetName(lines.lines[$0]) ?? "") > name }) {
            at = next
            while at > 0, lines.lines[at - 1].hasPrefix("if") { at -= 1 }
        } else if at < lines.lines.count, lines.lines[at] == "endif" {
            at += 1
        }
        lines.lines.insert(line, at: at)
        return lines.text
    }

    static func makefileText(_ name: String) -> String {
        """
        # SPDX-License-Identifier: GPL-2.0
        CFLAGS += -Wall -O2 $(KHDR_INCLUDES)

        TEST_GEN_PROGS := \(name)_test

        include ../lib.mk

        """
    }

    /// The test: the syscall exists (it does not answer ENOSYS) when called with all-zero arguments.
    /// A starting point: the behaviour is the author's to test.
    static func testText(_ source: SyscallSource, number: Int?, harness: Harness) -> String {
        let name = source.name
        let args = String(repeating: ", 0", count: source.parameters.count)
        let signature = source.parameters.isEmpty
            ? "void" : source.parameters.map { SyscallSource.declare($0) }.joined(separator: ", ")
        var text = """
            // SPDX-License-Identifier: GPL-2.0
            /*
             * Selftest for the \(name)() system call:
             *   long \(name)(\(signature));
             */
            #define _GNU_SOURCE
            #include <errno.h>
            #include <stdio.h>
            #include <sys/syscall.h>
            #include <unistd.h>


            """
        text += harness == .harness ? "#include \"../kselftest_harness.h\"\n" : "#include \"../kselftest.h\"\n"
        if let number {
            text += """

                /* From the patched tree's headers (make headers); this fallback is the x86 and asm-generic number. */
                #ifndef __NR_\(name)
                #define __NR_\(name) \(number)
                #endif

                """
        }
        switch harness {
        case .harness:
            text += """

                TEST(\(name)_is_implemented)
                {
                \tlong ret;
                \tint err;

                \terrno = 0;
                \tret = syscall(__NR_\(name)\(args));
                \terr = ret == -1 ? errno : 0;
                \tTH_LOG("\(name)() returned %ld (errno %d)", ret, err);
                \tASSERT_FALSE(ret == -1 && err == ENOSYS);
                }

                TEST_HARNESS_MAIN

                """
        case .kselftest:
            text += """

                int main(void)
                {
                \tlong ret;
                \tint err;

                \terrno = 0;
                \tret = syscall(__NR_\(name)\(args));
                \terr = ret == -1 ? errno : 0;
                \tprintf("# \(name)() returned %ld (errno %d)\\n", ret, err);
                \tif (ret == -1 && err == ENOSYS)
                \t\treturn ksft_exit_fail();
                \treturn ksft_exit_pass();
                }

                """
        }
        return text
    }
}
