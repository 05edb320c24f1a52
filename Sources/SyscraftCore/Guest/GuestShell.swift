/// The busybox guest's /init, a shell script: it mounts proc, sysfs, devtmpfs (and tmpfs, devpts), names the host,
/// sets PATH, then runs the user's command (`syscraft run`) or an interactive shell (`syscraft shell`) between the
/// markers the console parser reads (`# syscraft-run`, `# syscraft-exit N`), and powers the guest off.
public enum GuestShell {
    /// What the guest runs once it is up.
    public enum Session: Sendable, Equatable {
        /// `syscraft run -- ARGV`: one word is a shell command line (`'echo $((6*7))'`), several are argv words.
        case command([String])
        /// `syscraft shell`: an interactive shell with job control on the console.
        case interactive
        /// `syscraft test --module`: each program run without the modules, the modules loaded, each program run
        /// with them, the modules unloaded, the kernel log; every step a `# syscraft-program STEP/NAME exit=N` report
        /// with its output as `# | ` lines (`Verdict.module` judges them).
        case moduleTest(programs: [String])
        /// `syscraft compare`: the command as for `.command`, timed by the guest (`kcall -t`, the monotonic clock)
        /// into a `metric wall MS ms lower` line after its own output, with the CPUs the guest saw reported first
        /// (`# syscraft-cpus N`).
        case measure([String])
    }

    /// A module in the guest's initramfs: its name (what rmmod takes), its file and insmod's parameters.
    public struct Module: Sendable, Equatable {
        public var name: String
        public var parameters: [String]
        public var path: String { "/lib/modules/syscraft/\(name).ko" }

        public init(name: String, parameters: [String] = []) {
            self.name = name
            self.parameters = parameters
        }

        var insmod: String { (["insmod", path] + parameters.map(GuestShell.quote)).joined(separator: " ") }
    }

    /// Where a module test's programs are in the guest.
    public static func programPath(_ name: String) -> String { "/usr/local/bin/\(name)" }

    public static let hostname = "syscraft"
    public static let path = "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"

    /// A word quoted for the shell: `'it'\''s'`.
    public static func quote(_ word: String) -> String {
        if !word.isEmpty, word.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0)) }) { return word }
        return "'" + word.replacing("'", with: "'\\''") + "'"
    }

    /// The command line the guest shell runs: a single word as it is, several words each quoted.
    public static func commandLine(_ argv: [String]) -> String {
        argv.count == 1 ? argv[0] : argv.map(quote).joined(separator: " ")
    }

    /// /etc/profile of the interactive shell: `poweroff`, `reboot` and `halt` act at once (busybox's applets would
    /// signal a busybox init, and this init is a script; the shell prefers its applets to PATH, so these are
    /// functions).
    public static let profile = """
        poweroff() { sync; busybox poweroff -f; }
        halt() { sync; busybox poweroff -f; }
        reboot() { sync; busybox reboot -f; }

        """

    /// The /init script. `modules` are loaded before the command or shell runs (a failed load prints insmod's and the
    /// kernel's messages), or, for a module test, between its steps.
    public static func initScript(_ session: Session, modules: [Module] = []) -> String {
        let run: String
        // A module that does not load stops the guest before the command: its messages, then exit 4 (the command
        // never ran), as for a guest that never reached init.
        var load = modules.map { m in
            "\(m.insmod) || { echo \"syscraft: insmod \(m.name) failed; the kernel said:\"; dmesg | tail -n 5; echo '# syscraft-exit 4'; sync; poweroff -f; }"
        }.joined(separator: "\n")
        switch session {
        case .moduleTest(let programs):
            load = ""
            // One step: the command's output as `# | ` lines, then its report line.
            // awk, not sed: output without a final newline still ends its line, so the report line is a line of its own.
            // stdin is /dev/null: a program that reads it must not wait on the console.
            var steps = ["step() { n=$1; shift; \"$@\" </dev/null >/tmp/.step 2>&1; rc=$?; awk '{ print \"# | \" $0 }' /tmp/.step; echo \"# syscraft-program $n exit=$rc\"; }"]
            steps += programs.map { "step without/\($0) \(programPath($0))" }
            // The kernel log is judged from here on: what the boot and the runs without the module printed is not the module's.
            steps.append("echo \(KernelLog.mark) >/dev/kmsg")
            steps += modules.map { "step insmod/\($0.name) \($0.insmod)" }
            steps += programs.map { "step with/\($0) \(programPath($0))" }
            steps += modules.reversed().map { "step rmmod/\($0.name) rmmod \($0.name)" }
            steps.append("step dmesg/kernel dmesg")
            steps.append("echo '# syscraft-done'")
            return prelude + steps.joined(separator: "\n") + "\nsync\npoweroff -f\n"
        case .command(let argv):
            // stdin is the console, which `run` never writes to: read from /dev/null instead of waiting on it.
            run = "sh -c \(quote(commandLine(argv))) </dev/null"
        case .measure(let argv):
            // The exit status is the command's; the wall time is printed only when it succeeded.
            run = """
                t0=$(kcall -t); sh -c \(quote(commandLine(argv))) </dev/null; rc=$?; t1=$(kcall -t)
                [ $rc = 0 ] && echo "metric \(MetricSample.wallName) $(((t1 - t0) / 1000000)).$(printf %03d $(((t1 - t0) / 1000 % 1000))) ms lower"
                (exit $rc)
                """
        case .interactive:
            // cttyhack gives the shell the console as its controlling terminal: job control and Ctrl-C work.
            run = "setsid cttyhack sh -l"
        }
        let cpus = if case .measure = session { "echo \"# syscraft-cpus $(nproc)\"\n" } else { "" }
        return prelude + cpus + """
            echo '# syscraft-run'
            \(load.isEmpty ? "" : load + "\n")\(run)
            echo "# syscraft-exit $?"
            sync
            poweroff -f

            """
    }

    /// Mounts, host name, PATH, the working directory: what every session starts with.
    static var prelude: String {
        return """
            #!/bin/sh
            mount -t proc proc /proc
            mount -t sysfs sysfs /sys
            mount -t devtmpfs devtmpfs /dev 2>/dev/null
            mkdir -p /dev/pts /tmp /run
            mount -t devpts devpts /dev/pts 2>/dev/null
            mount -t tmpfs tmpfs /tmp 2>/dev/null
            hostname \(hostname)
            export PATH=\(path) HOME=/root TERM=${TERM:-linux} PS1='\\h:\\w\\$ '
            cd /root

            """
    }
}
