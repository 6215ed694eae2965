import Foundation
import Store
import Testing

@Suite("payment lifecycle in the store (real SQLite file)")
struct PaymentLifecycleStoreTests {
    static func visit(_ store: KioskDatabase) async throws -> Visit {
        try await store.records.openVisit(NewVisit(stationID: stationA, residentKey: resident("lan"), service: "kham-benh"))
    }

    static func new(_ visit: Visit, bill: String = "B0001") -> NewPayment {
        NewPayment(visitID: visit.id, method: .card, amountVND: 30_000, billNumber: bill, state: .created)
    }

    static func step(_ id: PaymentID, _ to: PaymentState, from: Set<PaymentState>, key: String) -> PaymentTransition {
        PaymentTransition(paymentID: id, to: to, allowedFrom: from, idempotencyKey: key, actor: "kiosk")
    }

    @Test("a start with a known attempt key returns the first payment; one payment, one outbox record")
    func idempotentStart() async throws {
        let dir = try TemporaryDirectory()
        let clock = TestClock()
        let store = try openStore(dir, clock: clock)
        let visit = try await Self.visit(store)
        let first = try await store.records.startPayment(Self.new(visit), idempotencyKey: "attempt-1", actor: "kiosk")
        let again = try await store.records.startPayment(Self.new(visit, bill: "B0002"), idempotencyKey: "attempt-1", actor: "kiosk")
        #expect(first.created && !again.created)
        #expect(again.payment == first.payment)
        #expect(try await store.outbox.list(state: nil, limit: 100).filter { $0.kind == .paymentRecorded }.count == 1)
        #expect(try await store.records.paymentEvents(first.payment.id).map(\.to) == [.created])
    }

    @Test("a transition writes the payment, its audit event and its outbox record together; a repeat writes nothing")
    func transitionAndRepeat() async throws {
        let dir = try TemporaryDirectory()
        let clock = TestClock()
        let store = try openStore(dir, clock: clock)
        let visit = try await Self.visit(store)
        let payment = try await store.records.startPayment(Self.new(visit), idempotencyKey: "a", actor: "kiosk").payment
        clock.advance(by: 5)
        let presented = try await store.records.transitionPayment(Self.step(payment.id, .presented, from: [.created], key: "present"))
        guard case .applied(let stored) = presented else { Issue.record("expected applied, got \(presented)"); return }
        #expect(stored.state == .presented && stored.updatedAt == clock.now)
        let repeated = try await store.records.transitionPayment(Self.step(payment.id, .presented, from: [.created], key: "present"))
        #expect(repeated == .repeated(stored))
        let updates = try await store.outbox.list(state: nil, limit: 100).filter { $0.kind == .paymentUpdated }
        #expect(updates.count == 1)
        let events = try await store.records.paymentEvents(payment.id)
        #expect(events.map(\.from) == [nil, .created] && events.map(\.to) == [.created, .presented])
        #expect(events.last?.actor == "kiosk" && events.last?.at == clock.now)
    }

    @Test("a transition from a state it does not allow is refused and changes nothing")
    func refused() async throws {
        let dir = try TemporaryDirectory()
        let store = try openStore(dir, clock: TestClock())
        let visit = try await Self.visit(store)
        let payment = try await store.records.startPayment(Self.new(visit), idempotencyKey: "a", actor: "kiosk").payment
        let outcome = try await store.records.transitionPayment(Self.step(payment.id, .paid, from: [.presented], key: "pay"))
        #expect(outcome == .refused(payment))
        #expect(try await store.records.payment(id: payment.id)?.state == .created)
        #expect(try await store.records.paymentEvents(payment.id).count == 1)
        #expect(try await store.outbox.list(state: nil, limit: 100).filter { $0.kind == .paymentUpdated }.isEmpty)
    }

    @Test("an idempotency key reused for another state is an error naming the rule")
    func keyReuse() async throws {
        let dir = try TemporaryDirectory()
        let store = try openStore(dir, clock: TestClock())
        let visit = try await Self.visit(store)
        let payment = try await store.records.startPayment(Self.new(visit), idempotencyKey: "a", actor: "kiosk").payment
        _ = try await store.records.transitionPayment(Self.step(payment.id, .presented, from: [.created], key: "k"))
        await #expect(throws: StoreError(.invalidArgument,
                                         "payment transition: idempotency key already used for another payment or state (expected a new key per attempt)")) {
            _ = try await store.records.transitionPayment(Self.step(payment.id, .paid, from: [.presented], key: "k"))
        }
    }

    @Test("after closing and reopening the file, a replayed transition is recognised")
    func replayAfterRestart() async throws {
        let dir = try TemporaryDirectory()
        let clock = TestClock()
        var id: PaymentID?
        do {
            let store = try openStore(dir, clock: clock)
            let visit = try await Self.visit(store)
            let payment = try await store.records.startPayment(Self.new(visit), idempotencyKey: "a", actor: "kiosk").payment
            _ = try await store.records.transitionPayment(Self.step(payment.id, .presented, from: [.created], key: "present"))
            _ = try await store.records.transitionPayment(Self.step(payment.id, .paid, from: [.presented], key: "card"))
            id = payment.id
            try store.close()
        }
        let reopened = try openStore(dir, clock: clock)
        let paymentID = try #require(id)
        let replay = try await reopened.records.transitionPayment(Self.step(paymentID, .paid, from: [.presented], key: "card"))
        #expect(replay.payment.state == .paid)
        guard case .repeated = replay else { Issue.record("expected repeated, got \(replay)"); return }
        #expect(try await reopened.records.paymentEvents(paymentID).count == 3)
    }

    @Test("day report rows: payments of the station day with the amount that confirmed them; unmatched transfers")
    func reportRows() async throws {
        let dir = try TemporaryDirectory()
        let clock = TestClock()
        let store = try openStore(dir, clock: clock)
        let visit = try await Self.visit(store)
        let payment = try await store.records.startPayment(Self.new(visit), idempotencyKey: "a", actor: "kiosk").payment
        _ = try await store.records.transitionPayment(Self.step(payment.id, .presented, from: [.created], key: "p"))
        var paid = Self.step(payment.id, .paid, from: [.presented], key: "c")
        paid.reportedAmountVND = 29_000
        _ = try await store.records.transitionPayment(paid)
        _ = try await store.write { tx in
            try tx.insertBankTransfer(BankTransfer(bankReference: "FT1", billNumber: "NOPE", amountVND: 5, source: "station-server",
                                                   outcome: "no payment has this bill number", paymentID: nil))
        }
        let day = store.records.stationDay(of: clock.now)
        #expect(day == "2026-11-28")
        let rows = try await store.records.paymentReport(day: day)
        #expect(rows.map(\.id) == [payment.id] && rows.first?.confirmedAmountVND == 29_000)
        #expect(try await store.records.paymentReport(day: "2026-11-29").isEmpty)
        #expect(try await store.records.unmatchedTransfers(day: day).map(\.bankReference) == ["FT1"])
        await #expect(throws: StoreError(.invalidArgument, "day \"2026-13-01\" is not a calendar date (expected YYYY-MM-DD)")) {
            _ = try await store.records.paymentReport(day: "2026-13-01")
        }
    }
}
