import GRDB

/// The schema, as an ordered list of named migrations.
///
/// A migration that has shipped is never edited: a change to the schema is a new migration
/// appended at the end, named `vN-what-it-does`. Other modules' tables (the resident registry)
/// are added here the same way, so that one migrator owns the whole file.
enum Migrations {
    static let v1 = "v1-visits-payments-identity-outbox"
    static let v2 = "v2-resident-registry"
    static let v3 = "v3-insurance-checks"
    static let v4 = "v4-payment-lifecycle"

    /// Every migration, in the order it runs.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(v1) { db in
            try db.execute(sql: SchemaV1.sql)
        }
        migrator.registerMigration(v2) { db in
            try db.execute(sql: SchemaV2.sql)
        }
        migrator.registerMigration(v3) { db in
            try db.execute(sql: SchemaV3.sql)
        }
        migrator.registerMigration(v4) { db in
            try db.execute(sql: SchemaV4.sql)
        }
        return migrator
    }

    /// Identifiers of all migrations this build knows.
    static var known: [String] { migrator.migrations }
}
