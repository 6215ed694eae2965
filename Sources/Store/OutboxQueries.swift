import Foundation
import GRDB

extension Outbox {
    /// Counts by state, age of the oldest undelivered record, last success and last error.
    public func stats() async throws -> OutboxStats {
        try await database.read("outbox.stats") { db in
            var counts = Dictionary(uniqueKeysWithValues: OutboxState.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM outbox GROUP BY state") {
                if let state = OutboxState(rawValue: row["state"]) { counts[state] = row["n"] }
            }
            // The first row by seq in each undelivered state is its oldest (seq follows enqueue order).
            let oldest = try Int64.fetchOne(db, sql: """
                SELECT MIN(created_at) FROM (
                    SELECT created_at FROM (SELECT created_at FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT 1)
                    UNION ALL
                    SELECT created_at FROM (SELECT created_at FROM outbox WHERE state = 'sending' ORDER BY seq LIMIT 1)
                )
                """)
            let nextDue = try Int64.fetchOne(
                db, sql: "SELECT MIN(next_attempt_at) FROM outbox WHERE state = 'pending'")
            let health = try Row.fetchOne(db, sql: "SELECT * FROM outbox_health WHERE id = 1")
            let lastSuccess: Int64? = health?["last_success_at"]
            let lastErrorAt: Int64? = health?["last_error_at"]
            return OutboxStats(
                counts: counts, oldestPendingAt: oldest.map(Timestamp.date), nextDueAt: nextDue.map(Timestamp.date),
                lastSuccessAt: lastSuccess.map(Timestamp.date), lastError: health?["last_error"],
                lastErrorAt: lastErrorAt.map(Timestamp.date))
        }
    }

    /// Records in `state` (all states when nil), oldest first, at most `limit`.
    public func list(state: OutboxState? = nil, limit: Int = 100) async throws -> [OutboxRecord] {
        try await database.read("outbox.list") { db in
            if let state {
                return try Row.fetchAll(db, sql: "SELECT * FROM outbox WHERE state = ? ORDER BY seq LIMIT ?",
                                        arguments: [state.rawValue, limit]).map(OutboxRow.decode)
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY seq LIMIT ?", arguments: [limit])
                .map(OutboxRow.decode)
        }
    }

    /// The record with this id, if any.
    public func record(id: OutboxID) async throws -> OutboxRecord? {
        try await database.read("outbox.record") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [id.rawValue]).map(OutboxRow.decode)
        }
    }
}
