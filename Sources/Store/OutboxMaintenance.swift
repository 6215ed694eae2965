import Foundation
import GRDB

extension Outbox {
    /// Returns records left `sending` by a crash to `pending`. The daemon calls this once at
    /// start, before its sync engine claims anything; a tool that opens the database while the
    /// daemon runs must not. Returns how many records were recovered.
    @discardableResult
    public func recoverInterrupted() async throws -> Int {
        try await database.write("outbox.recoverInterrupted") { tx in
            try tx.db.execute(sql: "UPDATE outbox SET state = 'pending', updated_at = ? WHERE state = 'sending'",
                              arguments: [tx.nowMillis])
            return tx.db.changesCount
        }
    }

    /// Deletes `acked` records acknowledged more than `days` days ago. `dead` records are never
    /// purged: they wait for an operator. Returns how many were deleted.
    @discardableResult
    public func purgeAcked(olderThanDays days: Int) async throws -> Int {
        guard days >= 0 else {
            throw StoreError(.invalidArgument, "retention days must not be negative (got \(days))")
        }
        return try await database.write("outbox.purgeAcked") { tx in
            let cutoff = tx.nowMillis - Int64(days) * 86_400_000
            try tx.db.execute(sql: "DELETE FROM outbox WHERE state = 'acked' AND acked_at < ?", arguments: [cutoff])
            return tx.db.changesCount
        }
    }

    /// An operator's retry of a `dead` record: back to `pending`, due now, attempts reset (its
    /// last error stays visible). Returns false when the record exists but is not dead; throws
    /// `store.notFound` when there is no such record.
    @discardableResult
    public func retry(id: OutboxID) async throws -> Bool {
        try await database.write("outbox.retry") { tx in
            try tx.db.execute(sql: """
                UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ?
                WHERE id = ? AND state = 'dead'
                """, arguments: [tx.nowMillis, tx.nowMillis, id.rawValue])
            if tx.db.changesCount == 1 { return true }
            guard try Bool.fetchOne(tx.db, sql: "SELECT 1 FROM outbox WHERE id = ?", arguments: [id.rawValue]) != nil else {
                throw StoreError(.notFound, "no outbox record \(id)")
            }
            return false
        }
    }

    /// ``retry(id:)`` for every dead record. Returns how many were revived.
    @discardableResult
    public func retryAllDead() async throws -> Int {
        try await database.write("outbox.retryAllDead") { tx in
            try tx.db.execute(sql: """
                UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ?
                WHERE state = 'dead'
                """, arguments: [tx.nowMillis, tx.nowMillis])
            return tx.db.changesCount
        }
    }
}
