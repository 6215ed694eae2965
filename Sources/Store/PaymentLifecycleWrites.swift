import Foundation
import GRDB

extension StoreTransaction {
    /// Inserts a payment created by the attempt `idempotencyKey`, with its first audit event;
    /// when that attempt already created one, returns it and writes nothing (`created` false).
    public func startPayment(_ new: NewPayment, idempotencyKey: String, actor: String) throws -> (payment: Payment, created: Bool) {
        guard !idempotencyKey.isEmpty else { throw StoreError(.invalidArgument, "payment start: empty idempotency key") }
        if let id = try String.fetchOne(db, sql: "SELECT id FROM payments WHERE idempotency_key = ?", arguments: [idempotencyKey]),
           let existing = try fetchPayment(PaymentID(rawValue: id)) {
            return (existing, false)
        }
        let payment = try insertPayment(new)
        try db.execute(sql: "UPDATE payments SET idempotency_key = ? WHERE id = ?", arguments: [idempotencyKey, payment.id.rawValue])
        try insertEvent(payment.id, key: idempotencyKey, from: nil, to: payment.state, actor: actor, reference: nil, amount: nil, note: nil)
        return (payment, true)
    }

    /// Applies `transition` if the payment's state allows it and its key is new; see
    /// ``PaymentTransitionOutcome``. Enqueues ``OutboxKind/paymentUpdated`` when applied.
    public func transitionPayment(_ transition: PaymentTransition) throws -> PaymentTransitionOutcome {
        guard !transition.idempotencyKey.isEmpty else { throw StoreError(.invalidArgument, "payment transition: empty idempotency key") }
        if let row = try Row.fetchOne(db, sql: "SELECT payment_id, to_state FROM payment_events WHERE idempotency_key = ?",
                                      arguments: [transition.idempotencyKey]) {
            let earlier: String = row["payment_id"], state: String = row["to_state"]
            guard earlier == transition.paymentID.rawValue, state == transition.to.rawValue else {
                throw StoreError(.invalidArgument,
                                 "payment transition: idempotency key already used for another payment or state (expected a new key per attempt)")
            }
            guard let payment = try fetchPayment(transition.paymentID) else { throw StoreError(.notFound, "no payment \(transition.paymentID)") }
            return .repeated(payment)
        }
        guard let current = try fetchPayment(transition.paymentID) else { throw StoreError(.notFound, "no payment \(transition.paymentID)") }
        guard transition.allowedFrom.contains(current.state) else { return .refused(current) }
        let updated = try updatePayment(transition.paymentID, PaymentUpdate(
            state: transition.to, providerReference: transition.providerReference, terminalReference: transition.terminalReference))
        try insertEvent(updated.id, key: transition.idempotencyKey, from: current.state, to: transition.to, actor: transition.actor,
                        reference: transition.providerReference ?? transition.terminalReference, amount: transition.reportedAmountVND,
                        note: transition.note)
        guard let visit = try fetchVisit(updated.visitID) else { throw StoreError(.notFound, "no visit \(updated.visitID)") }
        try enqueue(.paymentUpdated, subject: visit.residentKey, payload: updated)
        return .applied(updated)
    }

    /// The payment with this bill number, if any.
    public func fetchPayment(billNumber: String) throws -> Payment? {
        try Row.fetchOne(db, sql: "SELECT * FROM payments WHERE bill_number = ?", arguments: [billNumber]).map(PaymentRow.decode)
    }

    /// Records a reported transfer; returns false (and writes nothing) when its bank reference
    /// was recorded before.
    public func insertBankTransfer(_ transfer: BankTransfer) throws -> Bool {
        guard try Int.fetchOne(db, sql: "SELECT 1 FROM bank_transfers WHERE bank_reference = ?", arguments: [transfer.bankReference]) == nil else {
            return false
        }
        try db.execute(sql: """
            INSERT INTO bank_transfers (bank_reference, bill_number, amount_vnd, received_at, source, payment_id, outcome)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [transfer.bankReference, transfer.billNumber, transfer.amountVND, nowMillis, transfer.source,
                             transfer.paymentID?.rawValue, transfer.outcome])
        return true
    }

    /// The transfer recorded under this bank reference, if any.
    public func fetchBankTransfer(_ bankReference: String) throws -> BankTransfer? {
        try Row.fetchOne(db, sql: "SELECT * FROM bank_transfers WHERE bank_reference = ?", arguments: [bankReference]).map(PaymentQueries.transfer)
    }

    private func insertEvent(_ id: PaymentID, key: String, from: PaymentState?, to: PaymentState, actor: String,
                             reference: String?, amount: Int64?, note: String?) throws {
        try db.execute(sql: """
            INSERT INTO payment_events (payment_id, idempotency_key, from_state, to_state, at, actor, reference, amount_vnd, note)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id.rawValue, key, from?.rawValue, to.rawValue, nowMillis, actor, reference, amount, note])
    }
}
