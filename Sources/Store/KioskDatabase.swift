public import Foundation
import GRDB

/// The kiosk's SQLite database, `<stateDirectory>/kiosk.sqlite`.
///
/// Opened as a connection pool in WAL mode with `synchronous=FULL` (a committed transaction
/// survives a power cut), foreign keys enforced, a busy timeout for the other process (the
/// daemon and `kioskctl` share the file), and the file and its `-wal`/`-shm` companions at
/// mode 0600. All named migrations run when it opens.
///
/// Reach the data through ``records`` (visits, payments, identity checks, each with its outbox
/// row), ``outbox`` (delivery), or ``write(_:)`` to combine several changes in one transaction.
/// Every method throws ``StoreError`` (or `CancellationError`).
public final class KioskDatabase: Sendable {
    /// Settings for opening the database.
    public struct Options: Sendable {
        /// How long a write waits for another connection's lock before failing with `store.busy`.
        public var busyTimeout: TimeInterval = 5
        /// The time zone in which a "day" of queue numbers starts and ends.
        public var timeZone: TimeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? .current
        /// The source of "now" for every timestamp the store writes; tests replace it.
        public var clock: @Sendable () -> Date = { Date() }
        /// Largest number of concurrent read connections.
        public var maximumReaderCount: Int = 4

        /// Default settings.
        public init() {}
    }

    /// The database file name inside the state directory.
    public static let fileName = "kiosk.sqlite"

    /// Full path of the database file.
    public let path: String

    let pool: DatabasePool
    let clock: @Sendable () -> Date
    let timeZone: TimeZone
    let identifiers = UUIDv7Generator()

    /// Opens (creating if needed) `<stateDirectory>/kiosk.sqlite` and brings its schema up to date.
    ///
    /// Opening does not touch outbox rows: the daemon calls ``Outbox/recoverInterrupted()`` once
    /// at start, while `kioskctl`, which may open the file while the daemon runs, must not.
    public init(stateDirectory: String, options: Options = Options()) throws {
        let path = (stateDirectory as NSString).appendingPathComponent(Self.fileName)
        self.path = path
        self.clock = options.clock
        self.timeZone = options.timeZone
        try DatabaseFile.ensureDirectory(stateDirectory)
        try DatabaseFile.prepare(path)

        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(options.busyTimeout)
        configuration.maximumReaderCount = max(1, options.maximumReaderCount)
        configuration.label = "kiosk.store"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError.wrap(error, operation: "open \(Self.fileName)").asStoreError(.open)
        }
        try Self.migrate(pool)
        try DatabaseFile.secure(path)
    }

    private static func migrate(_ pool: DatabasePool) throws {
        let migrator = Migrations.migrator
        do {
            let superseded = try pool.read { db in try migrator.hasBeenSuperseded(db) }
            if superseded {
                throw StoreError(.migration, "the database has migrations this build does not know; refusing to open an older schema view")
            }
            try migrator.migrate(pool)
        } catch {
            throw StoreError.wrap(error, operation: "migrate").asStoreError(.migration)
        }
    }

    /// Identifiers of the migrations applied to the file, in order.
    public func appliedMigrations() async throws -> [String] {
        try await read("appliedMigrations") { db in try Migrations.migrator.completedMigrations(db) }
    }

    /// Runs `PRAGMA integrity_check`; a sound file answers `["ok"]`.
    public func integrityCheck() async throws -> [String] {
        try await read("integrityCheck") { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// Visits, payments and identity checks, each written together with its outbox row.
    public var records: Records { Records(database: self) }

    /// The outbox of records waiting to be delivered upstream.
    public var outbox: Outbox { Outbox(database: self) }

    /// Runs `body` in one IMMEDIATE transaction: every change it makes, outbox rows included,
    /// commits together or not at all. Throwing from `body` rolls everything back; an error of
    /// the caller's own reaches the caller unchanged, database failures as ``StoreError``.
    public func write<T: Sendable>(_ body: @Sendable (StoreTransaction) throws -> T) async throws -> T {
        do {
            return try await write("write") { tx in
                do {
                    return try body(tx)
                } catch let error as StoreError {
                    throw error
                } catch let error as CallerError {
                    throw error
                } catch where Self.isDatabaseFailure(error) {
                    throw error
                } catch {
                    throw CallerError(error: error)
                }
            }
        } catch let error as CallerError {
            throw error.error
        }
    }

    func write<T: Sendable>(_ operation: String, _ body: @Sendable (StoreTransaction) throws -> T) async throws -> T {
        do {
            return try await pool.write { db in
                try body(StoreTransaction(db: db, now: self.clock(), timeZone: self.timeZone, identifiers: self.identifiers))
            }
        } catch {
            throw StoreError.wrap(error, operation: operation)
        }
    }

    func read<T: Sendable>(_ operation: String, _ body: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw StoreError.wrap(error, operation: operation)
        }
    }

    /// Closes every connection. Further use of this instance fails.
    public func close() throws {
        do {
            try pool.close()
        } catch {
            throw StoreError.wrap(error, operation: "close")
        }
    }
}

extension Error {
    /// This error as a ``StoreError``, with `reason` when it is not one already.
    fileprivate func asStoreError(_ reason: StoreFailure) -> StoreError {
        if let error = self as? StoreError {
            return error.reason == .database ? StoreError(reason, error.detail) : error
        }
        return StoreError(reason, "\(type(of: self))")
    }
}
