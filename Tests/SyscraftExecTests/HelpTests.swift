import Foundation
import Testing

@Suite struct HelpTests {
    @Test("--help works for the root and every subcommand: exit 0, usage on stdout, nothing on stderr",
          arguments: ["", "doctor", "add", "remove", "table", "build", "test", "demo", "selftest", "patch", "watch"])
    func help(command: String) throws {
        let run = try CLI.run((command.isEmpty ? [] : [command]) + ["--help"], home: NSTemporaryDirectory())
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("USAGE:"), "\(run)")
        #expect(run.errorLines.isEmpty, "\(run)")
    }
}
