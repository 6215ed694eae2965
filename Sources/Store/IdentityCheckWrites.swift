import Foundation
import GRDB

extension StoreTransaction {
    /// Inserts an identity check; its visit, when given, must exist.
    public func insertIdentityCheck(_ new: NewIdentityCheck) throws -> IdentityCheck {
        guard new.documentHash != nil || new.residentKey != nil else {
            throw StoreError(.invalidArgument, "an identity check needs a document hash or a resident key")
        }
        let check = IdentityCheck(
            id: newID(), visitID: new.visitID, checkedAt: Timestamp.date(nowMillis), verdicts: new.verdicts,
            decision: new.decision, documentHash: new.documentHash, residentKey: new.residentKey)
        try db.execute(sql: """
            INSERT INTO identity_checks (id, visit_id, checked_at, verdicts, decision, document_hash, resident_key)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                check.id.rawValue, check.visitID?.rawValue, nowMillis, try PayloadCoding.text(check.verdicts),
                check.decision.rawValue, check.documentHash, check.residentKey?.rawValue,
            ])
        return check
    }

    /// Identity checks of a visit, oldest first.
    public func fetchIdentityChecks(visitID: VisitID) throws -> [IdentityCheck] {
        try Row.fetchAll(db, sql: "SELECT * FROM identity_checks WHERE visit_id = ? ORDER BY id",
                         arguments: [visitID.rawValue]).map(IdentityCheckRow.decode)
    }
}

/// Reading `identity_checks` rows.
enum IdentityCheckRow {
    static func decode(_ row: Row) throws -> IdentityCheck {
        let decision: String = row["decision"]
        guard let policyDecision = IdentityDecision(rawValue: decision) else {
            throw StoreError(.database, "identity_checks: unknown decision value in stored row")
        }
        let visitID: String? = row["visit_id"]
        let residentKey: String? = row["resident_key"]
        return IdentityCheck(
            id: IdentityCheckID(rawValue: row["id"]), visitID: visitID.map(VisitID.init(rawValue:)),
            checkedAt: Timestamp.date(row["checked_at"]),
            verdicts: try PayloadCoding.decode([String: IdentityVerdict].self, from: row["verdicts"]),
            decision: policyDecision, documentHash: row["document_hash"], residentKey: residentKey.map(ResidentKey.init))
    }
}
