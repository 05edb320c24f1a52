import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where long operations report what they are doing. Human text goes to stderr, so stdout stays clean for --json.
public protocol ProgressReporter: Sendable {
    func status(_ message: String)
    func progress(done: Int, total: Int?, item: String)
    func finishProgress()
}

/// A progress bar on a terminal; plain lines (one per 10%) when stderr is piped; nothing when quiet.
public final class ConsoleReporter: ProgressReporter, @unchecked Sendable {
    private let isTTY: Bool
    private let quiet: Bool
    private let lock = NSLock()
    private var lastBucket = -1
    private var lastDraw = Date.distantPast
    private var drawn = false

    public init(quiet: Bool = false) {
        self.isTTY = isatty(2) == 1
        self.quiet = quiet
    }

    func write(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }

    public func status(_ message: String) {
        guard !quiet else { return }
        lock.lock(); defer { lock.unlock() }
        if drawn { write("\r\u{1B}[K"); drawn = false }
        write("syscraft: \(message)\n")
    }

    public func progress(done: Int, total: Int?, item: String) {
        guard !quiet else { return }
        lock.lock(); defer { lock.unlock() }
        if isTTY {
            guard Date().timeIntervalSince(lastDraw) > 0.1 else { return }
            lastDraw = Date()
            let width = 30
            let line: String
            if let total, total > 0 {
                let fraction = min(1, Double(done) / Double(total))
                let filled = Int(fraction * Double(width))
                line = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] \(done)/\(total) \(item)"
            } else {
                line = "[\(done) compiled] \(item)"
            }
            write("\r\u{1B}[K" + String(line.prefix(100)))
            drawn = true
        } else {
            let bucket = total.map { $0 > 0 ? done * 10 / $0 : 0 } ?? done / 100
            if bucket != lastBucket {
                lastBucket = bucket
                write("syscraft:   compiled \(done)\(total.map { " of ~\($0)" } ?? "") (\(item))\n")
            }
        }
    }

    public func finishProgress() {
        guard !quiet else { return }
        lock.lock(); defer { lock.unlock() }
        if drawn { write("\r\u{1B}[K"); drawn = false }
        lastBucket = -1
    }
}
