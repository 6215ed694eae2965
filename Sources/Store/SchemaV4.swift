/// The SQL of migration `v4-payment-lifecycle`. Shipped: never edit it.
///
/// `payments.idempotency_key` names the attempt that created a payment (a retried start finds
/// the payment it made before). `payment_events` is the audit trail of the lifecycle: one row
/// per transition, keyed by the transition's idempotency key so that a retried or replayed
/// transition (after a restart, a repeated callback) is recognised instead of applied twice.
/// `actor` is who made it (`kiosk`, `terminal`, `station-server`, `staff:<username>`);
/// `amount_vnd` is the amount the terminal approved or the bank reported, when one did.
/// `bank_transfers` keeps every transfer the station server reported, matched or not, so that
/// the end-of-day report can list the ones that paid nothing.
enum SchemaV4 {
    static let sql = """
        ALTER TABLE payments ADD COLUMN idempotency_key TEXT;
        CREATE UNIQUE INDEX payments_idempotency ON payments (idempotency_key) WHERE idempotency_key IS NOT NULL;
        CREATE INDEX payments_created ON payments (created_at);
        CREATE INDEX payments_state ON payments (state, method);

        CREATE TABLE payment_events (
            seq INTEGER PRIMARY KEY,
            payment_id TEXT NOT NULL REFERENCES payments (id) ON DELETE RESTRICT,
            idempotency_key TEXT NOT NULL UNIQUE CHECK (idempotency_key <> ''),
            from_state TEXT,
            to_state TEXT NOT NULL,
            at INTEGER NOT NULL,
            actor TEXT NOT NULL CHECK (actor <> ''),
            reference TEXT,
            amount_vnd INTEGER CHECK (amount_vnd IS NULL OR amount_vnd >= 0),
            note TEXT
        ) STRICT;
        CREATE INDEX payment_events_payment ON payment_events (payment_id, seq);

        CREATE TABLE bank_transfers (
            bank_reference TEXT PRIMARY KEY NOT NULL CHECK (bank_reference <> ''),
            bill_number TEXT NOT NULL,
            amount_vnd INTEGER NOT NULL CHECK (amount_vnd >= 0),
            received_at INTEGER NOT NULL,
            source TEXT NOT NULL,
            payment_id TEXT REFERENCES payments (id) ON DELETE RESTRICT,
            outcome TEXT NOT NULL
        ) STRICT;
        CREATE INDEX bank_transfers_received ON bank_transfers (received_at);
        """
}
