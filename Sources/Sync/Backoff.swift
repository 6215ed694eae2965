import Foundation

/// Exponential backoff with full jitter: before attempt *n* (n ≥ 1 failures so far) wait a
/// random time in `0 ... min(cap, base · 2^(n-1))`. The random draw is injected so tests can
/// pin it.
public struct Backoff: Sendable {
    /// The first window.
    public var base: Duration
    /// The largest window (10 minutes by default).
    public var cap: Duration
    /// Picks a point in `0 ... upper`; uniform by default.
    public var jitter: @Sendable (Duration) -> Duration

    /// A backoff from `base` doubling up to `cap`.
    public init(base: Duration = .seconds(2), cap: Duration = .seconds(600),
                jitter: @escaping @Sendable (Duration) -> Duration = Backoff.uniform) {
        self.base = base
        self.cap = cap
        self.jitter = jitter
    }

    /// The upper bound of the window after `failures` failed attempts (1 for the first).
    public func window(failures: Int) -> Duration {
        let exponent = min(max(failures - 1, 0), 40)
        let seconds = base.seconds * pow(2, Double(exponent))
        return seconds >= cap.seconds ? cap : .seconds(seconds)
    }

    /// How long to wait after `failures` failed attempts.
    public func delay(failures: Int) -> Duration {
        let window = window(failures: failures)
        return min(max(jitter(window), .zero), window)
    }

    /// A uniform draw in `0 ... upper`.
    public static let uniform: @Sendable (Duration) -> Duration = { upper in
        let seconds = upper.seconds
        return seconds > 0 ? .seconds(Double.random(in: 0...seconds)) : .zero
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    var timeInterval: TimeInterval { seconds }
}
