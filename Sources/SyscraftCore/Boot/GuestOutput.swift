/// Parses what the guest's init prints on the serial console: KTAP lines plus syscraft's own
/// machine-readable `# syscraft-...` diagnostics. Incremental: feed lines as they arrive.
public struct GuestOutputParser: Sendable {
    public struct Call: Sendable, Equatable {
        public var name: String
        public var number: Int
        public var returned: Int
        public var errno: Int
    }

    public struct ProgramRun: Sendable, Equatable {
        public var name: String
        public var exitStatus: Int
        public var output: [String]
    }

    public private(set) var calls: [Call] = []
    public private(set) var programs: [ProgramRun] = []
    public private(set) var ktap: [KTAPResult] = []
    public private(set) var plan: Int?
    public private(set) var done = false
    public private(set) var started = false
    private var currentOutput: [String] = []
    /// `syscraft run`/`shell`: the guest shell's command is running (between `# syscraft-run` and `# syscraft-exit N`).
    public private(set) var inRun = false
    /// The command's exit status, from `# syscraft-exit N` (which also ends the boot: `done`).
    public private(set) var exitStatus: Int?
    /// The CPUs the guest saw (`# syscraft-cpus N`, printed by a `compare` run's init).
    public private(set) var cpus: Int?
    /// The command's output lines, in order (without the markers).
    public private(set) var runOutput: [String] = []

    /// The command's output as it printed it: lines with their newlines, the last one without when it had none.
    public var runText: String {
        runOutput.enumerated().map { i, line in line + (i == runOutput.count - 1 && outputEndsWithoutNewline ? "" : "\n") }.joined()
    }
    /// The last line consumed was the command's output (for streaming it as it comes).
    public private(set) var lastLineIsOutput = false
    /// The command's last output had no newline of its own (it ran into the exit marker: `printf x`).
    public private(set) var outputEndsWithoutNewline = false

    public init() {}

    public struct KTAPResult: Sendable, Equatable {
        public var ok: Bool
        public var number: Int
        public var description: String
        public var directive: String?
    }

    /// Consumes one console line (the printk timestamp prefix and a trailing \r are tolerated).
    public mutating func consume(_ raw: String) {
        var line = Substring(raw)
        while line.last == "\r" { line = line.dropLast() }
        lastLineIsOutput = false
        // The command's own output is kept exactly as printed (a "[1] ..." line is no printk stamp).
        if inRun {
            // Output without a final newline runs into the marker: "partial# syscraft-exit 0".
            if let marker = line.firstRange(of: "# syscraft-exit "), let status = Int(line[marker.upperBound...]) {
                if marker.lowerBound > line.startIndex {
                    runOutput.append(String(line[..<marker.lowerBound]))
                    lastLineIsOutput = true
                    outputEndsWithoutNewline = true
                }
                exitStatus = status
                inRun = false
                done = true
                return
            }
            runOutput.append(String(line))
            lastLineIsOutput = true
            return
        }
        line = KernelLog.stripStamp(line)
        if line == "# syscraft-run" { inRun = true; started = true; return }
        if line.hasPrefix("# syscraft-cpus "), let n = Int(line.dropFirst("# syscraft-cpus ".count)) { cpus = n; return }
        // Indented lines belong to a nested (sub)test, such as a KUnit suite on the console: they must not
        // replace the top-level plan or count as top-level results.
        if line.first == " " || line.first == "\t" { return }
        let text = String(line)
        if text.hasPrefix("KTAP version") || text.hasPrefix("TAP version") { started = true; return }
        if text.hasPrefix("1.."), let n = Int(text.dropFirst(3)) { plan = n; return }
        if text.hasPrefix("# syscraft-call ") {
            var fields: [String: String] = [:]
            let parts = text.dropFirst("# syscraft-call ".count).split(separator: " ")
            guard let name = parts.first else { return }
            for part in parts.dropFirst() {
                let kv = part.split(separator: "=", maxSplits: 1)
                if kv.count == 2 { fields[String(kv[0])] = String(kv[1]) }
            }
            if let nr = fields["nr"].flatMap({ Int($0) }), let ret = fields["ret"].flatMap({ Int($0) }), let err = fields["errno"].flatMap({ Int($0) }) {
                calls.append(Call(name: String(name), number: nr, returned: ret, errno: err))
            }
            return
        }
        if text.hasPrefix("# | ") || text == "# |" {
            currentOutput.append(text.count > 4 ? String(text.dropFirst(4)) : "")
            return
        }
        if text.hasPrefix("# syscraft-program ") {
            let parts = text.dropFirst("# syscraft-program ".count).split(separator: " ")
            guard let name = parts.first else { return }
            var status = -1
            for part in parts.dropFirst() where part.hasPrefix("exit=") { status = Int(part.dropFirst(5)) ?? -1 }
            programs.append(ProgramRun(name: String(name), exitStatus: status, output: currentOutput))
            currentOutput = []
            return
        }
        if text == "# syscraft-done" { done = true; return }
        if let result = Self.parseResultLine(text) { ktap.append(result) }
    }

    /// Parses a KTAP/TAP result line: `ok 1 name # SKIP reason` or `not ok 2 name`.
    public static func parseResultLine(_ text: String) -> KTAPResult? {
        let trimmed = text.drop(while: { $0 == " " })
        let ok: Bool
        var rest: Substring
        if trimmed.hasPrefix("ok ") {
            ok = true
            rest = trimmed.dropFirst(3)
        } else if trimmed.hasPrefix("not ok ") {
            ok = false
            rest = trimmed.dropFirst(7)
        } else {
            return nil
        }
        let digits = rest.prefix(while: { $0.isNumber })
        guard !digits.isEmpty, digits.count < 10, let number = Int(digits) else { return nil }
        rest = rest.dropFirst(digits.count).drop(while: { $0 == " " || $0 == "-" })
        var description = String(rest)
        var directive: String?
        if let hash = rest.firstRange(of: " # ") {
            description = String(rest[..<hash.lowerBound])
            directive = String(rest[hash.upperBound...])
        }
        return KTAPResult(ok: ok, number: number, description: description.trimmed(" "), directive: directive)
    }
}

