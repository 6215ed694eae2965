public import Foundation

/// The sync engine's state for `kioskctl` and metrics.
public struct SyncStatus: Sendable, Equatable {
    /// When a batch was last accepted (at least one record acknowledged).
    public var lastSuccessAt: Date?
    /// The last failure, without personal data.
    public var lastError: String?
    /// When ``lastError`` happened.
    public var lastErrorAt: Date?
    /// The circuit breaker's state.
    public var breaker: CircuitBreaker.State = .closed
    /// Server failures in a row.
    public var consecutiveFailures = 0
    /// No request before this instant (the server's `Retry-After`).
    public var pausedUntil: Date?
    /// Records acknowledged since start.
    public var ackedCount = 0
    /// Records given up on since start.
    public var deadCount = 0
    /// Retries scheduled since start.
    public var retryCount = 0
    /// Requests sent since start.
    public var requestCount = 0

    /// An empty status.
    public init() {}
}
