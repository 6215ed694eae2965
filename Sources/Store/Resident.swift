public import Foundation

/// Sex as recorded in the citizen register (and encoded in the ID number's fourth digit).
public enum ResidentSex: String, Sendable, CaseIterable {
    /// Nam.
    case male
    /// Nữ.
    case female
}

/// One resident of the station's registry: who they are to the station and their insurance card.
///
/// Personal data throughout. It prints as `Resident(<redacted>)` so that interpolating it into a
/// log line shows nothing; read the fields only where they are needed.
public struct Resident: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The 12-digit citizen ID number (CCCD): the registry's key.
    public var idNumber: String
    /// Full name as written, with diacritics.
    public var fullName: String
    /// Date of birth, `YYYY-MM-DD`.
    public var dateOfBirth: String
    /// Sex.
    public var sex: ResidentSex
    /// Address of residence.
    public var address: String?
    /// Household identifier in the commune's register.
    public var householdID: String?
    /// The 15-character health-insurance card code.
    public var insuranceCode: String?
    /// Code of the facility where the resident is registered for primary care.
    public var registeredFacility: String?
    /// When the source last changed this record; a newer record replaces an older one.
    public var updatedAt: Date

    /// Describes a resident.
    public init(idNumber: String, fullName: String, dateOfBirth: String, sex: ResidentSex,
                address: String? = nil, householdID: String? = nil, insuranceCode: String? = nil,
                registeredFacility: String? = nil, updatedAt: Date) {
        self.idNumber = idNumber
        self.fullName = fullName
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.address = address
        self.householdID = householdID
        self.insuranceCode = insuranceCode
        self.registeredFacility = registeredFacility
        self.updatedAt = updatedAt
    }

    /// The full name folded for search (see ``ResidentName/fold(_:)``).
    public var foldedName: String { ResidentName.fold(fullName) }

    public var description: String { "Resident(<redacted>)" }
    public var debugDescription: String { "Resident(<redacted>)" }
}

/// What one batch upsert did.
public struct ResidentUpsertSummary: Sendable, Equatable {
    /// Residents not in the registry before.
    public var inserted = 0
    /// Residents whose stored record was older and has been replaced.
    public var updated = 0
    /// Residents whose stored record was as new or newer, left as it was.
    public var unchanged = 0

    /// A summary with the given counts.
    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
    }

    /// Adds another batch's counts.
    public static func += (lhs: inout ResidentUpsertSummary, rhs: ResidentUpsertSummary) {
        lhs.inserted += rhs.inserted
        lhs.updated += rhs.updated
        lhs.unchanged += rhs.unchanged
    }
}
