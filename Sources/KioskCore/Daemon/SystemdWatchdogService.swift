import Foundation
public import ServiceLifecycle
public import Logging

/// Keeps systemd's watchdog fed (`WATCHDOG=1` at half of `WATCHDOG_USEC`) while the daemon
/// runs, and says `STOPPING=1` the moment a graceful shutdown begins.
public struct SystemdWatchdogService: Service {
    private let notifier: SystemdNotifier
    private let interval: Duration?
    private let state: DaemonState
    private let logger: Logger

    public init(notifier: SystemdNotifier, state: DaemonState, logger: Logger,
                environment: [String: String]? = nil) {
        self.notifier = notifier
        self.state = state
        self.logger = logger
        self.interval = Self.pingInterval(environment: environment ?? ProcessInfo.processInfo.environment)
    }

    /// Half of `WATCHDOG_USEC`, when the watchdog is enabled for this process.
    static func pingInterval(environment: [String: String]) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], let usec = UInt64(text), usec > 0 else { return nil }
        if let pid = environment["WATCHDOG_PID"], pid != String(getpid()) { return nil }
        return .microseconds(Int64(usec / 2))
    }

    public func run() async throws {
        state.set("watchdog", interval == nil ? .disabled : .running, detail: interval.map { "ping every \($0)" } ?? "not requested by systemd")
        defer { state.set("watchdog", .stopped) }
        await withGracefulShutdownHandler {
            guard let interval else {
                try? await gracefulShutdown()
                return
            }
            logger.debug("watchdog enabled", metadata: ["watchdog.interval": "\(interval)"])
            try? await cancelWhenGracefulShutdown {
                while true {
                    notifier.watchdog()
                    try await Task.sleep(for: interval)
                }
            }
        } onGracefulShutdown: {
            notifier.stopping()
        }
    }
}
