public import Logging

/// What kioskd hands to the services built outside KioskCore (the local API, in the `LocalAPI`
/// module that imports this one): the daemon's state and current config, the
/// payment commands and the gate for the station server's transfer callbacks.
public struct DaemonContext: Sendable {
    /// Service states and the current config (replaced on SIGHUP).
    public let state: DaemonState
    /// The staff payment commands; nil when the config has no `[payments]`.
    public let payments: PaymentCommands?
    /// Checks the station server's bearer token against the current config.
    public let transferCallback: TransferCallbackGate
    public let logger: Logger
    /// The metrics registry (`GET /metrics`); nil when none is kept.
    public let metrics: KioskMetrics?

    /// A context; kioskd makes it, tests may make their own.
    public init(state: DaemonState, payments: PaymentCommands?, transferCallback: TransferCallbackGate, logger: Logger,
                metrics: KioskMetrics? = nil) {
        self.metrics = metrics
        self.state = state
        self.payments = payments
        self.transferCallback = transferCallback
        self.logger = logger
    }

    /// The config in force now.
    public var config: KioskConfig { state.currentConfig }
}
