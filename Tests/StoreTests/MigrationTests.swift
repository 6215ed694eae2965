import Foundation
import GRDB
import Testing
@testable import Store

@Suite("Migrations")
struct MigrationTests {
    @Test func migratesFromEmptyFile() async throws {
        let directory = try TemporaryDirectory()
        let store = try openStore(directory, clock: TestClock())
        #expect(try await store.appliedMigrations() == ["v1-visits-payments-identity-outbox", "v2-resident-registry", "v3-insurance-checks", "v4-payment-lifecycle"])
        let tables = try await store.read("test") { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        for table in ["identity_checks", "insurance_checks", "outbox", "outbox_health", "payments", "residents", "visits"] {
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

    /// A file written by the build that stopped at v2 (visits, outbox rows in every state, a
    /// resident) opened by this build: the new migrations run, every row is still there and
    /// usable, and nothing ran twice.
    @Test func migratesAPopulatedFileOfAnOlderSchema() async throws {
        let directory = try TemporaryDirectory()
        let path = (directory.path as NSString).appendingPathComponent(KioskDatabase.fileName)
        let older = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(older, upTo: Migrations.v2)
        try await older.write { db in
            try db.execute(sql: """
                INSERT INTO visits (id, station_id, local_day, queue_number, resident_key, service, status, created_at, updated_at)
                VALUES ('0192f0a0-0000-7000-8000-000000000001', 'station-a', '2026-11-28', 1, 'resident-a', 'general', 'arrived', 1, 1);
                INSERT INTO outbox (id, kind, subject_key, payload, created_at, next_attempt_at, state, acked_at, last_error, updated_at) VALUES
                  ('0192f0a0-0000-7000-8000-000000000011', 'visit', 'resident-a', '{"n":1}', 1, 1, 'pending', NULL, NULL, 1),
                  ('0192f0a0-0000-7000-8000-000000000012', 'visit', 'resident-a', '{"n":2}', 2, 2, 'acked', 3, NULL, 3),
                  ('0192f0a0-0000-7000-8000-000000000013', 'visit', 'resident-b', '{"n":3}', 3, 3, 'dead', NULL, 'HTTP 400', 3);
                INSERT INTO residents (id_number, full_name, folded_name, date_of_birth, sex, updated_at)
                VALUES ('001090012345', 'Nguyễn Văn An', 'nguyen van an', '1990-03-14', 'male', 1);
                """)
        }
        try older.close()

        let store = try openStore(directory, clock: TestClock())
        #expect(try await store.appliedMigrations() == Migrations.known)
        let states = try await store.outbox.list().map(\.state)
        #expect(states.sorted { $0.rawValue < $1.rawValue } == [.acked, .dead, .pending])
        #expect(try await store.residents.residents(named: "nguyen an", bornOn: "1990-03-14").map(\.idNumber) == ["001090012345"])
        try await store.insuranceChecks.record(InsuranceCheckEntry(personKey: "card-code:DN4010123456789", checkedAt: TestClock.start,
                                                                   source: .none, failure: "healthid.portalTimeout"))
        #expect(try await store.insuranceChecks.history(personKey: "card-code:DN4010123456789").count == 1)
        #expect(try await store.integrityCheck() == ["ok"])
        try store.close()
        let again = try openStore(directory, clock: TestClock())
        #expect(try await again.outbox.list().count == 3)
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
