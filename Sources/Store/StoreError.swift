public import KioskBase

/// The one error type of the `Store` module.
///
/// Details name the operation, table and SQLite result code; they never carry row values, so
/// personal data (resident keys, document hashes, payloads) cannot reach a log through them.
public typealias StoreError = ReasonedError<StoreFailure>

/// What kind of store failure it is; each raw value is the stable code.
public enum StoreFailure: String, Sendable, Equatable {
    /// The state directory or database file could not be created or secured.
    case filesystem = "store.filesystem"
    /// SQLite refused to open the file.
    case open = "store.open"
    /// A migration failed, or the file was written by a newer version of the kiosk.
    case migration = "store.migration"
    /// Another connection held the write lock for longer than the busy timeout.
    case busy = "store.busy"
    /// A constraint (unique queue number, foreign key, check) rejected a write.
    case constraint = "store.constraint"
    /// Any other SQLite failure (I/O error, corrupt file, full disk).
    case database = "store.database"
    /// The record asked for does not exist.
    case notFound = "store.notFound"
    /// A value handed to the store was out of range or malformed.
    case invalidArgument = "store.invalidArgument"
    /// A payload could not be encoded to, or decoded from, JSON.
    case payload = "store.payload"
}
