import Foundation
import Testing
@testable import Store

@Suite("Migrations")
struct MigrationTests {
    @Test func migratesFromEmptyFile() async throws {
        let directory = try TemporaryDirectory()
        let store = try openStore(directory, clock: TestClock())
        #expect(try await store.appliedMigrations() == ["v1-visits-payments-identity-outbox", "v2-resident-registry"])
        let tables = try await store.read("test") { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        for table in ["identity_checks", "outbox", "outbox_health", "payments", "visits"] {
            #expect(tables.contains(table))
        }
        #expect(try await store.integrityCheck() == ["ok"])
    }

    @Test func reopeningKeepsDataAndRunsNothingTwice() async throws {
        let directory = try TemporaryDirectory()
        let clock = TestClock()
        let first = try openStore(directory, clock: clock)
        try await first.outbox.enqueue(.syncProbe, subject: resident("a"), payload: Probe(n: 1))
        try first.close()
        let second = try openStore(directory, clock: clock)
        #expect(try await second.appliedMigrations() == Migrations.known)
        #expect(try await second.outbox.list().count == 1)
    }

    @Test func pragmasAreSet() async throws {
        let directory = try TemporaryDirectory()
        let store = try openStore(directory, clock: TestClock())
        let (journal, synchronous, foreignKeys) = try await store.read("test") { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"),
             try Int.fetchOne(db, sql: "PRAGMA synchronous"),
             try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(journal == "wal")
        #expect(synchronous == 2) // FULL
        #expect(foreignKeys == 1)
    }

    @Test func refusesSchemaFromNewerBuild() async throws {
        let directory = try TemporaryDirectory()
        let store = try openStore(directory, clock: TestClock())
        try await store.pool.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        try store.close()
        #expect(throws: StoreError.self) { _ = try openStore(directory, clock: TestClock()) }
    }
}
