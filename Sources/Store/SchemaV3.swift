/// The SQL of migration `v3-insurance-checks`: every health-insurance card check the kiosk made,
/// with the portal's answer when there was one. The newest definitive answer for a person is
/// what the kiosk shows, marked stale with its age, while the portal cannot be reached.
/// Shipped: never edit it.
///
/// `person_key` is the identifier the check was made for, prefixed with its kind
/// (`card-code:…`, `social-insurance-number:…`, `citizen-id:…`). `source` says where the
/// answer shown came from: `portal` (asked now), `cache` (a recent answer reused), `stale` (the
/// portal failed; an older answer shown), `none` (the portal failed and nothing was known).
/// `answer` is the portal's answer as JSON (rows with source `portal` only); `definitive` marks
/// answers that say something about the card (not a portal or account error). `failure` is the
/// error code and detail of a failed attempt, without personal data.
enum SchemaV3 {
    static let sql = """
        CREATE TABLE insurance_checks (
            seq INTEGER PRIMARY KEY,
            person_key TEXT NOT NULL CHECK (person_key <> ''),
            checked_at INTEGER NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('portal', 'cache', 'stale', 'none')),
            result_code TEXT,
            definitive INTEGER NOT NULL CHECK (definitive IN (0, 1)),
            answer TEXT,
            failure TEXT,
            CHECK (source <> 'portal' OR answer IS NOT NULL)
        ) STRICT;
        CREATE INDEX insurance_checks_last_answer ON insurance_checks (person_key, checked_at)
            WHERE source = 'portal' AND definitive = 1;
        """
}
