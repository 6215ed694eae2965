import GRDB

/// The local resident registry: batch upserts from the commune's register and the lookups a
/// check-in needs (by citizen ID number, by insurance card code, by name and date of birth).
///
/// Values are checked by the caller (the `HealthID` module validates ID numbers and card codes);
/// the table's CHECK constraints reject what slips through with `store.constraint`.
public struct ResidentRegistry: Sendable {
    let database: KioskDatabase

    /// Inserts or replaces `residents` in one transaction. A stored record is replaced only by
    /// one with a strictly newer `updatedAt`; within the batch, later entries see earlier ones.
    public func upsert(_ residents: [Resident]) async throws -> ResidentUpsertSummary {
        guard !residents.isEmpty else { return ResidentUpsertSummary() }
        return try await database.write("residents.upsert") { tx in
            var summary = ResidentUpsertSummary()
            for resident in residents {
                switch try ResidentRow.upsert(resident, in: tx.db) {
                case .inserted: summary.inserted += 1
                case .updated: summary.updated += 1
                case .unchanged: summary.unchanged += 1
                }
            }
            return summary
        }
    }

    /// The resident with this 12-digit citizen ID number, if any.
    public func resident(idNumber: String) async throws -> Resident? {
        try await database.read("residents.byIDNumber") { db in
            try ResidentRow.fetchOne(db, sql: "SELECT * FROM residents WHERE id_number = ?", arguments: [idNumber])
        }
    }

    /// Residents holding this insurance card code, most recently updated first (normally one).
    public func residents(insuranceCode: String) async throws -> [Resident] {
        try await database.read("residents.byInsuranceCode") { db in
            try ResidentRow.fetchAll(db, sql: """
                SELECT * FROM residents WHERE insurance_code = ? ORDER BY updated_at DESC, seq
                """, arguments: [insuranceCode])
        }
    }

    /// Residents born on `dateOfBirth` (`YYYY-MM-DD`) whose folded name contains every word of
    /// `name` once folded (``ResidentName/fold(_:)``), in any order: "Nguyen Van An" and
    /// "nguyễn an" both find "Nguyễn Văn An". At most `limit` results, in registry order.
    public func residents(named name: String, bornOn dateOfBirth: String, limit: Int = 20) async throws -> [Resident] {
        let words = ResidentName.fold(name).split(separator: " ")
        guard !words.isEmpty else { return [] }
        return try await database.read("residents.byNameAndBirth") { db in
            let born = try ResidentRow.fetchAll(db, sql: ResidentRow.bornOnSQL, arguments: [dateOfBirth])
            return Array(born.filter { ResidentRow.matches($0.foldedName, words: words) }.prefix(max(0, limit)))
        }
    }

    /// Residents whose folded name contains every word of `name`, through the FTS5 index over
    /// folded names; for searches without a date of birth (staff screens). At most `limit`.
    public func residents(matchingName name: String, limit: Int = 20) async throws -> [Resident] {
        guard let query = ResidentRow.fullTextQuery(name) else { return [] }
        return try await database.read("residents.byName") { db in
            try ResidentRow.fetchAll(db, sql: ResidentRow.nameSQL, arguments: [query, max(0, limit)])
        }
    }

    /// Number of residents in the registry.
    public func count() async throws -> Int {
        try await database.read("residents.count") { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM residents") ?? 0
        }
    }
}

extension KioskDatabase {
    /// The local resident registry.
    public var residents: ResidentRegistry { ResidentRegistry(database: self) }
}
