import Foundation
import Subprocess
import Synchronization
import SyscraftCore

#if canImport(Glibc)
import Glibc
#endif

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Starts processes with swift-subprocess, each in its own session so that a timeout, a stop
/// request or Ctrl-C kills the whole process group (make's compilers, qemu), leaving no orphans:
/// when a run ends, whatever is left of its session is killed and reaped (`ProcessTable`).
public enum ProcessRunner {
    /// Runs to completion and returns merged output (bounded) and the ending.
    public static func capture(_ command: Command, timeout: Duration? = nil, input: String? = nil) async throws -> (ending: ProcessOutcome.Ending, output: String) {
        var collected: [String] = []
        let outcome = try await stream(command, timeout: timeout, keepTail: 0) { line in
            if collected.count < 20000 { collected.append(line) }
            return .continue
        }
        return (outcome.ending, collected.joined(separator: "\n"))
    }

    /// Runs `command`, handing each line of merged stdout/stderr to `onLine` as it arrives.
    /// The process group is killed when `onLine` returns `.stop`, when `timeout` passes, or when the task is cancelled.
    public static func stream(
        _ command: Command,
        timeout: Duration? = nil,
        keepTail: Int = 40,
        onLine: @escaping (String) -> LineAction
    ) async throws -> ProcessOutcome {
        var options = PlatformOptions()
        options.createSession = true
        options.teardownSequence = [.send(signal: .kill, toProcessGroup: true, allowedDurationToNextStep: .seconds(1))]
        // A name is looked up on PATH here, with stat: Subprocess's own lookup tries each PATH entry with an exec in a
        // child (seen with strace: eight failed execs before /usr/bin/qemu-system-x86_64).
        let executable: Executable = command.executable.contains("/") ? .path(FilePath(command.executable))
            : which(command.executable).map { .path(FilePath($0)) } ?? .name(command.executable)
        var env: [Environment.Key: String?] = [:]
        for (k, v) in command.environment { env[Environment.Key(stringLiteral: k)] = v }
        let state = StreamState(keepTail: keepTail)
        let handler = UnsafeSendable(onLine)
        _ = ProcessTable.subreaper
        let session = Mutex<pid_t?>(nil)
        let result: ExecutionResult<ProcessOutcome.Ending?, SequenceOutput, CombinedErrorOutput>
        do {
            result = try await Subprocess.run(
                executable,
                arguments: Arguments(command.arguments),
                environment: .inherit.updating(env),
                workingDirectory: command.workingDirectory.map { FilePath($0) },
                platformOptions: options,
                input: .none,
                output: .sequence,
                error: .combinedWithOutput
            ) { execution -> ProcessOutcome.Ending? in
                let pid = execution.processIdentifier.value
                session.withLock { $0 = pid }
                ChildRegistry.shared.add(pid)
                defer { ChildRegistry.shared.remove(pid) }
                return try await withThrowingTaskGroup(of: ProcessOutcome.Ending?.self) { group in
                    group.addTask {
                        for try await line in execution.standardOutput.strings(bufferingPolicy: .unbounded) {
                            state.append(line)
                            if case .stop = handler.value(line) { return .stoppedByCaller }
                        }
                        return nil
                    }
                    if let timeout {
                        group.addTask {
                            try await Task.sleep(for: timeout)
                            return .timedOut
                        }
                    }
                    let first = try await group.next() ?? nil
                    if first != nil {
                        await execution.teardown(using: [.send(signal: .kill, toProcessGroup: true, allowedDurationToNextStep: .seconds(1))])
                    }
                    group.cancelAll()
                    return first
                }
            }
        } catch let error as SubprocessError {
            await reapSession()
            throw SyscraftError(.tool, "could not run \(command.executable): \(error)", hint: "install it (syscraft doctor --install) or check PATH")
        } catch {
            await reapSession()
            throw error
        }
        await reapSession()
        let ending: ProcessOutcome.Ending
        if let forced = result.closureResult {
            ending = forced
        } else {
            switch result.terminationStatus {
            case .exited(let code): ending = .exited(Int32(code))
            case .signaled(let sig): ending = .signaled(Int32(sig))
            }
        }
        return ProcessOutcome(ending: ending, tail: state.tail)

        /// The leader has been reaped by swift-subprocess; its group and session may not be gone yet (SIGKILL is
        /// asynchronous, and orphans are reparented to us): kill and reap the rest, bounded.
        func reapSession() async {
            guard let pid = session.withLock({ $0 }) else { return }
            _ = await ProcessTable.reap([pid])
        }
    }

