import CSyscraftShims
import Foundation
import Synchronization

/// The host's TSC rate, for x86 guests under TCG. QEMU's TCG gives an x86 guest the host's own time-stamp counter,
/// but a guest kernel on `microvm` has no HPET or PM timer to calibrate it against, and its PIT calibration fails now
/// and then under emulation ("tsc: Unable to calibrate against PIT ... Switched to clocksource refined-jiffies",
/// seen in 1 boot of 4): that guest's clock then ticks in 4 ms steps, and every timing it takes is garbage.
/// `tsc_early_khz=` on the command line skips the calibration. Measured once per process (5 ms against
/// CLOCK_MONOTONIC_RAW), rounded to the MHz so a boot's command line (and the fingerprint of a kept boot) is stable.
public enum HostClock {
    private static let measured = Mutex<Int??>(nil)

    /// The host TSC's rate in kHz, rounded to the MHz; nil on a host without a TSC.
    public static var tscKHz: Int? {
        measured.withLock { state in
            if let known = state { return known }
            let value = measure()
            state = .some(value)
            return value
        }
    }

    static func now() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC_RAW, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }

    /// A clock reading and the TSC at the same instant: the TSC read on both sides of the clock read, the tightest
    /// of a few tries, the clock paired with the midpoint.
    static func pair() -> (ns: UInt64, tsc: UInt64) {
        var best: (ns: UInt64, tsc: UInt64, width: UInt64) = (0, 0, .max)
        for _ in 0..<16 {
            let a = syscraft_rdtsc(), t = now(), b = syscraft_rdtsc()
            if b >= a, b - a < best.width { best = (t, a + (b - a) / 2, b - a) }
        }
        return (best.ns, best.tsc)
    }

    static func measure() -> Int? {
        guard syscraft_rdtsc() != 0 else { return nil }
        let start = pair()
        while now() - start.ns < 5_000_000 {}
        let end = pair()
        guard end.tsc > start.tsc, end.ns > start.ns else { return nil }
        let khz = Double(end.tsc - start.tsc) / Double(end.ns - start.ns) * 1_000_000
        let mhz = (khz / 1000).rounded()
        return mhz >= 100 ? Int(mhz) * 1000 : nil
    }
}
