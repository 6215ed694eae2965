import GRDB

/// Visits, payments and identity checks, each change written in one transaction together with
/// the outbox record that reports it upstream.
///
/// To combine changes differently, use ``KioskDatabase/write(_:)`` with the
/// ``StoreTransaction`` methods (`insertVisit`, `enqueue`, …) directly.
public struct Records: Sendable {
    let database: KioskDatabase

    /// Opens a visit with the station's next queue number for today and enqueues
    /// ``OutboxKind/visitOpened``; with `identityCheck`, records it for the new visit and enqueues
    /// ``OutboxKind/identityChecked`` after it, all in one transaction.
    public func openVisit(_ new: NewVisit, identityCheck: NewIdentityCheck? = nil) async throws -> Visit {
        try await database.write("records.openVisit") { tx in
            let visit = try tx.insertVisit(new)
            try tx.enqueue(.visitOpened, subject: visit.residentKey, payload: visit)
            if var check = identityCheck {
                check.visitID = visit.id
                let stored = try tx.insertIdentityCheck(check)
                try tx.enqueue(.identityChecked, subject: visit.residentKey, payload: stored)
            }
            return visit
        }
    }

    /// Changes a visit's status and enqueues ``OutboxKind/visitStatusChanged``.
    public func changeVisitStatus(_ id: VisitID, to status: VisitStatus) async throws -> Visit {
        try await database.write("records.changeVisitStatus") { tx in
            let visit = try tx.updateVisitStatus(id, to: status)
            try tx.enqueue(.visitStatusChanged, subject: visit.residentKey, payload: visit)
            return visit
        }
    }

    /// Records an identity check and enqueues ``OutboxKind/identityChecked``. The outbox subject
    /// is the check's resident key, else its visit's, else its document hash.
    public func recordIdentityCheck(_ new: NewIdentityCheck) async throws -> IdentityCheck {
        try await database.write("records.recordIdentityCheck") { tx in
            let check = try tx.insertIdentityCheck(new)
            let subject = try check.residentKey
                ?? check.visitID.flatMap { try tx.fetchVisit($0)?.residentKey }
                ?? ResidentKey("document:" + (check.documentHash ?? ""))
            try tx.enqueue(.identityChecked, subject: subject, payload: check)
            return check
        }
    }

    /// Records a payment for a visit and enqueues ``OutboxKind/paymentRecorded``.
    public func recordPayment(_ new: NewPayment) async throws -> Payment {
        try await database.write("records.recordPayment") { tx in
            guard let visit = try tx.fetchVisit(new.visitID) else {
                throw StoreError(.notFound, "no visit \(new.visitID)")
            }
            let payment = try tx.insertPayment(new)
            try tx.enqueue(.paymentRecorded, subject: visit.residentKey, payload: payment)
            return payment
        }
    }

    /// Updates a payment and enqueues ``OutboxKind/paymentUpdated``.
    public func updatePayment(_ id: PaymentID, _ update: PaymentUpdate) async throws -> Payment {
        try await database.write("records.updatePayment") { tx in
            let payment = try tx.updatePayment(id, update)
            guard let visit = try tx.fetchVisit(payment.visitID) else {
                throw StoreError(.notFound, "no visit \(payment.visitID)")
            }
            try tx.enqueue(.paymentUpdated, subject: visit.residentKey, payload: payment)
            return payment
        }
    }

    /// The visit with this id, if any.
    public func visit(id: VisitID) async throws -> Visit? {
        try await database.read("records.visit") { db in try VisitRow.fetch(db, id: id) }
    }

    /// The payment with this id, if any.
    public func payment(id: PaymentID) async throws -> Payment? {
        try await database.read("records.payment") { db in try PaymentRow.fetch(db, id: id) }
    }

    /// Identity checks of a visit, oldest first.
    public func identityChecks(visitID: VisitID) async throws -> [IdentityCheck] {
        try await database.read("records.identityChecks") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM identity_checks WHERE visit_id = ? ORDER BY id",
                             arguments: [visitID.rawValue]).map(IdentityCheckRow.decode)
        }
    }
}
