/// Backoff for opening a device that libusb announced before udev applied its permissions:
/// `LIBUSB_ERROR_ACCESS` is retried with doubling delays up to `maxWait` in total. Also the
/// pauses before a stopped driver is started again (doubling from `restartPause`).
public struct OpenRetry: Sendable, Hashable {
    public var firstDelay: Duration
    public var maxDelay: Duration
    public var maxWait: Duration
    public var restartPause: Duration
    public var maxRestartPause: Duration

    public init(firstDelay: Duration = .milliseconds(50), maxDelay: Duration = .seconds(1), maxWait: Duration = .seconds(10),
                restartPause: Duration = .milliseconds(500), maxRestartPause: Duration = .seconds(30)) {
        self.firstDelay = firstDelay
        self.maxDelay = maxDelay
        self.maxWait = maxWait
        self.restartPause = restartPause
        self.maxRestartPause = maxRestartPause
    }

    /// The delays between attempts.
    public var delays: [Duration] {
        var result: [Duration] = []
        var next = firstDelay
        var total = Duration.zero
        while total + next <= maxWait {
            result.append(next)
            total += next
            next = min(next * 2, maxDelay)
        }
        return result
    }
}
