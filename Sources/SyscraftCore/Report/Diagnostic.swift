/// A note or warning for the user: what happened and, when there is one, what to do. Errors are `SyscraftError`s.
/// Rendered in one place (the command layer's `Output`); in JSON a diagnostic is its rendered text, so the `notes`
/// and `warnings` fields keep their shape (arrays of strings).
public struct Diagnostic: Sendable, Equatable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public enum Severity: String, Sendable, Codable {
        /// Information: a reused verdict, a boot time, a dormant record.
        case note
        /// Something the user should look at: compat advice, an arch not wired, a failed build or boot.
        case warning
    }

    public var severity: Severity
    public var message: String
    public var hint: String?

    public init(_ severity: Severity, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.message = message
        self.hint = hint
    }

    public static func note(_ message: String, hint: String? = nil) -> Diagnostic { Diagnostic(.note, message, hint: hint) }
    public static func warning(_ message: String, hint: String? = nil) -> Diagnostic { Diagnostic(.warning, message, hint: hint) }

    /// A warning without a hint.
    public init(stringLiteral value: String) { self.init(.warning, value) }

    /// The message, then the hint after a colon-free "hint:" line when there is one.
    public var text: String { hint.map { "\(message)\n  hint: \($0)" } ?? message }
    public var description: String { text }

    /// Whether the rendered text holds `words` (for callers that search diagnostics).
    public func contains(_ words: String) -> Bool { text.contains(words) }
    public func hasPrefix(_ words: String) -> Bool { text.hasPrefix(words) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self.init(.note, text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
