import Foundation
import Testing
import Store

@Suite("Records and their outbox rows")
struct TransactionTests {
    struct Abort: Error {}

    @Test func outboxRowCommitsWithItsRecord() async throws {
        let directory = try TemporaryDirectory()
        let store = try openStore(directory, clock: TestClock())
        let visit = try await store.records.openVisit(NewVisit(stationID: stationA, residentKey: resident("a"), service: "general"))
        let rows = try await store.outbox.list()
        #expect(rows.count == 1)
        #expect(rows[0].kind == .visitOpened)
        #expect(rows[0].subject == resident("a"))
        #expect(rows[0].state == .pending)
        #expect(try rows[0].decodePayload(as: Visit.self) == visit)
        #expect(try await store.records.visit(id: visit.id) == visit)
    }

    @Test func outboxRowRollsBackWithItsRecord() async throws {
        let directory = try TemporaryDirectory()
        let store = try openStore(directory, clock: TestClock())
        let visitIDs = VisitIDBox()
        await #expect(throws: Abort.self) {
            try await store.write { tx in
                let visit = try tx.insertVisit(NewVisit(stationID: stationA, residentKey: resident("a"), service: "general"))
                visitIDs.set(visit.id)
                try tx.enqueue(.visitOpened, subject: visit.residentKey, payload: visit)
                throw Abort()
            }
        }
        let id = try #require(visitIDs.value)
        #expect(try await store.records.visit(id: id) == nil)
        #expect(try await store.outbox.list().isEmpty)
        // The queue number given inside the rolled-back transaction is free again.
        let next = try await store.records.openVisit(NewVisit(stationID: stationA, residentKey: resident("b"), service: "general"))
        #expect(next.queueNumber == 1)
    }

    @Test func failedConstraintRollsBackOutboxRow() async throws {
        let directory = try TemporaryDirectory()
        let store = try openStore(directory, clock: TestClock())
        let visit = try await store.records.openVisit(NewVisit(stationID: stationA, residentKey: resident("a"), service: "general"))
        _ = try await store.records.recordPayment(NewPayment(visitID: visit.id, method: .vietQR, amountVND: 30_000, billNumber: "B-1"))
        let error = await #expect(throws: StoreError.self) {
            try await store.records.recordPayment(NewPayment(visitID: visit.id, method: .cash, amountVND: 10_000, billNumber: "B-1"))
        }
        #expect(error?.code == "store.constraint")
        #expect(try await store.outbox.list().map(\.kind) == [.visitOpened, .paymentRecorded])
    }

    @Test func checkInWritesVisitIdentityCheckAndTwoOrderedRows() async throws {
        let directory = try TemporaryDirectory()
        let store = try openStore(directory, clock: TestClock())
        let check = NewIdentityCheck(
            visitID: nil, verdicts: ["passive-auth": .passed, "chip-auth": .notSupported],
            decision: .accepted, documentHash: "hmac-of-number")
        let visit = try await store.records.openVisit(
            NewVisit(stationID: stationA, residentKey: resident("a"), service: "general"), identityCheck: check)
        let checks = try await store.records.identityChecks(visitID: visit.id)
        #expect(checks.count == 1)
        #expect(checks[0].verdicts == ["passive-auth": .passed, "chip-auth": .notSupported])
        #expect(checks[0].documentHash == "hmac-of-number")
        let rows = try await store.outbox.list()
        #expect(rows.map(\.kind) == [.visitOpened, .identityChecked])
        #expect(rows.allSatisfy { $0.subject == resident("a") })
        #expect(try rows[1].decodePayload(as: IdentityCheck.self) == checks[0])
    }

    @Test func paymentLifecycleIsReported() async throws {
        let directory = try TemporaryDirectory()
        let store = try openStore(directory, clock: TestClock())
        let visit = try await store.records.openVisit(NewVisit(stationID: stationA, residentKey: resident("a"), service: "general"))
        let payment = try await store.records.recordPayment(
            NewPayment(visitID: visit.id, method: .vietQR, amountVND: 50_000, billNumber: "HD-0001"))
        let paid = try await store.records.updatePayment(payment.id, PaymentUpdate(state: .paid, providerReference: "FT123"))
        #expect(paid.state == .paid)
        #expect(paid.providerReference == "FT123")
        #expect(try await store.records.payment(id: payment.id) == paid)
        let rows = try await store.outbox.list()
        #expect(rows.map(\.kind) == [.visitOpened, .paymentRecorded, .paymentUpdated])
        #expect(try rows[2].decodePayload(as: Payment.self) == paid)
    }

    @Test func paymentForMissingVisitIsRejected() async throws {
        let directory = try TemporaryDirectory()
        let store = try openStore(directory, clock: TestClock())
        let error = await #expect(throws: StoreError.self) {
            try await store.write { tx in
                try tx.insertPayment(NewPayment(visitID: VisitID(rawValue: "no-such-visit"), method: .cash, amountVND: 1, billNumber: "X"))
            }
        }
        #expect(error?.code == "store.constraint")
    }

    @Test func errorDetailsCarryNoPersonalData() async throws {
        let directory = try TemporaryDirectory()
        let store = try openStore(directory, clock: TestClock())
        let secret = ResidentKey("079123456789")
        let visit = try await store.records.openVisit(NewVisit(stationID: stationA, residentKey: secret, service: "general"))
        _ = try await store.records.recordPayment(NewPayment(visitID: visit.id, method: .cash, amountVND: 1, billNumber: "079123456789"))
        let error = await #expect(throws: StoreError.self) {
            try await store.records.recordPayment(NewPayment(visitID: visit.id, method: .cash, amountVND: 1, billNumber: "079123456789"))
        }
        #expect(error.map { !$0.description.contains("079123456789") } == true)
        #expect("\(secret)" == "<redacted>")
    }

    @Test func visitStatusChangeIsReported() async throws {
        let directory = try TemporaryDirectory()
        let store = try openStore(directory, clock: TestClock())
        let visit = try await store.records.openVisit(NewVisit(stationID: stationA, residentKey: resident("a"), service: "general"))
        let changed = try await store.records.changeVisitStatus(visit.id, to: .inProgress)
        #expect(changed.status == .inProgress)
        #expect(try await store.outbox.list().map(\.kind) == [.visitOpened, .visitStatusChanged])
        await #expect(throws: StoreError.self) {
            try await store.records.changeVisitStatus(VisitID(rawValue: "missing"), to: .finished)
        }
    }
}

/// Carries a value out of a `@Sendable` transaction body.
final class VisitIDBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: VisitID?
    var value: VisitID? { lock.withLock { stored } }
    func set(_ id: VisitID) { lock.withLock { stored = id } }
}