    /// Is `name` an executable on PATH?
    public static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// Wraps a non-Sendable closure that is only ever called from one task at a time.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

final class StreamState: Sendable {
    private let lines: Mutex<[String]>
    private let keepTail: Int
    init(keepTail: Int) {
        self.keepTail = keepTail
        self.lines = Mutex([])
    }
    func append(_ line: String) {
        guard keepTail > 0 else { return }
        lines.withLock {
            $0.append(line)
            if $0.count > keepTail { $0.removeFirst($0.count - keepTail) }
        }
    }
    var tail: [String] { lines.withLock { $0 } }
}

/// The process groups syscraft has started and not yet reaped, so Ctrl-C can kill them all.
public final class ChildRegistry: Sendable {
    public static let shared = ChildRegistry()
    private let groups = Mutex<Set<pid_t>>([])

    /// Collects the sessions started within `recordingSessions` (a task-local, so concurrent work is not mixed in).
    @TaskLocal static var recorder: StartedSessions?

    func add(_ pid: pid_t) {
        _ = groups.withLock { $0.insert(pid) }
        Self.recorder?.add(pid)
    }
    func remove(_ pid: pid_t) { _ = groups.withLock { $0.remove(pid) } }

    /// Runs `body` and returns, with its result, the record of every session (id = leader pid) ProcessRunner starts
    /// within it, in its child tasks and in the tasks it creates, now or later: what a check of a teardown looks for.
    public static func recordingSessions<T>(_ body: () async throws -> T) async rethrows -> (T, StartedSessions) {
        let recorder = StartedSessions()
        let value = try await $recorder.withValue(recorder) { try await body() }
        return (value, recorder)
    }

    /// Kills every live process group (SIGKILL): make, compilers, qemu; then reaps them and their orphans, bounded,
    /// so that no zombie of syscraft's outlives it.
    public func killAll() {
        let live = groups.withLock { $0 }
        for pid in live { kill(-pid, SIGKILL) }
        // The leaders are our children: reap them (bounded: a process stuck in the kernel must not hang Ctrl-C),
        // unless swift-subprocess's monitor already did; then what is left of their sessions.
        let deadline = ContinuousClock.now + .seconds(2)
        var waiting = live
        while !waiting.isEmpty, ContinuousClock.now < deadline {
            waiting = waiting.filter { pid in
                var status: Int32 = 0
                return waitpid(pid, &status, WNOHANG) == 0
            }
            if !waiting.isEmpty { usleep(10_000) }
        }
        _ = ProcessTable.reapNow(live)
    }
}

/// The sessions ProcessRunner started within one `ChildRegistry.recordingSessions`.
public final class StartedSessions: Sendable {
    private let pids = Mutex<Set<pid_t>>([])
    func add(_ pid: pid_t) { _ = pids.withLock { $0.insert(pid) } }
    public var ids: Set<pid_t> { pids.withLock { $0 } }
}

/// Installs SIGINT/SIGTERM handling: kill every child group, then exit 130 (SIGINT) or 143.
public enum InterruptHandling {
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
    private static let interruptedFlag = Atomic<Bool>(false)
    private static let cleanups = Mutex<[@Sendable () -> Void]>([])

    /// Runs `cleanup` when an interrupt ends syscraft, after the children are killed (`shell` restores the terminal).
    public static func onExit(_ cleanup: @escaping @Sendable () -> Void) { cleanups.withLock { $0.append(cleanup) } }

    /// True once a SIGINT/SIGTERM arrived. Set before any child is killed, so a build or boot that fails
    /// because the handler killed it is never reported as a build or boot failure.
    public static var isInterrupted: Bool { interruptedFlag.load(ordering: .acquiring) }

    /// Called by error paths: when an interrupt is under way, the signal handler owns the exit (130/143);
    /// park here instead of reporting the collateral failure and exiting with its code.
    public static func yieldToInterruptIfNeeded() {
        guard isInterrupted else { return }
        while true { pause() }
    }

    public static func install(onInterrupt: @escaping @Sendable () -> Void = {}) {
        for (sig, code) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                interruptedFlag.store(true, ordering: .releasing)
                ChildRegistry.shared.killAll()
                for cleanup in cleanups.withLock({ $0 }) { cleanup() }
                onInterrupt()
                FileHandle.standardError.write("\nsyscraft: interrupted; stopped every build and guest it had started\n".data(using: .utf8) ?? Data())
                exit(code)
            }
            source.resume()
            sources.append(source)
        }
    }
}
