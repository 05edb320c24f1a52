// Small text helpers shared by the parsers (Core avoids Foundation's CharacterSet APIs).

extension Substring {
    /// The text without leading and trailing characters from `set`.
    func trimmed(_ set: String) -> String {
        String(self.drop(while: { set.contains($0) }).reversed().drop(while: { set.contains($0) }).reversed())
    }
}

extension String {
    /// The text without leading and trailing characters from `set`.
    func trimmed(_ set: String) -> String { Substring(self).trimmed(set) }
}
