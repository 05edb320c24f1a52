/// The one error type syscraft reports to users: a problem and its fix, on one line.
public struct SyscraftError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        case badInput, badTree, unknownLayout, conflict, notFound, io, build, boot, tool, interrupted
    }
    public var kind: Kind
    /// What went wrong, naming the file or value.
    public var message: String
    /// What to do about it (an exact command where possible).
    public var hint: String?

    public init(_ kind: Kind, _ message: String, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
    }

    public var description: String {
        guard let hint, !hint.isEmpty else { return message }
        return "\(message); \(hint)"
    }
}
