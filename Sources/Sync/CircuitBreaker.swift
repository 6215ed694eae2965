public import Foundation

/// Stops calls while the server keeps failing.
///
/// Closed: calls go through; `threshold` consecutive failures open it. Open: no calls until
/// `cooldown` has passed; then it is half-open and lets one probe call through. The probe's
/// success closes it, its failure opens it again for another cooldown.
public struct CircuitBreaker: Sendable, Equatable {
    /// Where the breaker stands.
    public enum State: Sendable, Equatable {
        /// Calls go through.
        case closed
        /// No calls until the instant.
        case open(until: Date)
        /// One probe call may go through.
        case halfOpen
    }

    /// Consecutive failures that open the breaker.
    public let threshold: Int
    /// How long it stays open before a probe.
    public let cooldown: Duration
    /// Current state.
    public private(set) var state: State = .closed
    /// Failures in a row so far.
    public private(set) var consecutiveFailures = 0

    /// A closed breaker.
    public init(threshold: Int = 5, cooldown: Duration = .seconds(30)) {
        self.threshold = max(1, threshold)
        self.cooldown = cooldown
    }

    /// Whether a call may start at `now`; moves an open breaker whose cooldown is over to half-open.
    public mutating func allowsCall(now: Date) -> Bool {
        switch state {
        case .closed, .halfOpen:
            return true
        case .open(let until):
            guard now >= until else { return false }
            state = .halfOpen
            return true
        }
    }

    /// Whether the next call is the half-open probe.
    public var isProbing: Bool { state == .halfOpen }

    /// The server answered (even with a refusal): closes the breaker.
    public mutating func recordSuccess() {
        consecutiveFailures = 0
        state = .closed
    }

    /// The call failed (network, timeout, 408, 429, 5xx).
    public mutating func recordFailure(now: Date) {
        consecutiveFailures += 1
        if state == .halfOpen || consecutiveFailures >= threshold {
            state = .open(until: now.addingTimeInterval(cooldown.timeInterval))
        }
    }
}
