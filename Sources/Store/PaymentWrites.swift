import Foundation
import GRDB

extension StoreTransaction {
    /// Inserts a payment; the visit must exist (foreign key) and the bill number be new.
    public func insertPayment(_ new: NewPayment) throws -> Payment {
        guard new.amountVND >= 0 else {
            throw StoreError(.invalidArgument, "payment amount must not be negative")
        }
        let payment = Payment(
            id: newID(), visitID: new.visitID, method: new.method, amountVND: new.amountVND,
            state: new.state, billNumber: new.billNumber, providerReference: new.providerReference,
            terminalReference: new.terminalReference,
            createdAt: Timestamp.date(nowMillis), updatedAt: Timestamp.date(nowMillis))
        try db.execute(sql: """
            INSERT INTO payments (id, visit_id, method, amount_vnd, state, bill_number,
                                  provider_reference, terminal_reference, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                payment.id.rawValue, payment.visitID.rawValue, payment.method.rawValue, payment.amountVND,
                payment.state.rawValue, payment.billNumber, payment.providerReference,
                payment.terminalReference, nowMillis, nowMillis,
            ])
        return payment
    }

    /// Applies `update` to a payment; throws `store.notFound` when there is no such payment.
    public func updatePayment(_ id: PaymentID, _ update: PaymentUpdate) throws -> Payment {
        try db.execute(sql: """
            UPDATE payments
            SET state = ?, provider_reference = COALESCE(?, provider_reference),
                terminal_reference = COALESCE(?, terminal_reference), updated_at = ?
            WHERE id = ?
            """, arguments: [update.state.rawValue, update.providerReference, update.terminalReference,
                             nowMillis, id.rawValue])
        guard db.changesCount == 1, let payment = try fetchPayment(id) else {
            throw StoreError(.notFound, "no payment \(id)")
        }
        return payment
    }

    /// The payment with this id, if any.
    public func fetchPayment(_ id: PaymentID) throws -> Payment? {
        try PaymentRow.fetch(db, id: id)
    }
}

/// Reading `payments` rows.
enum PaymentRow {
    static func fetch(_ db: Database, id: PaymentID) throws -> Payment? {
        try Row.fetchOne(db, sql: "SELECT * FROM payments WHERE id = ?", arguments: [id.rawValue]).map(decode)
    }

    static func decode(_ row: Row) -> Payment {
        Payment(
            id: PaymentID(rawValue: row["id"]), visitID: VisitID(rawValue: row["visit_id"]),
            method: PaymentMethod(rawValue: row["method"]), amountVND: row["amount_vnd"],
            state: PaymentState(rawValue: row["state"]), billNumber: row["bill_number"],
            providerReference: row["provider_reference"], terminalReference: row["terminal_reference"],
            createdAt: Timestamp.date(row["created_at"]), updatedAt: Timestamp.date(row["updated_at"]))
    }
}
