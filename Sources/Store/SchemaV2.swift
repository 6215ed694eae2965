/// The SQL of migration `v2-resident-registry`: the local resident registry and the full-text
/// index over residents' names folded without diacritics. Shipped: never edit it.
///
/// `residents.seq` is the integer row id the FTS5 index refers to (external content); the
/// citizen ID number is the natural key. Dates of birth are `YYYY-MM-DD` text, `updated_at`
/// INTEGER milliseconds since the Unix epoch, as everywhere in the store.
enum SchemaV2 {
    static let sql = """
        CREATE TABLE residents (
            seq INTEGER PRIMARY KEY,
            id_number TEXT NOT NULL UNIQUE
                CHECK (length(id_number) = 12 AND id_number NOT GLOB '*[^0-9]*'),
            full_name TEXT NOT NULL CHECK (full_name <> ''),
            folded_name TEXT NOT NULL CHECK (folded_name <> ''),
            date_of_birth TEXT NOT NULL
                CHECK (date_of_birth GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
            sex TEXT NOT NULL CHECK (sex IN ('male', 'female')),
            address TEXT,
            household_id TEXT,
            insurance_code TEXT CHECK (insurance_code IS NULL OR length(insurance_code) = 15),
            registered_facility TEXT,
            updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX residents_insurance_code ON residents (insurance_code) WHERE insurance_code IS NOT NULL;
        CREATE INDEX residents_date_of_birth ON residents (date_of_birth);

        CREATE VIRTUAL TABLE residents_name_fts USING fts5(
            folded_name, content = 'residents', content_rowid = 'seq', detail = none
        );
        CREATE TRIGGER residents_name_fts_insert AFTER INSERT ON residents BEGIN
            INSERT INTO residents_name_fts (rowid, folded_name) VALUES (new.seq, new.folded_name);
        END;
        CREATE TRIGGER residents_name_fts_delete AFTER DELETE ON residents BEGIN
            INSERT INTO residents_name_fts (residents_name_fts, rowid, folded_name)
            VALUES ('delete', old.seq, old.folded_name);
        END;
        CREATE TRIGGER residents_name_fts_update AFTER UPDATE OF folded_name ON residents
        WHEN old.folded_name IS NOT new.folded_name BEGIN
            INSERT INTO residents_name_fts (residents_name_fts, rowid, folded_name)
            VALUES ('delete', old.seq, old.folded_name);
            INSERT INTO residents_name_fts (rowid, folded_name) VALUES (new.seq, new.folded_name);
        END;
        """
}
