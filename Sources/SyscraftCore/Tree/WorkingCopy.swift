/// Pending edits over a tree: reads see earlier edits; `changes` lists each touched file once. It is itself a tree
/// (the tree as it will be), so planning can go on over it: the wiring planner, and `patch`, which undoes later
/// additions in memory before exporting one.
public struct WorkingCopy<Tree: TreeReader>: TreeReader {
    public let tree: Tree
    private var order: [String] = []
    private var current: [String: String?] = [:]

    public init(tree: Tree) { self.tree = tree }

    public func text(_ path: String) -> String? {
        if let pending = current[path] { return pending }
        return tree.read(path)
    }

    public mutating func set(_ path: String, _ text: String?) {
        if current[path] == nil { order.append(path) }
        current[path] = .some(text)
    }

    public var changes: [FileChange] {
        order.compactMap { path in
            let old = tree.read(path)
            let new = current[path] ?? nil
            return old == new ? nil : FileChange(path: path, old: old, new: new)
        }
    }

    // MARK: TreeReader

    public func read(_ path: String) -> String? { text(path) }
    public func exists(_ path: String) -> Bool {
        if let pending = current[path] { return pending != nil }
        return tree.exists(path)
    }
    public func symlinkTarget(_ path: String) -> String?? { tree.symlinkTarget(path) }
    public func list(_ directory: String) -> [String] { tree.list(directory) }
}
