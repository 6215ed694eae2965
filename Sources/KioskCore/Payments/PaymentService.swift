public import Logging
public import ServiceLifecycle

/// The payment desk's long-running part: at start, settles card sales a crash left open (by
/// asking the terminal); then, every `interval`, polls the station server for VietQR transfers
/// and expires codes shown too long. A failing poll is logged and tried again next round.
public struct PaymentService: Service {
    let desk: PaymentDesk
    let poller: TransferPoller?
    let interval: Duration
    let logger: Logger

    /// A service for `desk`; `poller` nil when transfers come by callback or staff only.
    public init(desk: PaymentDesk, poller: TransferPoller?, interval: Duration = .seconds(10), logger: Logger) {
        self.desk = desk
        self.poller = poller
        self.interval = interval
        self.logger = logger
    }

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
            await round()
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                break
            }
        }
    }

    /// One poll of the station server and one expiry pass.
    func round() async {
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
    }
}
