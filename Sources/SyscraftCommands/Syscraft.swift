import ArgumentParser
import Foundation
import SyscraftCore
import SyscraftExec

public struct Syscraft: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "syscraft",
        abstract: "Add a system call to a Linux kernel tree, build it, boot it in QEMU and prove it from userspace.",
        discussion: """
            The whole loop, on Debian's linux-source-6.12:
              $ syscraft demo
            Your own syscall, on your own tree:
              $ syscraft add kstacksize.c --tree ~/linux --dry-run
              $ syscraft add kstacksize.c --tree ~/linux
              $ syscraft test --tree ~/linux --arch x86_64,i386
            Exit codes: 0 passed; 1 a test failed; 2 bad input or refused (tree untouched);
            3 kernel build failed; 4 boot or host tooling failed; 130 interrupted.
            """,
        subcommands: [Doctor.self, Add.self, Remove.self, Status.self, Table.self, Build.self, Test.self, Run.self, Shell.self, Debug.self, Compare.self, Demo.self, Selftest.self, Patch.self, Watch.self]
    )
    public init() {}

    /// Parses and runs, keeping every failure to one `syscraft: error: <problem>; <fix>` line:
    /// a bad command line exits 2 like any other bad input (not ArgumentParser's 64 and usage dump).
    public static func main() async {
        let command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            if error is CleanExit || exitCode(for: error) == .success { exit(withError: error) }
            let text = message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
            var problem = text.hasPrefix("Error: ") ? String(text.dropFirst(7)) : text
            while problem.hasSuffix(".") { problem.removeLast() }  // ArgumentParser ends sentences with one; ours go on
            let words = CommandLine.arguments.dropFirst().prefix { !$0.hasPrefix("-") }.prefix(1)
            let help = (["syscraft"] + words.filter { name in configuration.subcommands.contains { $0._commandName == name } } + ["--help"])
                .joined(separator: " ")
            // An option's own validation that names its fix ("...; use kvm or tcg") keeps it; the rest get the usage hint.
            let fix = problem.contains("; ") ? "" : "; run '\(help)' for usage"
            FileHandle.standardError.write(Data("syscraft: error: \(Failure.oneLine(problem))\(fix)\n".utf8))
            Foundation.exit(2)
        }
        do {
            var command = command
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            InterruptHandling.yieldToInterruptIfNeeded()
        } catch let code as ExitCode {
            InterruptHandling.yieldToInterruptIfNeeded()
            Foundation.exit(code.rawValue)
        } catch let error as SyscraftError {
            Foundation.exit(Failure.report(error).rawValue)
        } catch {
            // --help, --version and the like arrive here as ArgumentParser errors with a success exit code.
            if error is CleanExit || exitCode(for: error) == .success { exit(withError: error) }
            if error is ValidationError || String(describing: type(of: error)).contains("CommandError") {
                let text = message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
                FileHandle.standardError.write(Data("syscraft: error: \(Failure.oneLine(text)); run 'syscraft --help' for usage\n".utf8))
                Foundation.exit(2)
            }
            InterruptHandling.yieldToInterruptIfNeeded()
            FileHandle.standardError.write(Data("syscraft: error: \(Failure.oneLine(String(describing: error))); this is a bug in syscraft, please report it with the command you ran\n".utf8))
            Foundation.exit(4)
        }
    }
}

/// Options every tree command shares.
struct TreeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The kernel source tree.", valueName: "dir"), completion: .directory)
    var tree: String

    @Option(name: .long, help: ArgumentHelp("Cache directory (default: $XDG_CACHE_HOME/syscraft).", valueName: "dir"), completion: .directory)
    var cacheDir: String?

    @Flag(name: .long, help: "Print machine-readable JSON on stdout.")
    var json = false

    @Flag(name: .shortAndLong, help: "Print only results and errors.")
    var quiet = false

    func workspace() throws(SyscraftError) -> Workspace {
        let tree = try DiskTree(root: self.tree)
        let cache = CachePaths(override: cacheDir)
        // Build output, journal and manifest must never land in the user's tree.
        let cacheRoot = URL(fileURLWithPath: cache.root).resolvingSymlinksInPath().path
        if cacheRoot == tree.root || cacheRoot.hasPrefix(tree.root + "/") {
            throw SyscraftError(.badInput, "the cache directory \(cache.root) is inside the kernel tree \(tree.root)",
                                hint: "pass --cache-dir outside the tree (the default is $XDG_CACHE_HOME/syscraft)")
        }
        try cache.checkUsable(given: !(cacheDir ?? "").isEmpty)
        return Workspace(tree: tree, cache: cache, reporter: ConsoleReporter(quiet: quiet))
    }
}

/// Maps errors to one clear line on stderr and a documented exit code.
enum Failure {
    static func exitCode(for error: SyscraftError) -> Int32 {
        switch error.kind {
        case .badInput, .badTree, .unknownLayout, .conflict, .notFound: return 2
        case .build: return 3
        case .boot, .tool, .io: return 4
        case .interrupted: return 130
        }
    }

    static func report(_ error: SyscraftError) -> ExitCode {
        InterruptHandling.yieldToInterruptIfNeeded()
        FileHandle.standardError.write(Data("syscraft: error: \(oneLine(error.description))\n".utf8))
        return ExitCode(exitCode(for: error))
    }

    /// User text (names, paths, option values) may hold newlines or terminal escapes: keep the report on one line.
    static func oneLine(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += " "
            default: out += scalar.value < 0x20 || scalar.value == 0x7f ? "\\x" + String(scalar.value, radix: 16) : String(scalar)
            }
        }
        return out
    }

    /// Runs a command body, turning SyscraftError into the one-line report.
    static func guarded<T>(_ body: () async throws -> T) async throws -> T {
        InterruptHandling.install()
        do { return try await body() } catch let error as SyscraftError { throw report(error) }
    }
}

func parseArches(_ text: String) throws(SyscraftError) -> [ArchProfile] {
    if text == "all" { return ArchProfile.all.filter { SyscraftExec.Doctor.missing(SyscraftExec.Doctor.requirements(for: [$0], demo: false)).isEmpty } }
    var result: [ArchProfile] = []
    for name in text.split(separator: ",").map({ String($0).trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
        guard let p = ArchProfile.named(name) else {
            throw SyscraftError(.badInput, "unknown arch '\(name)'", hint: "use one of: \(ArchProfile.all.map(\.name).joined(separator: ", ")), or all")
        }
        if !result.contains(p) { result.append(p) }
    }
    guard !result.isEmpty else { throw SyscraftError(.badInput, "no arch given", hint: "pass --arch x86_64") }
    return result
}
