import ArgumentParser
import Foundation
import SyscraftCore
import SyscraftExec

struct Patch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export an added syscall as a git format-patch series for upstream (checkpatch-clean).",
        discussion: """
            Writes 0000-cover-letter.patch and, in upstream's order, the implementation with its generic wiring,
            the arch wiring, and the selftest (when added with --selftest):
              $ syscraft patch kstacksize --tree ~/linux -o outgoing/
              $ cd ~/clean-linux && git am ~/outgoing/000[1-9]-*.patch
            The author comes from git config user.name/user.email unless --author is given.
            """)

    @Argument(help: "The syscall's name.")
    var name: String

    @OptionGroup var options: TreeOptions

    @Option(name: [.customShort("o"), .customLong("output-directory")], help: ArgumentHelp("Where to write the patches (created if missing).", valueName: "dir"), completion: .directory)
    var output: String

    @Option(help: ArgumentHelp("Author and Signed-off-by, as \"Name <email>\" (default: git config user.name/user.email).", valueName: "author"))
    var author: String?

    @Option(help: ArgumentHelp("Subject prefix, e.g. \"RFC PATCH\" or \"PATCH v2\".", valueName: "prefix"))
    var subjectPrefix = "PATCH"

    func run() async throws {
        try await Failure.guarded {
            let workspace = try options.workspace()
            let who: PatchSeries.Author
            if let author {
                guard let open = author.firstIndex(of: "<"), let close = author.lastIndex(of: ">"), open < close else {
                    throw SyscraftError(.badInput, "--author '\(author)' is not \"Name <email>\"", hint: "e.g. --author \"Ada Lovelace <ada@example.org>\"")
                }
                let name = author[..<open].trimmingCharacters(in: .whitespaces)
                let email = String(author[author.index(after: open)..<close])
                guard !name.isEmpty, email.contains("@") else {
                    throw SyscraftError(.badInput, "--author '\(author)' is not \"Name <email>\"", hint: "e.g. --author \"Ada Lovelace <ada@example.org>\"")
                }
                who = PatchSeries.Author(name: name, email: email)
            } else if let fromGit = await Workspace.gitAuthor() {
                who = fromGit
            } else {
                throw SyscraftError(.badInput, "no author: git config user.name/user.email are not set",
                                    hint: "pass --author \"Name <email>\" (it also signs off the patches)")
            }
            let patches = try workspace.patchSeries(name: name, author: who, subjectPrefix: subjectPrefix)
            try CachePaths.makeDirectory(output)
            var written: [String] = []
            for patch in patches {
                let path = (output as NSString).appendingPathComponent(patch.fileName)
                do { try patch.text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
                    throw SyscraftError(.io, "cannot write \(path): \(error.localizedDescription)", hint: "check permissions")
                }
                written.append(path)
            }
            if options.json {
                printJSON(["patches": written])
            } else {
                for path in written { print(path) }
            }
        }
    }
}

struct Selftest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a kselftest for an added syscall: tools/testing/selftests/NAME/ and TARGETS += NAME.",
        discussion: """
              $ syscraft selftest kstacksize --tree ~/linux
              $ syscraft test --tree ~/linux --selftests      # builds it and runs it in the guest
            `remove` takes the selftest away with the syscall.
            """)

    @Argument(help: "The syscall's name.")
    var name: String

    @OptionGroup var options: TreeOptions

    @Flag(help: "Print the diff and write nothing.")
    var dryRun = false

    func run() async throws {
        try await Failure.guarded {
            let plan = try options.workspace().addSelftest(name: name, dryRun: dryRun)
            PlanJSON.emit(plan, dryRun: dryRun, json: options.json, done: "added selftest for \(name): \(plan.changes.map(\.path).joined(separator: ", "))")
        }
    }
}
