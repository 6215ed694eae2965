import Foundation
import GRDB

extension StoreTransaction {
    /// Inserts a visit with the next queue number of its station for the current local day.
    ///
    /// The number is read and used inside this write transaction, which holds the database's
    /// write lock, so two check-ins (even from two processes) never get the same number; the
    /// unique index on (station, day, number) backs this up.
    public func insertVisit(_ new: NewVisit) throws -> Visit {
        let day = LocalDay.string(for: now, in: timeZone)
        let last = try Int.fetchOne(db, sql: """
            SELECT MAX(queue_number) FROM visits WHERE station_id = ? AND local_day = ?
            """, arguments: [new.stationID, day]) ?? 0
        let visit = Visit(
            id: newID(), stationID: new.stationID, localDay: day, queueNumber: last + 1,
            residentKey: new.residentKey, service: new.service, status: new.status,
            createdAt: Timestamp.date(nowMillis), updatedAt: Timestamp.date(nowMillis))
        try db.execute(sql: """
            INSERT INTO visits (id, station_id, local_day, queue_number, resident_key, service, status, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                visit.id.rawValue, visit.stationID, visit.localDay, visit.queueNumber,
                visit.residentKey.rawValue, visit.service, visit.status.rawValue, nowMillis, nowMillis,
            ])
        return visit
    }

    /// Changes a visit's status; throws `store.notFound` when there is no such visit.
    public func updateVisitStatus(_ id: VisitID, to status: VisitStatus) throws -> Visit {
        try db.execute(
            sql: "UPDATE visits SET status = ?, updated_at = ? WHERE id = ?",
            arguments: [status.rawValue, nowMillis, id.rawValue])
        guard db.changesCount == 1, let visit = try fetchVisit(id) else {
            throw StoreError(.notFound, "no visit \(id)")
        }
        return visit
    }

    /// The visit with this id, if any.
    public func fetchVisit(_ id: VisitID) throws -> Visit? {
        try VisitRow.fetch(db, id: id)
    }
}

/// Reading `visits` rows.
enum VisitRow {
    static func fetch(_ db: Database, id: VisitID) throws -> Visit? {
        try Row.fetchOne(db, sql: "SELECT * FROM visits WHERE id = ?", arguments: [id.rawValue]).map(decode)
    }

    static func decode(_ row: Row) throws -> Visit {
        let status: String = row["status"]
        guard let visitStatus = VisitStatus(rawValue: status) else {
            throw StoreError(.database, "visits: unknown status value in stored row")
        }
        return Visit(
            id: VisitID(rawValue: row["id"]), stationID: row["station_id"], localDay: row["local_day"],
            queueNumber: row["queue_number"], residentKey: ResidentKey(row["resident_key"]),
            service: row["service"], status: visitStatus,
            createdAt: Timestamp.date(row["created_at"]), updatedAt: Timestamp.date(row["updated_at"]))
    }
}
