public import ServiceLifecycle
public import KioskBase
public import Logging
import UnixSignals

/// Reloads the config file on SIGHUP. A new config that fails the check is not applied: the
/// old one keeps running and every problem is logged.
public struct ConfigReloadService: Service {
    private let state: DaemonState
    private let notifier: SystemdNotifier
    private let logLevel: LogLevelSource
    private let logger: Logger
    private let readiness: ReadinessGate?

    public init(state: DaemonState, notifier: SystemdNotifier, logLevel: LogLevelSource, logger: Logger, readiness: ReadinessGate?) {
        self.state = state
        self.notifier = notifier
        self.logLevel = logLevel
        self.logger = logger
        self.readiness = readiness
    }

    public func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        state.set("config", .running, detail: "watching for SIGHUP")
        readiness?.arrived("config")
        defer { state.set("config", .stopped) }
        for await _ in hangups.cancelOnGracefulShutdown() {
            reload()
        }
    }

    /// Reads the config file again and applies it when it passes the check.
    func reload() {
        notifier.reloading()
        defer { notifier.ready(status: "Running (config reloaded)") }
        do {
            let config = try ConfigLoader.load(path: state.configPath)
            state.replaceConfig(config)
            logLevel.level = config.logging.level
            logger.notice("configuration reloaded", metadata: ["config.path": "\(state.configPath)"])
        } catch {
            state.recordFailedReload("\(error.issues.count) problem(s); first: \(error.issues.first?.description ?? "?")")
            logger.error("new configuration rejected; the previous one stays in force",
                         metadata: ["config.path": "\(state.configPath)", "config.problems": "\(error.issues.count)"])
            for issue in error.issues {
                logger.error("config problem: \(issue.description)")
            }
        }
    }
}
