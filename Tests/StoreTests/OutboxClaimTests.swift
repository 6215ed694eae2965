import Foundation
import Testing
import Store

@Suite("Outbox claims")
struct OutboxClaimTests {
    @discardableResult
    private func enqueue(_ store: KioskDatabase, _ who: String, _ n: Int) async throws -> OutboxID {
        try await store.outbox.enqueue(.syncProbe, subject: resident(who), payload: Probe(n: n))
    }

    private func numbers(_ records: [OutboxRecord]) throws -> [Int] {
        try records.map { try $0.decodePayload(as: Probe.self).n }
    }

    @Test func claimsOldestFirstAndMarksSending() async throws {
        let directory = try TemporaryDirectory()
        let store = try openStore(directory, clock: TestClock())
        for n in 1...5 { try await enqueue(store, "s\(n)", n) }
        let batch = try await store.outbox.claim(limit: 3)
        #expect(try numbers(batch) == [1, 2, 3])
        #expect(batch.allSatisfy { $0.state == .sending })
        #expect(try await store.outbox.list(state: .sending).count == 3)
        #expect(try numbers(try await store.outbox.claim()) == [4, 5])
        #expect(try await store.outbox.claim().isEmpty)
    }

    @Test func identifiersAreTimeOrderedUUIDv7() async throws {
        let directory = try TemporaryDirectory()
        let store = try openStore(directory, clock: TestClock())
        var ids: [OutboxID] = []
        for n in 1...20 { ids.append(try await enqueue(store, "a", n)) }
        #expect(ids.map(\.rawValue) == ids.map(\.rawValue).sorted())
        for id in ids {
            let uuid = try #require(UUID(uuidString: id.rawValue))
            #expect(uuid.uuidString.lowercased() == id.rawValue)
            let characters = Array(id.rawValue)
            #expect(characters[14] == "7")
            #expect("89ab".contains(characters[19]))
        }
    }

    @Test func laterRecordOfSubjectWaitsWhileEarlierIsSending() async throws {
        let directory = try TemporaryDirectory()
        let store = try openStore(directory, clock: TestClock())
        try await enqueue(store, "a", 1)
        try await enqueue(store, "b", 2)
        try await enqueue(store, "a", 3)
        let first = try await store.outbox.claim(limit: 1)
        #expect(try numbers(first) == [1])
        // a-3 is held back behind a-1 (sending); b-2 is free.
        #expect(try numbers(try await store.outbox.claim()) == [2])
        #expect(try await store.outbox.claim().isEmpty)
        try await store.outbox.markAcked(first.map(\.id))
        #expect(try numbers(try await store.outbox.claim()) == [3])
    }

    @Test func batchHoldsConsecutiveRecordsOfASubjectInOrder() async throws {
        let directory = try TemporaryDirectory()
        let store = try openStore(directory, clock: TestClock())
        try await enqueue(store, "a", 1)
        try await enqueue(store, "a", 2)
        try await enqueue(store, "b", 3)
        try await enqueue(store, "a", 4)
        #expect(try numbers(try await store.outbox.claim()) == [1, 2, 3, 4])
    }

    @Test func recordWaitingForRetryHoldsBackItsSubject() async throws {
        let directory = try TemporaryDirectory()
        let clock = TestClock()
        let store = try openStore(directory, clock: clock)
        let a1 = try await enqueue(store, "a", 1)
        _ = try await store.outbox.claim()
        try await store.outbox.markRetry(a1, error: "HTTP 503", nextAttemptAt: clock.now.addingTimeInterval(60))
        try await enqueue(store, "a", 2)
        try await enqueue(store, "b", 3)
        #expect(try numbers(try await store.outbox.claim()) == [3])
        clock.advance(by: 60)
        #expect(try numbers(try await store.outbox.claim()) == [1, 2])
    }

    @Test func deadRecordDoesNotHoldBackItsSubject() async throws {
        let directory = try TemporaryDirectory()
        let store = try openStore(directory, clock: TestClock())
        let a1 = try await enqueue(store, "a", 1)
        _ = try await store.outbox.claim()
        try await store.outbox.markDead(a1, error: "HTTP 400")
        try await enqueue(store, "a", 2)
        #expect(try numbers(try await store.outbox.claim()) == [2])
    }

    @Test func concurrentClaimersOnTwoPoolsNeverShareARow() async throws {
        let directory = try TemporaryDirectory()
        let clock = TestClock()
        let first = try openStore(directory, clock: clock)
        let second = try openStore(directory, clock: clock)
        let subjects = 25, perSubject = 12
        try await first.write { tx in
            for index in 0..<(subjects * perSubject) {
                try tx.enqueue(.syncProbe, subject: resident("s\(index % subjects)"), payload: Probe(n: index))
            }
        }
        let log = ClaimLog()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for store in [first, second, first, second] {
                group.addTask {
                    while true {
                        let batch = try await store.outbox.claim(limit: 7)
                        if batch.isEmpty {
                            if try await store.outbox.stats().counts[.acked] == subjects * perSubject { return }
                            await Task.yield()
                            continue
                        }
                        log.append(batch)
                        try await store.outbox.markAcked(batch.map(\.id))
                    }
                }
            }
            try await group.waitForAll()
        }
        let claimed = log.records
        #expect(claimed.count == subjects * perSubject)
        #expect(Set(claimed.map(\.id)).count == claimed.count)
        // Within each subject, records were claimed in enqueue order.
        var bySubject: [String: [Int]] = [:]
        for record in claimed {
            bySubject[record.subject.rawValue, default: []].append(try record.decodePayload(as: Probe.self).n)
        }
        #expect(bySubject.count == subjects)
        for numbers in bySubject.values { #expect(numbers == numbers.sorted()) }
        #expect(try await second.integrityCheck() == ["ok"])
    }
}

/// Claimed batches in the order the claimers got them.
final class ClaimLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [OutboxRecord] = []
    var records: [OutboxRecord] { lock.withLock { stored } }
    func append(_ batch: [OutboxRecord]) { lock.withLock { stored.append(contentsOf: batch) } }
}
