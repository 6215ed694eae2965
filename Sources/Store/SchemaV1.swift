/// The SQL of migration `v1-visits-payments-identity-outbox`. Shipped: never edit it.
///
/// Times are INTEGER milliseconds since the Unix epoch (UTC); identifiers are lowercase UUIDv7
/// text. Tables are STRICT so that SQLite enforces the column types.
enum SchemaV1 {
    static let sql = """
        CREATE TABLE visits (
            id TEXT PRIMARY KEY NOT NULL,
            station_id TEXT NOT NULL,
            local_day TEXT NOT NULL,
            queue_number INTEGER NOT NULL CHECK (queue_number > 0),
            resident_key TEXT NOT NULL,
            service TEXT NOT NULL,
            status TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            UNIQUE (station_id, local_day, queue_number)
        ) STRICT;
        CREATE INDEX visits_resident ON visits (resident_key);

        CREATE TABLE payments (
            id TEXT PRIMARY KEY NOT NULL,
            visit_id TEXT NOT NULL REFERENCES visits (id) ON DELETE RESTRICT,
            method TEXT NOT NULL,
            amount_vnd INTEGER NOT NULL CHECK (amount_vnd >= 0),
            state TEXT NOT NULL,
            bill_number TEXT NOT NULL UNIQUE,
            provider_reference TEXT,
            terminal_reference TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX payments_visit ON payments (visit_id);

        CREATE TABLE identity_checks (
            id TEXT PRIMARY KEY NOT NULL,
            visit_id TEXT REFERENCES visits (id) ON DELETE RESTRICT,
            checked_at INTEGER NOT NULL,
            verdicts TEXT NOT NULL CHECK (json_valid(verdicts)),
            decision TEXT NOT NULL,
            document_hash TEXT,
            resident_key TEXT,
            CHECK (document_hash IS NOT NULL OR resident_key IS NOT NULL)
        ) STRICT;
        CREATE INDEX identity_checks_visit ON identity_checks (visit_id);

        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            subject_key TEXT NOT NULL,
            payload TEXT NOT NULL CHECK (json_valid(payload)),
            created_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            next_attempt_at INTEGER NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'sending', 'acked', 'dead')),
            last_error TEXT,
            claimed_at INTEGER,
            acked_at INTEGER,
            updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX outbox_claim_scan ON outbox (state, seq, next_attempt_at, subject_key);
        CREATE INDEX outbox_state_due ON outbox (state, next_attempt_at);
        CREATE INDEX outbox_subject_seq ON outbox (subject_key, seq);
        CREATE INDEX outbox_acked_at ON outbox (acked_at) WHERE state = 'acked';

        CREATE TABLE outbox_health (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            last_success_at INTEGER,
            last_error TEXT,
            last_error_at INTEGER
        ) STRICT;
        INSERT INTO outbox_health (id) VALUES (1);
        """
}
