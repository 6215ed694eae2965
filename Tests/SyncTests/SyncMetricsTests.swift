import Foundation
import Store
import Testing
@testable import Sync

/// Which request result each server answer or transport failure is counted as.
@Suite struct SyncMetricsTests {
    @Test func eachAnswerHasItsRequestResult() async throws {
        let store = try TestStore()
        defer { store.remove() }
        let bundle = try await DeliveryVerdictTests.bundle(store)
        let created = Array(repeating: "201 Created", count: bundle.entryCount)
        let cases: [(Result<UpstreamResponse, SyncError>, SyncMetrics.RequestResult)] = [
            (.success(DeliveryVerdictTests.response(created)), .ok),
            (.success(UpstreamResponse(status: 200, body: Data("{".utf8))), .malformed),
            (.success(UpstreamResponse(status: 503, retryAfter: "2", body: Data())), .serverError),
            (.success(UpstreamResponse(status: 429, body: Data())), .serverError),
            (.success(UpstreamResponse(status: 400, body: Data())), .rejected),
            (.success(UpstreamResponse(status: 302, body: Data())), .malformed),
            (.failure(SyncError(.transport, "connection refused")), .networkError),
            (.failure(SyncError(.pinMismatch, "no pinned key")), .pinMismatch),
            (.failure(SyncError(.malformedResponse, "too large")), .malformed),
        ]
        for (answer, expected) in cases {
            let verdict = DeliveryVerdict.classify(bundle, answer, now: Date())
            #expect(SyncMetrics.result(of: answer, verdict) == expected, "\(answer)")
        }
    }
}
