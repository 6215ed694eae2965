import GRDB

extension Outbox {
    /// Claims up to `limit` records for delivery and marks them `sending`, atomically (one
    /// IMMEDIATE transaction: two claimers, even in two processes, never get the same row).
    ///
    /// Which records are claimable — the per-subject order rule:
    /// - only `pending` records whose `next_attempt_at` has come;
    /// - for each subject, only the unbroken run of such records that starts at its oldest
    ///   undelivered record: a record is held back while an older record of the same subject is
    ///   `sending`, or `pending` but not yet due (waiting for a retry). `acked` and `dead`
    ///   records hold nothing back;
    /// - oldest first (enqueue order), across subjects.
    ///
    /// So a batch may hold several records of one subject, always in their order, and never a
    /// record whose predecessor is still on its way.
    public func claim(limit: Int = Outbox.defaultBatchSize) async throws -> [OutboxRecord] {
        guard limit > 0 else { return [] }
        return try await database.write("outbox.claim") { tx in
            let rows = try Row.fetchAll(tx.db, sql: Self.claimableSQL, arguments: [
                "now": tx.nowMillis, "limit": limit,
            ])
            guard !rows.isEmpty else { return [] }
            let mark = try tx.db.cachedStatement(sql: """
                UPDATE outbox SET state = 'sending', claimed_at = ?, updated_at = ? WHERE seq = ?
                """)
            var claimed: [OutboxRecord] = []
            claimed.reserveCapacity(rows.count)
            for row in rows {
                let seq: Int64 = row["seq"]
                try mark.execute(arguments: [tx.nowMillis, tx.nowMillis, seq])
                claimed.append(try OutboxRow.decode(row, state: .sending))
            }
            return claimed
        }
    }

    /// Claimable rows, oldest first.
    ///
    /// `blockers` holds, per subject, the oldest row that holds back later ones; it is computed
    /// once (few rows, through `outbox_state_due` and `outbox_claim_scan`). The main scan walks
    /// `outbox_claim_scan` in `seq` order and stops after `limit` hits, so its cost grows with the
    /// number of held-back rows it passes on the way, not with the backlog. (The unary `+` keeps
    /// SQLite from choosing the `next_attempt_at` index, which would need a sort of all due rows.)
    static let claimableSQL = """
        WITH blockers (subject_key, first_seq) AS MATERIALIZED (
            SELECT subject_key, MIN(seq) FROM (
                SELECT subject_key, seq FROM outbox WHERE state = 'sending'
                UNION ALL
                SELECT subject_key, seq FROM outbox WHERE state = 'pending' AND next_attempt_at > :now
            ) GROUP BY subject_key
        )
        SELECT o.* FROM outbox AS o
        LEFT JOIN blockers AS b ON b.subject_key = o.subject_key
        WHERE o.state = 'pending' AND +o.next_attempt_at <= :now
          AND (b.first_seq IS NULL OR o.seq < b.first_seq)
        ORDER BY o.seq
        LIMIT :limit
        """
}

extension OutboxRow {
    /// Decodes a row read before an update in the same transaction, with its new state.
    static func decode(_ row: Row, state: OutboxState) throws -> OutboxRecord {
        let record = try decode(row)
        return OutboxRecord(
            id: record.id, kind: record.kind, subject: record.subject, payload: record.payload,
            createdAt: record.createdAt, attempts: record.attempts, nextAttemptAt: record.nextAttemptAt,
            state: state, lastError: record.lastError, ackedAt: record.ackedAt)
    }
}
