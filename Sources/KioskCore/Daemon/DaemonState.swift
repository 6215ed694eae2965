public import Foundation
import Synchronization

/// What the running daemon knows about itself: when it started, which config it runs, and the
/// state of each of its services. Read by the control socket; updated by the services.
public final class DaemonState: Sendable {
    /// The lifecycle state of one service.
    public enum ServiceState: String, Sendable, Codable {
        case starting, running, disabled, degraded, stopping, stopped, failed
    }

    public let startedAt: Date
    public let configPath: String
    private let services: Mutex<[String: (state: ServiceState, detail: String?)]>
    private let config: Mutex<KioskConfig>
    private let reloads: Mutex<(count: Int, lastError: String?)> = Mutex((0, nil))

    public init(configPath: String, config: KioskConfig, startedAt: Date = Date()) {
        self.configPath = configPath
        self.startedAt = startedAt
        self.config = Mutex(config)
        self.services = Mutex([:])
    }

    public var currentConfig: KioskConfig { config.withLock { $0 } }

    public func replaceConfig(_ new: KioskConfig) {
        config.withLock { $0 = new }
        reloads.withLock { $0 = ($0.count + 1, nil) }
    }

    public func recordFailedReload(_ error: String) {
        reloads.withLock { $0.lastError = error }
    }

    public var reloadSummary: (count: Int, lastError: String?) { reloads.withLock { $0 } }

    public func set(_ service: String, _ state: ServiceState, detail: String? = nil) {
        services.withLock { $0[service] = (state, detail) }
    }

    public func state(of service: String) -> ServiceState? { services.withLock { $0[service]?.state } }

    /// Every service with its state, sorted by name.
    public var serviceStates: [(name: String, state: ServiceState, detail: String?)] {
        services.withLock { table in table.map { ($0.key, $0.value.state, $0.value.detail) }.sorted { $0.name < $1.name } }
    }
}
