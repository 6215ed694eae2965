import Foundation
import Store
import Testing
@testable import Sync

/// Each fault of the test upstream, against a real SQLite outbox: the records are retried as
/// specified, and in the end every one is on the server exactly once (by outbox id).
@Suite(.serialized) struct FaultMatrixTests {
    @Test(arguments: [
        ("500", "HTTP 500"), ("503+retry-after=1", "HTTP 503"), ("429", "HTTP 429"),
        ("delay=1500", "sync.transport"), ("reset", "sync.transport"), ("malformed", "sync.malformedResponse"),
    ])
    func retryableFaultLosesAndDoublesNothing(fault: String, expectedError: String) async throws {
        let harness = try SyncHarness(faults: [fault, fault])
        defer { harness.upstream.stop(); Task { await harness.close() } }
        let produced = try await harness.store.produce(30)

        #expect(try await harness.drainUntilAllAcked(produced.count))

        let counts = try await harness.store.counts()
        #expect(counts[.acked] == produced.count && counts[.pending] == 0 && counts[.sending] == 0 && counts[.dead] == 0)
        let stats = try await harness.upstream.stats()
        #expect(stats.distinctOutboxIDs == produced.count)
        #expect(try await harness.upstream.outboxIDs() == Set(produced))
        #expect(stats.faultsPending == 0)
        // Faults after which the server had stored the bundle make the client resend it: the
        // server answers those entries as duplicates and creates nothing twice.
        if ["delay=1500", "reset", "malformed"].contains(fault) {
            #expect(stats.duplicates > 0)
        } else {
            #expect(stats.duplicates == 0)
        }
        let lastError = try await harness.store.database.outbox.stats().lastError ?? ""
        #expect(lastError.contains(expectedError), "last error: \(lastError)")
        #expect(await harness.engine.status().retryCount > 0)
    }

    @Test func everyFaultInOneRunLosesAndDoublesNothing() async throws {
        let harness = try SyncHarness(faults: ["500", "reset", "503+retry-after=1", "malformed", "delay=1500", "429", "400"],
                                      batchSize: 50)
        defer { harness.upstream.stop(); Task { await harness.close() } }
        let produced = try await harness.store.produce(300)
        #expect(try await harness.drainUntilAllAcked(produced.count, seconds: 60))
        let stats = try await harness.upstream.stats()
        #expect(stats.distinctOutboxIDs == produced.count)
        #expect(try await harness.upstream.outboxIDs() == Set(produced))
        #expect(try await harness.store.counts()[.dead] == 0)
    }

    @Test func retryAfterIsHonoured() async throws {
        let harness = try SyncHarness()
        defer { harness.upstream.stop(); Task { await harness.close() } }
        let produced = try await harness.store.produce(6)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let httpDate = formatter.string(from: Date().addingTimeInterval(5))
        try await harness.upstream.addFaults(["503+retry-after=2", "429+retry-after=\(httpDate)"])

        let started = Date()
        #expect(await harness.engine.drainDue() == produced.count)
        let paused = try #require(await harness.engine.status().pausedUntil)
        #expect(paused.timeIntervalSince(started) >= 1.9)
        for record in try await harness.store.database.outbox.list(state: .pending) {
            #expect(record.nextAttemptAt.timeIntervalSince(started) >= 1.9)
            #expect(record.attempts == 1)
        }
        #expect(await harness.engine.drainDue() == 0, "nothing is sent while the server asked to wait")
        #expect(try await harness.upstream.stats().requests == 0)

        #expect(try await harness.drainUntilAllAcked(produced.count, seconds: 15))
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed >= 3.9, "503 asked for 2 s, then 429 until 4 to 5 s after the start: waited \(elapsed) s")
        #expect(try await harness.upstream.stats().distinctOutboxIDs == produced.count)
    }

    @Test func badRequestMakesTheRecordDeadWithTheOperationOutcome() async throws {
        let harness = try SyncHarness(faults: ["400:Bundle.entry[0] rule vn-core-1 failed for 001099012345"])
        defer { harness.upstream.stop(); Task { await harness.close() } }
        let id = try await harness.store.database.outbox.enqueue(.syncProbe, subject: ResidentKey("probe"), payload: SyncProbe(sequence: 1))

        #expect(await harness.engine.drainDue() == 1)
        let record = try #require(try await harness.store.database.outbox.record(id: id))
        #expect(record.state == .dead)
        let error = record.lastError ?? ""
        #expect(error.hasPrefix("sync.rejected: HTTP 400: error/invalid: Bundle.entry[0] rule vn-core-1 failed"), "\(error)")
        #expect(!error.contains("001099012345"))
        #expect(try await harness.upstream.stats().distinctOutboxIDs == 0)
        #expect(await harness.engine.status().deadCount == 1)
        #expect(await harness.engine.status().breaker == .closed, "a refusal is an answer, not a server failure")
    }

    @Test func refusedBundleIsSplitSoGoodRecordsStillGoThrough() async throws {
        let harness = try SyncHarness(faults: ["400"])
        defer { harness.upstream.stop(); Task { await harness.close() } }
        let produced = try await harness.store.produce(6)
        #expect(await harness.engine.drainDue() == produced.count)
        #expect(try await harness.store.counts()[.acked] == produced.count)
        #expect(try await harness.upstream.stats().requests == produced.count, "the refused bundle stored nothing; then one request per record")
    }

    @Test func circuitBreakerOpensAndRecovers() async throws {
        let harness = try SyncHarness(faults: ["500", "500", "500"], breakerThreshold: 2,
                                      breakerCooldown: .seconds(2), backoffBase: .milliseconds(1))
        defer { harness.upstream.stop(); Task { await harness.close() } }
        let produced = try await harness.store.produce(6)

        let opened = try await eventually(seconds: 5) {
            await harness.engine.drainDue()
        } done: {
            if case .open = await harness.engine.status().breaker { return true }
            return false
        }
        #expect(opened)
        #expect(await harness.engine.status().consecutiveFailures == 2)
        try await Task.sleep(for: .milliseconds(50))
        #expect(await harness.engine.drainDue() == 0, "no call while open")

        // The cooldown is long enough that a loaded machine still checks "open" within it; the
        // waits below are minimums (the breaker half-opens once the cooldown has passed).
        try await Task.sleep(for: .milliseconds(2100))
        #expect(await harness.engine.drainDue() == 1, "half-open: one record as the probe")
        guard case .open = await harness.engine.status().breaker else {
            Issue.record("a failed probe must open the breaker again")
            return
        }
        try await Task.sleep(for: .milliseconds(2100))
        #expect(await harness.engine.drainDue() == produced.count, "the probe succeeds, then the rest follows")
        #expect(await harness.engine.status().breaker == .closed)
        #expect(try await harness.store.counts()[.acked] == produced.count)
        #expect(try await harness.upstream.stats().distinctOutboxIDs == produced.count)
    }
}
