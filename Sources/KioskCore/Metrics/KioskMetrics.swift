import Foundation
import Prometheus
public import Store
public import Sync

/// The daemon's metrics registry, in one place, and its Prometheus text exposition
/// (`kioskctl metrics`, `GET /metrics` of the local API).
///
/// The sync engine counts through swift-metrics into ``sync`` (records by outcome, requests by
/// result, round durations, the circuit breaker's state). The outbox figures are read from the
/// database at each ``render()``, so that they hold across restarts:
/// - `kiosk_outbox_records{state}`: records per state (`pending`, `sending`, `acked`, `dead`);
/// - `kiosk_outbox_oldest_pending_age_seconds`: age of the oldest undelivered record (0 when none);
/// - `kiosk_sync_last_success_timestamp_seconds`: Unix time of the last accepted delivery (0 before any).
public final class KioskMetrics: Sendable {
    /// Hand this to `SyncEngine.Configuration.metrics`.
    public let sync: SyncMetrics
    private let registry: PrometheusCollectorRegistry
    private let database: KioskDatabase
    private let depth: [(OutboxState, Prometheus.Gauge)]
    private let oldestPendingAge: Prometheus.Gauge
    private let lastSuccess: Prometheus.Gauge

    /// A fresh registry reporting on `database`'s outbox.
    public init(database: KioskDatabase) {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        self.database = database
        sync = SyncMetrics(factory: PrometheusMetricsFactory(registry: registry))
        let records = MetricNameDescriptor(namespace: "kiosk", subsystem: "outbox", metricName: "records", unitName: "",
                                           helpText: "Outbox records by state")
        depth = OutboxState.allCases.map { ($0, registry.makeGauge(descriptor: records, labels: [("state", $0.rawValue)])) }
        oldestPendingAge = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "kiosk", subsystem: "outbox", metricName: "oldest_pending_age", unitName: "seconds",
            helpText: "Age of the oldest record not yet delivered (0 when none)"))
        lastSuccess = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "kiosk", subsystem: "sync", metricName: "last_success_timestamp", unitName: "seconds",
            helpText: "Unix time of the last delivery the server accepted (0 before any)"))
    }

    /// Every series in the Prometheus text format (version 0.0.4). When the database cannot be
    /// read, the outbox figures keep their last values and the rest is still rendered.
    public func render() async -> String {
        if let stats = try? await database.outbox.stats() {
            for (state, gauge) in depth { gauge.set(Double(stats.counts[state] ?? 0)) }
            oldestPendingAge.set(stats.oldestPendingAge() ?? 0)
            lastSuccess.set(stats.lastSuccessAt?.timeIntervalSince1970 ?? 0)
        }
        return registry.emitToString()
    }

    /// ``render()`` as the metrics provider of the local API's `GET /metrics`.
    public var provider: @Sendable () async -> String {
        { [self] in await render() }
    }
}
