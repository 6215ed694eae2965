public import Foundation
import GRDB

/// One open write transaction, handed to the body of ``KioskDatabase/write(_:)``.
///
/// Its methods insert and update records and enqueue outbox rows; all of them commit together.
/// Valid only inside that body: do not keep it.
public struct StoreTransaction {
    let db: Database
    /// The instant this transaction stamps on every row it writes.
    public let now: Date
    let timeZone: TimeZone
    let identifiers: UUIDv7Generator

    var nowMillis: Int64 { Timestamp.millis(now) }

    func newID<Record>(_: Record.Type = Record.self) -> RecordID<Record> {
        RecordID(identifiers.next(at: now))
    }
}
