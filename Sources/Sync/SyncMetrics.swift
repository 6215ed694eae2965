public import CoreMetrics
import Foundation

/// What the sync engine counts, through swift-metrics: records by outcome, requests by result,
/// how long each round trip took, and the circuit breaker's state. The daemon hands it the
/// Prometheus factory of `KioskMetrics`; by default it reports to the process-wide
/// `MetricsSystem` (which records nothing until bootstrapped).
///
/// Series (Prometheus names):
/// - `kiosk_sync_records_total{outcome}`: `acked`, `retried`, `dead`;
/// - `kiosk_sync_requests_total{result}`: see ``RequestResult``;
/// - `kiosk_sync_round_duration_seconds`: one bundle sent and answered (or failed), a histogram;
/// - `kiosk_sync_circuit_breaker_state`: 0 closed, 1 half-open (probing), 2 open.
public struct SyncMetrics: Sendable {
    /// How one request to the server ended.
    public enum RequestResult: String, Sendable, CaseIterable {
        /// A 2xx transaction-response that could be read.
        case ok
        /// No complete response: refused, reset, timed out, TLS failure.
        case networkError = "network_error"
        /// The server's certificate chain matched none of the configured SPKI pins.
        case pinMismatch = "pin_mismatch"
        /// 408, 429 or 5xx.
        case serverError = "server_error"
        /// Another 4xx: the server refused the bundle for good.
        case rejected
        /// A response that is not the expected FHIR JSON.
        case malformed
    }

    private let acked: Counter
    private let retried: Counter
    private let dead: Counter
    private let requests: [RequestResult: Counter]
    private let roundDuration: CoreMetrics.Timer
    private let breaker: Gauge

    /// Metrics made by `factory`; every series exists from the start (at 0).
    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        let records = "kiosk_sync_records_total"
        acked = Counter(label: records, dimensions: [("outcome", "acked")], factory: factory)
        retried = Counter(label: records, dimensions: [("outcome", "retried")], factory: factory)
        dead = Counter(label: records, dimensions: [("outcome", "dead")], factory: factory)
        requests = Dictionary(uniqueKeysWithValues: RequestResult.allCases.map {
            ($0, Counter(label: "kiosk_sync_requests_total", dimensions: [("result", $0.rawValue)], factory: factory))
        })
        roundDuration = CoreMetrics.Timer(label: "kiosk_sync_round_duration_seconds", dimensions: [], factory: factory)
        breaker = Gauge(label: "kiosk_sync_circuit_breaker_state", dimensions: [], factory: factory)
        breaker.record(0)
    }

    func recordOutcomes(acked: Int, retried: Int, dead: Int) {
        if acked > 0 { self.acked.increment(by: acked) }
        if retried > 0 { self.retried.increment(by: retried) }
        if dead > 0 { self.dead.increment(by: dead) }
    }

    func recordRequest(_ result: RequestResult, duration: Duration) {
        requests[result]?.increment()
        roundDuration.recordNanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    func recordBreaker(_ state: CircuitBreaker.State) {
        switch state {
        case .closed: breaker.record(0)
        case .halfOpen: breaker.record(1)
        case .open: breaker.record(2)
        }
    }

    /// The result kind of one request, from the transport's answer and its reading.
    static func result(of answer: Result<UpstreamResponse, SyncError>, _ verdict: DeliveryVerdict) -> RequestResult {
        switch answer {
        case .failure(let error):
            switch error.reason {
            case .transport: return .networkError
            case .pinMismatch: return .pinMismatch
            default: return .malformed
            }
        case .success(let response):
            switch response.status {
            case 200..<300: return verdict.serverFailed ? .malformed : .ok
            case 408, 429, 500...: return .serverError
            case 400..<500: return .rejected
            default: return .malformed
            }
        }
    }
}
