import Foundation
import Store
import Sync

/// A real SQLite database in a fresh temporary directory, and record producers.
struct TestStore {
    let directory: String
    let database: KioskDatabase

    init() throws {
        directory = NSTemporaryDirectory() + "hk-sync-\(UUID().uuidString.prefix(8))"
        database = try KioskDatabase(stateDirectory: directory)
    }

    func remove() {
        try? database.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Writes check-ins until at least `count` outbox records exist; each resident gets a visit
    /// with an identity check, a payment, its update and a status change (5 records), and every
    /// seventh record slot a probe. Returns the ids of all records produced.
    @discardableResult
    func produce(_ count: Int) async throws -> [String] {
        var produced = 0
        var index = 0
        while produced < count {
            index += 1
            let resident = ResidentKey("resident-\(UUID().uuidString.prefix(12))")
            let visit = try await database.records.openVisit(
                NewVisit(stationID: "TYT-PHUONG-1", residentKey: resident, service: "kham-benh"),
                identityCheck: NewIdentityCheck(visitID: nil, verdicts: ["passive-auth": .passed, "chip-auth": .passed],
                                                decision: .accepted, documentHash: "hmac-\(index)", residentKey: resident))
            let payment = try await database.records.recordPayment(
                NewPayment(visitID: visit.id, method: .vietQR, amountVND: 30_000, billNumber: "B-\(UUID().uuidString.prefix(10))"))
            _ = try await database.records.updatePayment(payment.id, PaymentUpdate(state: .paid, providerReference: "FT\(index)"))
            _ = try await database.records.changeVisitStatus(visit.id, to: .inProgress)
            try await database.outbox.enqueue(.syncProbe, subject: ResidentKey("probe"), payload: SyncProbe(sequence: index))
            produced += 6
        }
        return try await database.outbox.list(limit: 1_000_000).map(\.id.rawValue)
    }

    /// Counts by state.
    func counts() async throws -> [OutboxState: Int] {
        try await database.outbox.stats().counts
    }
}
