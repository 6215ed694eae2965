public import Logging
public import ServiceLifecycle
import Payments
import Synchronization

/// The payment desk's long-running part: at start, settles card sales a crash left open (by
/// asking the terminal); then, every round, polls the station server for VietQR transfers (when
/// transfers are confirmed by polling) and expires codes shown too long. A failing poll is logged
/// and tried again next round.
///
/// Built from the config (``init(desk:settings:logger:)``), it reads `[payments]` again every
/// round, so that a reloaded config (SIGHUP) changes the fee table, the confirmation mode, the
/// station server and the interval without a restart.
public struct PaymentService: Service {
    let desk: PaymentDesk
    let source: Source
    let logger: Logger

    /// Where the poller and the interval come from.
    enum Source: Sendable {
        case fixed(TransferPoller?, Duration)
        case config(@Sendable () -> KioskConfig.Payments?, PollerSlot)
    }

    /// A service for `desk`; `poller` nil when transfers come by callback or staff only.
    public init(desk: PaymentDesk, poller: TransferPoller?, interval: Duration = .seconds(10), logger: Logger) {
        self.desk = desk
        self.source = .fixed(poller, interval)
        self.logger = logger
    }

    /// A service following `settings` (the current `[payments]`, nil when absent).
    public init(desk: PaymentDesk, settings: @escaping @Sendable () -> KioskConfig.Payments?, logger: Logger) {
        self.desk = desk
        self.source = .config(settings, PollerSlot())
        self.logger = logger
    }

    /// Rounds are this far apart when no poll interval is configured.
    static let defaultInterval = Duration.seconds(10)

    public func run() async throws {
        do {
            let unresolved = try await desk.recover()
            if !unresolved.isEmpty {
                logger.warning("card sales the terminal could not settle; they stay presented until asked again",
                               metadata: ["payments.unresolved": "\(unresolved.map(\.rawValue))"])
            }
        } catch {
            logger.error("settling interrupted payments failed: \(error)")
        }
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let interval = await round()
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                break
            }
        }
    }

    /// One poll of the station server and one expiry pass; returns the pause until the next round.
    @discardableResult
    func round() async -> Duration {
        let (poller, interval) = current()
        if let poller {
            do {
                let outcomes = try await poller.poll()
                let unmatched = outcomes.filter { if case .unmatched = $0 { true } else { false } }.count
                if unmatched > 0 { logger.warning("transfers that paid no bill", metadata: ["payments.unmatched": "\(unmatched)"]) }
            } catch {
                logger.warning("polling the station server failed: \(error)")
            }
        }
        do {
            _ = try await desk.expireVietQR()
        } catch {
            logger.error("expiring VietQR codes failed: \(error)")
        }
        return interval
    }

    /// The poller and interval of this round; with a config source, also brings the desk's fee
    /// table up to date.
    func current() -> (TransferPoller?, Duration) {
        switch source {
        case .fixed(let poller, let interval):
            return (poller, interval)
        case .config(let settings, let slot):
            guard let payments = settings() else { return (nil, Self.defaultInterval) }
            desk.replaceFees(with: payments.fees)
            guard case .poll(let url, let seconds) = payments.confirmation else {
                if slot.clear() { logger.notice("station server polling stopped", metadata: ["payments.confirmation": "\(payments.confirmation.name)"]) }
                return (nil, Self.defaultInterval)
            }
            do {
                let (poller, isNew) = try slot.poller(url: url, desk: desk)
                if isNew { logger.notice("polling the station server for VietQR transfers", metadata: ["payments.feed": "\(url)", "payments.interval_s": "\(seconds)"]) }
                return (poller, .seconds(seconds))
            } catch {
                logger.error("cannot poll the station server: \(error)")
                return (nil, .seconds(seconds))
            }
        }
    }
}

/// The poller of the configured station server URL; a new one when the URL changes (the cursor
/// of the old feed means nothing to the new one).
final class PollerSlot: Sendable {
    private let slot = Mutex<TransferPoller?>(nil)

    /// The poller for `url`, and whether it was made just now.
    func poller(url: String, desk: PaymentDesk) throws -> (TransferPoller, Bool) {
        try slot.withLock { current in
            if let current, current.url == url { return (current, false) }
            let made = try TransferPoller(url: url, desk: desk)
            current = made
            return (made, true)
        }
    }

    /// Drops the poller; true when there was one.
    func clear() -> Bool {
        slot.withLock { current in
            defer { current = nil }
            return current != nil
        }
    }
}
