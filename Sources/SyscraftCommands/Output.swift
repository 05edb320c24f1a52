import ArgumentParser
import Foundation
import SyscraftCore
import SyscraftExec

/// The `add --json` contract: name, numbers by ABI, and every file's added and removed lines.
struct PlanJSON: Encodable {
    struct Edit: Encodable {
        var path: String
        var added: [String]
        var removed: [String]
        var created: Bool?
        var deleted: Bool?
    }
    var name: String
    var numbers: [String: Int]
    var edits: [Edit]
    var warnings: [String]?
    var dryRun: Bool

    init(_ plan: WiringPlan, dryRun: Bool) {
        name = plan.name
        numbers = plan.numbers
        edits = plan.changes.map { change in
            let (added, removed) = change.addedAndRemoved
            return Edit(path: change.path, added: added, removed: removed, created: change.old == nil ? true : nil, deleted: change.new == nil ? true : nil)
        }
        warnings = plan.warnings.isEmpty ? nil : plan.warnings.map(\.text)
        self.dryRun = dryRun
    }

    enum CodingKeys: String, CodingKey { case name, numbers, edits, warnings, dryRun = "dry_run" }

    /// Prints a plan: JSON, the diff of a dry run, or the one-line summary `done`.
    static func emit(_ plan: WiringPlan, dryRun: Bool, json: Bool, done: @autoclosure () -> String) {
        if json {
            printJSON(PlanJSON(plan, dryRun: dryRun))
        } else if dryRun {
            print(plan.unifiedDiff(), terminator: "")
        } else {
            print(done())
        }
    }
}

/// The one place a command's results reach the user: the results table, `--json`, and the diagnostics (notes and
/// warnings on stderr, one "syscraft: ..." line each, the hint indented below). Errors are `Failure`'s.
enum Output {
    static func emit(_ report: TestReport, json: Bool) {
        if json {
            printJSON(report)
            return
        }
        diagnostics(report.notes)
        print(table(report))
        if let timings = timingTable(report) { FileHandle.standardError.write(Data((timings + "\n").utf8)) }
    }

    /// Per-arch timings of a matrix (two arches or more), on stderr below the table: the build of the tree, the stock
    /// build when one was needed, and each boot (seconds; "-" when that step did not run).
    static func timingTable(_ report: TestReport) -> String? {
        var arches: [String] = []
        for r in report.results where !arches.contains(r.arch) { arches.append(r.arch) }
        guard arches.count > 1 else { return nil }
        func seconds(_ key: String) -> String { report.timings[key].map { String(format: "%.1f", $0) } ?? "-" }
        var rows = [["arch", "build s", "stock build s", "boot stock s", "boot patched s", "arch total s"]]
        for arch in arches {
            rows.append([arch, seconds("build_\(arch)"), seconds("build_stock_\(arch)"), seconds("boot_stock_\(arch)"),
                         seconds("boot_patched_\(arch)"), seconds("arch_\(arch)")])
        }
        return render(rows) + "\ntotal \(seconds("total")) s"
    }

    /// Notes and warnings on stderr: `syscraft: note text` / `syscraft: warning: text`, then `  hint: ...`.
    static func diagnostics(_ items: [Diagnostic]) {
        for item in items { FileHandle.standardError.write(Data((line(item) + "\n").utf8)) }
    }

    static func line(_ item: Diagnostic) -> String {
        switch item.severity {
        case .note: "syscraft: \(item.text)"
        case .warning: "syscraft: warning: \(item.text)"
        }
    }

