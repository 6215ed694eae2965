public import Foundation
import GRDB

/// One payment of a day's reconciliation: what the report needs of it, and the amount its
/// confirming party reported.
public struct PaymentReportRow: Sendable, Equatable {
    public let id: PaymentID
    public let billNumber: String
    public let method: PaymentMethod
    public let state: PaymentState
    public let amountVND: Int64
    public let providerReference: String?
    public let terminalReference: String?
    /// The amount of the newest event that made it paid (terminal approval, bank transfer).
    public let confirmedAmountVND: Int64?
}

extension Records {
    /// Applies a lifecycle transition in its own transaction (see ``StoreTransaction/transitionPayment(_:)``).
    public func transitionPayment(_ transition: PaymentTransition) async throws -> PaymentTransitionOutcome {
        try await database.write("records.transitionPayment") { tx in try tx.transitionPayment(transition) }
    }

    /// Starts a payment in its own transaction, with its ``OutboxKind/paymentRecorded`` record
    /// (see ``StoreTransaction/startPayment(_:idempotencyKey:actor:)``).
    public func startPayment(_ new: NewPayment, idempotencyKey: String, actor: String) async throws -> (payment: Payment, created: Bool) {
        try await database.write("records.startPayment") { tx in
            guard let visit = try tx.fetchVisit(new.visitID) else { throw StoreError(.notFound, "no visit \(new.visitID)") }
            let started = try tx.startPayment(new, idempotencyKey: idempotencyKey, actor: actor)
            if started.created { try tx.enqueue(.paymentRecorded, subject: visit.residentKey, payload: started.payment) }
            return started
        }
    }

    /// The payment with this bill number, if any.
    public func payment(billNumber: String) async throws -> Payment? {
        try await database.read("records.paymentByBill") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM payments WHERE bill_number = ?", arguments: [billNumber]).map(PaymentRow.decode)
        }
    }

    /// Payments in one of `states`, oldest first (`method` nil: every method).
    public func payments(in states: Set<PaymentState>, method: PaymentMethod? = nil) async throws -> [Payment] {
        let names = states.map(\.rawValue).sorted()
        return try await database.read("records.paymentsInStates") { db in
            var sql = "SELECT * FROM payments WHERE state IN (\(databaseQuestionMarks(count: names.count)))"
            var arguments = StatementArguments(names)
            if let method {
                sql += " AND method = ?"
                arguments += [method.rawValue]
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY created_at, id", arguments: arguments).map(PaymentRow.decode)
        }
    }

    /// The audit trail of a payment, oldest first.
    public func paymentEvents(_ id: PaymentID) async throws -> [PaymentEvent] {
        try await database.read("records.paymentEvents") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM payment_events WHERE payment_id = ? ORDER BY seq", arguments: [id.rawValue])
                .map(PaymentQueries.event)
        }
    }

    /// The payments created on the station day `day` (`YYYY-MM-DD` in the station's time zone),
    /// oldest first, each with its confirmed amount.
    public func paymentReport(day: String) async throws -> [PaymentReportRow] {
        let (start, end) = try database.dayBounds(day)
        return try await database.read("records.paymentReport") { db in
            // Columns by position: the report reads every payment of the day.
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT p.id, p.bill_number, p.method, p.state, p.amount_vnd, p.provider_reference, p.terminal_reference,
                       (SELECT e.amount_vnd FROM payment_events e
                        WHERE e.payment_id = p.id AND e.to_state = 'paid' ORDER BY e.seq DESC LIMIT 1)
                FROM payments p WHERE p.created_at >= ? AND p.created_at < ? ORDER BY p.created_at, p.id
                """, arguments: [start, end])
            var rows: [PaymentReportRow] = []
            while let row = try cursor.next() {
                rows.append(PaymentReportRow(
                    id: PaymentID(rawValue: row[0]), billNumber: row[1], method: PaymentMethod(rawValue: row[2]),
                    state: PaymentState(rawValue: row[3]), amountVND: row[4], providerReference: row[5], terminalReference: row[6],
                    confirmedAmountVND: row[7]))
            }
            return rows
        }
    }

    /// Transfers received on the station day `day` that paid no payment.
    public func unmatchedTransfers(day: String) async throws -> [BankTransfer] {
        let (start, end) = try database.dayBounds(day)
        return try await database.read("records.unmatchedTransfers") { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM bank_transfers WHERE received_at >= ? AND received_at < ? AND outcome <> 'matched'
                ORDER BY received_at, bank_reference
                """, arguments: [start, end]).map(PaymentQueries.transfer)
        }
    }

    /// The station day (`YYYY-MM-DD`, station time zone) of an instant.
    public func stationDay(of date: Date) -> String {
        LocalDay.string(for: date, in: database.timeZone)
    }
}

/// Decoding `payment_events` and `bank_transfers` rows.
enum PaymentQueries {
    static func event(_ row: Row) -> PaymentEvent {
        PaymentEvent(paymentID: PaymentID(rawValue: row["payment_id"]), idempotencyKey: row["idempotency_key"],
                     from: (row["from_state"] as String?).map(PaymentState.init(rawValue:)), to: PaymentState(rawValue: row["to_state"]),
                     at: Timestamp.date(row["at"]), actor: row["actor"], reference: row["reference"], amountVND: row["amount_vnd"],
                     note: row["note"])
    }

    static func transfer(_ row: Row) -> BankTransfer {
        BankTransfer(bankReference: row["bank_reference"], billNumber: row["bill_number"], amountVND: row["amount_vnd"],
                     source: row["source"], outcome: row["outcome"], paymentID: (row["payment_id"] as String?).map(PaymentID.init(rawValue:)))
    }
}

extension KioskDatabase {
    /// Milliseconds bounds `[start, end)` of a station day.
    func dayBounds(_ day: String) throws -> (Int64, Int64) {
        let parts = day.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let dayOfMonth = Int(parts[2]),
              parts[0].count == 4, parts[1].count == 2, parts[2].count == 2 else {
            throw StoreError(.invalidArgument, "day \"\(day.prefix(20))\": expected YYYY-MM-DD")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        guard let start = calendar.date(from: DateComponents(year: year, month: month, day: dayOfMonth)),
              let end = calendar.date(byAdding: .day, value: 1, to: start),
              LocalDay.string(for: start, in: timeZone) == day else {
            throw StoreError(.invalidArgument, "day \"\(day.prefix(20))\" is not a calendar date (expected YYYY-MM-DD)")
        }
        return (Timestamp.millis(start), Timestamp.millis(end))
    }
}
