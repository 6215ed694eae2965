import Foundation
import Testing
import Store

@Suite("Outbox lifecycle")
struct OutboxLifecycleTests {
    @Test func sendingRowsLeftByACrashReturnToPending() async throws {
        let directory = try TemporaryDirectory()
        let clock = TestClock()
        let crashed = try openStore(directory, clock: clock)
        for n in 1...3 { try await crashed.outbox.enqueue(.syncProbe, subject: resident("a"), payload: Probe(n: n)) }
        let inFlight = try await crashed.outbox.claim()
        #expect(inFlight.count == 3)
        try crashed.close()

        let restarted = try openStore(directory, clock: clock)
        // Opening alone leaves them as they are (kioskctl opens the file too).
        #expect(try await restarted.outbox.stats().counts[.sending] == 3)
        #expect(try await restarted.outbox.recoverInterrupted() == 3)
        let again = try await restarted.outbox.claim()
        #expect(again.map(\.id) == inFlight.map(\.id))
        #expect(again.allSatisfy { $0.attempts == 0 })
    }

    @Test func retryRecordsAttemptBackoffAndError() async throws {
        let directory = try TemporaryDirectory()
        let clock = TestClock()
        let store = try openStore(directory, clock: clock)
        let id = try await store.outbox.enqueue(.syncProbe, subject: resident("a"), payload: Probe(n: 1))
        _ = try await store.outbox.claim()
        let due = clock.now.addingTimeInterval(30)
        #expect(try await store.outbox.markRetry(id, error: "HTTP 503 Service Unavailable", nextAttemptAt: due))
        var record = try #require(try await store.outbox.record(id: id))
        #expect(record.state == .pending)
        #expect(record.attempts == 1)
        #expect(record.nextAttemptAt == due)
        #expect(record.lastError == "HTTP 503 Service Unavailable")
        #expect(try await store.outbox.claim().isEmpty)

        clock.advance(by: 30)
        #expect(try await store.outbox.claim().map(\.id) == [id])
        #expect(try await store.outbox.markRetry(id, error: "timeout", nextAttemptAt: clock.now.addingTimeInterval(120)))
        record = try #require(try await store.outbox.record(id: id))
        #expect(record.attempts == 2)
        #expect(record.lastError == "timeout")
        // Only a claimed record can be retried.
        #expect(try await store.outbox.markRetry(id, error: "again", nextAttemptAt: clock.now) == false)
    }

    @Test func deadRecordsWaitForAnOperator() async throws {
        let directory = try TemporaryDirectory()
        let clock = TestClock()
        let store = try openStore(directory, clock: clock)
        var ids: [OutboxID] = []
        for n in 1...3 { ids.append(try await store.outbox.enqueue(.syncProbe, subject: resident("s\(n)"), payload: Probe(n: n))) }
        _ = try await store.outbox.claim()
        for id in ids { #expect(try await store.outbox.markDead(id, error: "HTTP 400 invalid resource")) }
        #expect(try await store.outbox.claim().isEmpty)
        #expect(try await store.outbox.list(state: .dead).map(\.id) == ids)

        // Dead rows survive retention, however old.
        clock.advance(by: 90 * 86_400)
        #expect(try await store.outbox.purgeAcked(olderThanDays: 7) == 0)

        #expect(try await store.outbox.retry(id: ids[0]))
        #expect(try await store.outbox.retry(id: ids[0]) == false)
        let revived = try #require(try await store.outbox.record(id: ids[0]))
        #expect(revived.state == .pending)
        #expect(revived.attempts == 0)
        #expect(revived.lastError == "HTTP 400 invalid resource")
        #expect(try await store.outbox.retryAllDead() == 2)
        #expect(try await store.outbox.claim().map(\.id) == ids)
        await #expect(throws: StoreError.self) {
            try await store.outbox.retry(id: OutboxID(rawValue: "00000000-0000-7000-8000-000000000000"))
        }
    }

    @Test func retentionPurgesOnlyOldAckedRows() async throws {
        let directory = try TemporaryDirectory()
        let clock = TestClock()
        let store = try openStore(directory, clock: clock)
        let old = try await store.outbox.enqueue(.syncProbe, subject: resident("a"), payload: Probe(n: 1))
        try await store.outbox.markAcked(try await store.outbox.claim().map(\.id))
        clock.advance(by: 8 * 86_400)
        let recent = try await store.outbox.enqueue(.syncProbe, subject: resident("a"), payload: Probe(n: 2))
        try await store.outbox.markAcked(try await store.outbox.claim().map(\.id))
        let waiting = try await store.outbox.enqueue(.syncProbe, subject: resident("b"), payload: Probe(n: 3))

        #expect(try await store.outbox.purgeAcked(olderThanDays: 7) == 1)
        #expect(try await store.outbox.record(id: old) == nil)
        #expect(try await store.outbox.record(id: recent)?.state == .acked)
        #expect(try await store.outbox.record(id: waiting)?.state == .pending)
        await #expect(throws: StoreError.self) { try await store.outbox.purgeAcked(olderThanDays: -1) }
    }

    @Test func statsReportDepthAgeSuccessAndError() async throws {
        let directory = try TemporaryDirectory()
        let clock = TestClock()
        let store = try openStore(directory, clock: clock)
        var stats = try await store.outbox.stats()
        #expect(stats.counts == [.pending: 0, .sending: 0, .acked: 0, .dead: 0])
        #expect(stats.oldestPendingAt == nil)
        #expect(stats.nextDueAt == nil)
        #expect(stats.lastSuccessAt == nil)

        let start = clock.now
        var ids: [OutboxID] = []
        for n in 1...4 {
            ids.append(try await store.outbox.enqueue(.syncProbe, subject: resident("s\(n)"), payload: Probe(n: n)))
            clock.advance(by: 10)
        }
        _ = try await store.outbox.claim(limit: 3)
        try await store.outbox.markAcked([ids[0]])
        let ackedAt = clock.now
        clock.advance(by: 5)
        try await store.outbox.markDead(ids[1], error: "HTTP 422")

        stats = try await store.outbox.stats()
        #expect(stats.counts == [.pending: 1, .sending: 1, .acked: 1, .dead: 1])
        #expect(stats.oldestPendingAt == start.addingTimeInterval(20))
        #expect(stats.oldestPendingAge(now: clock.now) == 25)
        #expect(stats.nextDueAt == start.addingTimeInterval(30))
        #expect(stats.lastSuccessAt == ackedAt)
        #expect(stats.lastError == "HTTP 422")
        #expect(stats.lastErrorAt == clock.now)
    }

    @Test func integrityCheckPassesAfterMixedUse() async throws {
        let directory = try TemporaryDirectory()
        let clock = TestClock()
        let store = try openStore(directory, clock: clock)
        for n in 0..<50 {
            let visit = try await store.records.openVisit(NewVisit(stationID: stationA, residentKey: resident("\(n % 7)"), service: "general"))
            if n.isMultiple(of: 3) {
                _ = try await store.records.recordPayment(NewPayment(visitID: visit.id, method: .card, amountVND: 20_000, billNumber: "B\(n)"))
            }
        }
        let batch = try await store.outbox.claim()
        try await store.outbox.markAcked(batch.map(\.id))
        clock.advance(by: 30 * 86_400)
        try await store.outbox.purgeAcked(olderThanDays: 7)
        #expect(try await store.integrityCheck() == ["ok"])
    }
}
