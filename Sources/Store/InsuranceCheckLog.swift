public import Foundation
import GRDB

/// Where the insurance status shown for one check came from.
public enum InsuranceCheckSource: String, Sendable, Codable, CaseIterable {
    /// The portal answered this time.
    case portal
    /// A recent answer was reused without asking the portal.
    case cache
    /// The portal failed; an older answer was shown, marked stale.
    case stale
    /// The portal failed and no earlier answer was known.
    case none
}

/// One insurance card check as the kiosk records it. Personal data: `personKey` and `answer`.
public struct InsuranceCheckEntry: Sendable, Equatable, CustomStringConvertible {
    /// The identifier checked, prefixed with its kind (`card-code:…`).
    public var personKey: String
    /// When the check was made (or, for a stored answer, when the portal gave it).
    public var checkedAt: Date
    /// Where the status shown came from.
    public var source: InsuranceCheckSource
    /// The portal's result code (`maKetQua`) of the answer shown, if any.
    public var resultCode: String?
    /// Whether the answer says something about the card (not a portal or account error).
    public var definitive: Bool
    /// The portal's answer as JSON; required when `source` is `portal`.
    public var answer: Data?
    /// Why the portal could not answer: an error code and detail without personal data.
    public var failure: String?

    /// Describes a check to record.
    public init(personKey: String, checkedAt: Date, source: InsuranceCheckSource, resultCode: String? = nil,
                definitive: Bool = false, answer: Data? = nil, failure: String? = nil) {
        self.personKey = personKey
        self.checkedAt = checkedAt
        self.source = source
        self.resultCode = resultCode
        self.definitive = definitive
        self.answer = answer
        self.failure = failure
    }

    public var description: String { "InsuranceCheckEntry(<redacted>, source: \(source.rawValue))" }
}

/// The record of insurance card checks: each check appended, and the newest definitive portal
/// answer per person read back for the cache and for offline use.
public struct InsuranceCheckLog: Sendable {
    let database: KioskDatabase

    /// Appends `entry`.
    public func record(_ entry: InsuranceCheckEntry) async throws {
        if entry.source == .portal && entry.answer == nil {
            throw StoreError(.invalidArgument, "an insurance check answered by the portal needs its answer")
        }
        try await database.write("insuranceChecks.record") { tx in
            try tx.db.execute(sql: """
                INSERT INTO insurance_checks (person_key, checked_at, source, result_code, definitive, answer, failure)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [entry.personKey, Timestamp.millis(entry.checkedAt), entry.source.rawValue, entry.resultCode,
                                 entry.definitive ? 1 : 0, entry.answer.map { String(decoding: $0, as: UTF8.self) }, entry.failure])
        }
    }

    /// The newest definitive answer the portal gave for `personKey`, if any.
    public func lastAnswer(personKey: String) async throws -> InsuranceCheckEntry? {
        try await database.read("insuranceChecks.lastAnswer") { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT * FROM insurance_checks WHERE person_key = ? AND source = 'portal' AND definitive = 1
                ORDER BY checked_at DESC, seq DESC LIMIT 1
                """, arguments: [personKey]) else { return nil }
            return Self.entry(row)
        }
    }

    /// Every check recorded for `personKey`, oldest first.
    public func history(personKey: String) async throws -> [InsuranceCheckEntry] {
        try await database.read("insuranceChecks.history") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM insurance_checks WHERE person_key = ? ORDER BY seq",
                             arguments: [personKey]).map(Self.entry)
        }
    }

    private static func entry(_ row: Row) -> InsuranceCheckEntry {
        let answer: String? = row["answer"]
        return InsuranceCheckEntry(personKey: row["person_key"], checkedAt: Timestamp.date(row["checked_at"]),
                                   source: InsuranceCheckSource(rawValue: row["source"]) ?? .none,
                                   resultCode: row["result_code"], definitive: (row["definitive"] as Int) == 1,
                                   answer: answer.map { Data($0.utf8) }, failure: row["failure"])
    }
}

extension KioskDatabase {
    /// The record of insurance card checks.
    public var insuranceChecks: InsuranceCheckLog { InsuranceCheckLog(database: self) }
}
