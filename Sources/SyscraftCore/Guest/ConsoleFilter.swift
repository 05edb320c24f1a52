/// What `syscraft shell` shows of the guest's console, byte by byte: the boot's lines as they complete, then (once
/// the shell runs) every byte as it comes, so prompts without a newline appear; syscraft's own marker lines are held
/// back. Every complete line also goes to the boot's outcome, which the verdict reads (exit status, oops, panic).
public struct ConsoleFilter: Sendable {
    public private(set) var outcome = BootOutcome()
    /// The guest powered itself off, halted or rebooted (`poweroff` in the shell): a "reboot: ..." line.
    public private(set) var poweredOff = false
    private var line: [UInt8] = []
    private var held: [UInt8] = []
    private var holding = false
    private var atLineStart = true
    private static let exitMarker = Array("# syscraft-exit ".utf8)

    public init() {}

    /// The shell is running (its output now passes through byte by byte).
    public var interactive: Bool { outcome.guest.inRun }

    /// Nothing more will come that matters: the shell exited (its status is `outcome.guest.exitStatus`), the guest
    /// powered off, or the kernel panicked.
    public var finished: Bool {
        outcome.guest.done || poweredOff || outcome.console.findings.contains { $0.failure == .panic }
    }

    /// Feeds console bytes; returns those to show the user now.
    public mutating func feed(_ bytes: [UInt8]) -> [UInt8] {
        var show: [UInt8] = []
        for byte in bytes {
            let wasInteractive = interactive
            if byte == 0x0a {
                let text = String(decoding: line, as: UTF8.self)
                outcome.consume(text)
                // "reboot: Power down", "reboot: Restarting system", "reboot: Power off not available: System halted
                // instead" (x86 microvm has no ACPI): the kernel is going down.
                if text.hasPrefix("reboot: ") { poweredOff = true }
                if !wasInteractive {
                    // The boot's lines, whole; the marker that starts the shell is syscraft's own.
                    var trimmed = text
                    while trimmed.hasSuffix("\r") { trimmed.removeLast() }
                    if trimmed != "# syscraft-run" { show += line + [0x0a] }
                }
                line = []
            } else {
                line.append(byte)
            }
            guard wasInteractive else { continue }
            // Interactive: pass the byte on, unless it may be the start of the exit marker line.
            if holding {
                held.append(byte)
                let isPrefix = held.count <= Self.exitMarker.count && Array(Self.exitMarker.prefix(held.count)) == held
                let isMarkerTail = held.count > Self.exitMarker.count && Array(held.prefix(Self.exitMarker.count)) == Self.exitMarker
                    && (byte == 0x0d || (byte >= 0x30 && byte <= 0x39))
                if byte == 0x0a, held.count > Self.exitMarker.count, Array(held.prefix(Self.exitMarker.count)) == Self.exitMarker {
                    held = []  // the marker line: not shown
                    holding = false
                } else if !(isPrefix || isMarkerTail) {
                    show += held
                    held = []
                    holding = false
                }
            } else if atLineStart, byte == 0x23 {
                holding = true
                held = [byte]
            } else {
                show.append(byte)
            }
            atLineStart = byte == 0x0a || byte == 0x0d
        }
        return show
    }
}
