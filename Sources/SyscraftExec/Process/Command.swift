import SyscraftCore

/// A process to start: an argv array (never a shell string), environment updates and a working directory.
public struct Command: Sendable, CustomStringConvertible, Equatable {
    public var executable: String
    public var arguments: [String]
    public var environment: [String: String]
    public var workingDirectory: String?

    public init(_ executable: String, _ arguments: [String] = [], environment: [String: String] = [:], workingDirectory: String? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
    }

    /// For logs and error messages only: shell-quoted, never executed.
    public var description: String {
        ([executable] + arguments).map { arg in
            arg.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0) }) && !arg.isEmpty ? arg : "'" + arg.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }
}

/// How a streamed process ended.
public struct ProcessOutcome: Sendable {
    public enum Ending: Sendable, Equatable {
        case exited(Int32)
        case signaled(Int32)
        /// The line handler asked to stop; the process group was killed.
        case stoppedByCaller
        /// The deadline passed; the process group was killed.
        case timedOut
    }
    public var ending: Ending
    /// The last lines of merged stdout/stderr.
    public var tail: [String]

    public var succeeded: Bool { ending == .exited(0) }
}

/// What a line handler wants after seeing a line.
public enum LineAction: Sendable {
    case `continue`
    case stop
}
