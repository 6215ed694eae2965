public import Foundation
import GRDB

/// The outbox: records waiting to be delivered upstream, and their delivery bookkeeping.
///
/// Rows are added by ``StoreTransaction/enqueue(_:subject:payload:)`` inside the transaction
/// of the change they report (``Records`` does this for you). The sync engine then
/// ``claim(limit:)``s a batch, sends it, and reports each row with ``markAcked(_:)``,
/// ``markRetry(_:error:nextAttemptAt:)`` or ``markDead(_:error:)``.
///
/// Error texts passed to these methods are stored and shown to operators: they must not
/// contain personal data.
public struct Outbox: Sendable {
    let database: KioskDatabase

    /// Default number of records in one claimed batch.
    public static let defaultBatchSize = 100

    /// Enqueues a record that reports no other change (a synthetic probe), in its own transaction.
    @discardableResult
    public func enqueue(_ kind: OutboxKind, subject: ResidentKey, payload: some Encodable & Sendable) async throws -> OutboxID {
        try await database.write("outbox.enqueue") { tx in
            try tx.enqueue(kind, subject: subject, payload: payload)
        }
    }

    /// Marks records accepted upstream. Rows already acked are left as they are; `dead` rows are
    /// not revived by a late acknowledgement. Returns how many rows changed.
    @discardableResult
    public func markAcked(_ ids: [OutboxID]) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await database.write("outbox.markAcked") { tx in
            var changed = 0
            let statement = try tx.db.cachedStatement(sql: """
                UPDATE outbox SET state = 'acked', acked_at = ?, updated_at = ?
                WHERE id = ? AND state IN ('pending', 'sending')
                """)
            for id in ids {
                try statement.execute(arguments: [tx.nowMillis, tx.nowMillis, id.rawValue])
                changed += tx.db.changesCount
            }
            if changed > 0 {
                try tx.db.execute(sql: "UPDATE outbox_health SET last_success_at = ? WHERE id = 1",
                                  arguments: [tx.nowMillis])
            }
            return changed
        }
    }

    /// Returns a claimed record to `pending` after a failed attempt: `attempts` + 1, not to be
    /// claimed again before `nextAttemptAt` (the engine's backoff), `error` kept as `last_error`.
    ///
    /// While it waits, later records of the same subject wait too. When a batch fails part-way,
    /// retry every later record of the same subject from that batch as well, so that order holds.
    /// Returns false when the record was not `sending`.
    @discardableResult
    public func markRetry(_ id: OutboxID, error: String, nextAttemptAt: Date) async throws -> Bool {
        try await database.write("outbox.markRetry") { tx in
            try tx.db.execute(sql: """
                UPDATE outbox SET state = 'pending', attempts = attempts + 1, next_attempt_at = ?,
                                  last_error = ?, updated_at = ?
                WHERE id = ? AND state = 'sending'
                """, arguments: [Timestamp.millis(nextAttemptAt), OutboxRow.truncated(error), tx.nowMillis, id.rawValue])
            let changed = tx.db.changesCount == 1
            if changed { try Self.noteError(error, in: tx) }
            return changed
        }
    }

    /// Gives up on a claimed record that the server refused for good; it stays `dead` until an
    /// operator calls ``retry(id:)`` or ``retryAllDead()``. A dead record no longer holds back
    /// later records of its subject. Returns false when the record was not `sending`.
    @discardableResult
    public func markDead(_ id: OutboxID, error: String) async throws -> Bool {
        try await database.write("outbox.markDead") { tx in
            try tx.db.execute(sql: """
                UPDATE outbox SET state = 'dead', attempts = attempts + 1, last_error = ?, updated_at = ?
                WHERE id = ? AND state = 'sending'
                """, arguments: [OutboxRow.truncated(error), tx.nowMillis, id.rawValue])
            let changed = tx.db.changesCount == 1
            if changed { try Self.noteError(error, in: tx) }
            return changed
        }
    }

    static func noteError(_ error: String, in tx: StoreTransaction) throws {
        try tx.db.execute(sql: "UPDATE outbox_health SET last_error = ?, last_error_at = ? WHERE id = 1",
                          arguments: [OutboxRow.truncated(error), tx.nowMillis])
    }
}