    /// arch | syscall | number | stock | patched | expected | verdict — one row per arch and syscall; test programs below.
    static func table(_ report: TestReport) -> String {
        var rows: [[String]] = [["arch", "syscall", "number", Kernel.stock.rawValue, Kernel.patched.rawValue, "expected", "verdict"]]
        func show(_ x: TestResult?) -> String {
            guard let x else { return "-" }
            guard let ret = x.return else { return "no answer" }
            return ret == -1 ? "-1/\(errnoName(x.errno ?? 0, arch: x.arch))" : String(ret)
        }
        for row in report.rows {
            guard row.syscall != nil else {
                // A row for the whole boot (an oops the guest lived through, a kernel that did not build or boot).
                func failed(_ x: TestResult?) -> String { x.map { $0.passed ? "-" : "failed" } ?? "-" }
                rows.append([row.arch, "(boot)", "-", failed(row.stock), failed(row.patched), "-", row.passed ? "PASS" : "FAIL"])
                continue
            }
            rows.append([row.arch, row.syscall ?? "-", row.number.map(String.init) ?? "-", show(row.stock), show(row.patched),
                         row.expected.map(String.init) ?? "not ENOSYS", row.passed ? "PASS" : "FAIL"])
        }
        // A module test with no syscall added has no syscall rows: no empty table then.
        var text = rows.count > 1 || report.results.allSatisfy({ $0.module == nil }) ? render(rows) : ""
        let programs = report.results.filter { $0.test != nil }
        if !programs.isEmpty {
            var prows: [[String]] = [["arch", "kernel", "test", "exit", "verdict"]]
            for r in programs { prows.append([r.arch, r.kernel.rawValue, r.test ?? "", r.exitStatus.map(String.init) ?? "-", r.passed ? "PASS" : "FAIL"]) }
            text += "\n" + render(prows)
            for r in programs where !r.passed {
                text += "\n--- \(r.arch) \(r.kernel) \(r.test ?? ""): \(r.reason ?? "")\n" + (r.output ?? "")
            }
        }
        let modules = report.results.filter { $0.module != nil }
        if !modules.isEmpty {
            var mrows: [[String]] = [["arch", "module", "phase", "verdict"]]
            for r in modules { mrows.append([r.arch, r.module ?? "", r.phase ?? "", r.passed ? "PASS" : "FAIL"]) }
            text += (text.isEmpty ? "" : "\n") + render(mrows)
        }
        for r in report.results where !r.passed && r.test == nil {
            text += "\n" + [r.arch, r.kernel.rawValue, r.syscall, r.module, r.phase].compactMap { $0 }.joined(separator: " ") + ": \(r.reason ?? "failed")"
        }
        return text
    }

    static func errnoName(_ e: Int, arch: String) -> String {
        e == Verdict.enosys(arch: arch) ? "ENOSYS" : (e == 14 ? "EFAULT" : (e == 22 ? "EINVAL" : "errno \(e)"))
    }

    static func render(_ rows: [[String]]) -> String {
        let widths = (0..<(rows.first?.count ?? 0)).map { i in rows.map { $0.indices.contains(i) ? $0[i].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { i, cell in cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) }.joined(separator: " | ")
        }.joined(separator: "\n")
    }
}

/// The `run --json` contract: `{"exit": N, "output": "...", "kernel": "patched", "arch": "...", "boot_s": ...}`; a
/// guest that failed has `"exit": null` and its `failure` and `diagnosis`.
struct RunJSON: Encodable {
    var exit: Int?
    var output: String
    var kernel: String
    var arch: String
    var bootSeconds: Double
    var accel: String
    var failure: String?
    var diagnosis: String?

    enum CodingKeys: String, CodingKey { case exit, output, kernel, arch, bootSeconds = "boot_s", accel, failure, diagnosis }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(exit, forKey: .exit)
        try c.encode(output, forKey: .output)
        try c.encode(kernel, forKey: .kernel)
        try c.encode(arch, forKey: .arch)
        try c.encode((bootSeconds * 1000).rounded() / 1000, forKey: .bootSeconds)
        try c.encode(accel, forKey: .accel)
        try c.encodeIfPresent(failure, forKey: .failure)
        try c.encodeIfPresent(diagnosis, forKey: .diagnosis)
    }
}

extension Output {
    /// A run's end: JSON, or (the output having streamed) on failure the diagnosis and the console's last lines.
    static func emit(_ result: GuestRun.Result, json: Bool) {
        var doc = RunJSON(output: result.outcome.guest.runText, kernel: result.kernel.rawValue, arch: result.arch,
                          bootSeconds: result.bootSeconds, accel: result.accel.rawValue)
        switch result.verdict {
        case .exited(let status):
            doc.exit = status
        case .failed(let finding):
            doc.failure = finding.failure.rawValue
            doc.diagnosis = finding.line + " (" + finding.hint + ")"
            guestFailure(finding, outcome: result.outcome, arch: result.arch, kernel: result.kernel)
        }
        if json { printJSON(doc) }
    }

    /// A guest that failed: the diagnosis, with the oops as the kernel printed it (its addresses named) or the
    /// console's last lines.
    static func guestFailure(_ finding: ConsoleScanner.Finding, outcome: BootOutcome, arch: String, kernel: Kernel) {
        let lines = finding.failure == .oops && !outcome.console.oopsReport.isEmpty
            ? outcome.console.oopsReport.prefix(24).map { outcome.symbols?.annotate($0) ?? $0 }
            : Array(outcome.console.recent.suffix(10))
        diagnostics([.warning("\(arch) \(kernel) kernel: \(finding.failure.rawValue): \(finding.line)\n    "
            + lines.joined(separator: "\n    "), hint: finding.hint)])
    }
}

func printJSON<T: Encodable>(_ value: T) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    if let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) { print(text) }
}
