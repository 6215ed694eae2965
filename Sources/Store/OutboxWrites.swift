import Foundation
import GRDB

extension StoreTransaction {
    /// Longest `last_error` text kept.
    static let maximumErrorLength = 2000

    /// Adds an outbox row in this transaction, so it commits or rolls back with the change it
    /// reports. The payload is encoded with ``PayloadCoding``. Returns the row's id, which is
    /// also its idempotency key upstream.
    @discardableResult
    public func enqueue(_ kind: OutboxKind, subject: ResidentKey, payload: some Encodable) throws -> OutboxID {
        let id: OutboxID = newID()
        let insert = try db.cachedStatement(sql: """
            INSERT INTO outbox (id, kind, subject_key, payload, created_at, next_attempt_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        try insert.execute(arguments: [id.rawValue, kind.rawValue, subject.rawValue, try PayloadCoding.text(payload),
                                       nowMillis, nowMillis, nowMillis])
        return id
    }
}

/// Reading `outbox` rows.
enum OutboxRow {
    static func decode(_ row: Row) throws -> OutboxRecord {
        let state: String = row["state"]
        guard let outboxState = OutboxState(rawValue: state) else {
            throw StoreError(.database, "outbox: unknown state value in stored row")
        }
        let payload: String = row["payload"]
        let ackedAt: Int64? = row["acked_at"]
        return OutboxRecord(
            id: OutboxID(rawValue: row["id"]), kind: OutboxKind(rawValue: row["kind"]),
            subject: ResidentKey(row["subject_key"]), payload: Data(payload.utf8),
            createdAt: Timestamp.date(row["created_at"]), attempts: row["attempts"],
            nextAttemptAt: Timestamp.date(row["next_attempt_at"]), state: outboxState,
            lastError: row["last_error"], ackedAt: ackedAt.map(Timestamp.date))
    }

    static func truncated(_ error: String) -> String {
        error.count <= StoreTransaction.maximumErrorLength
            ? error : String(error.prefix(StoreTransaction.maximumErrorLength))
    }
}
