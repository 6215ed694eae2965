public import Logging
import Synchronization

/// The process-wide log level, shared by every ``KioskLogHandler`` so that a config reload can
/// change it while the daemon runs.
public final class LogLevelSource: Sendable {
    private let current: Mutex<Logger.Level>

    public init(_ level: Logger.Level) { current = Mutex(level) }

    public var level: Logger.Level {
        get { current.withLock { $0 } }
        set { current.withLock { $0 = newValue } }
    }
}
