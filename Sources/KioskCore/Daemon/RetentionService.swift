import Logging
import ServiceLifecycle
import Store

/// Deletes acknowledged outbox records older than `[sync] retention_days` (read from the running
/// config, so a reload applies), at start and then every `interval`. Dead records are kept
/// until an operator retries them.
struct RetentionService: Service {
    let database: KioskDatabase
    let state: DaemonState
    let interval: Duration
    let logger: Logger

    func run() async throws {
        state.set("retention", .running, detail: "every \(interval)")
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await purgeOnce()
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                break
            }
        }
        state.set("retention", .stopped)
    }

    /// One purge with the retention of the running config; failures are logged, not fatal.
    func purgeOnce() async {
        let days = state.currentConfig.sync.retentionDays
        do {
            let purged = try await database.outbox.purgeAcked(olderThanDays: days)
            if purged > 0 {
                logger.info("retention: purged acknowledged records", metadata: ["outbox.purged": "\(purged)", "retention.days": "\(days)"])
            }
        } catch {
            logger.warning("retention: purge failed: \(error)")
        }
    }
}
