public import Foundation

/// The outcome of one check on a document (passive authentication, chip authentication, …).
public enum IdentityVerdict: String, Codable, Sendable, CaseIterable {
    /// The check ran and succeeded.
    case passed
    /// The check ran and failed.
    case failed
    /// The document does not support this check.
    case notSupported = "not-supported"
    /// The check was not run (policy, time-out, missing data).
    case notPerformed = "not-performed"
}

/// What the identity policy decided from the verdicts.
public enum IdentityDecision: String, Codable, Sendable, CaseIterable {
    /// Identity accepted.
    case accepted
    /// Accepted, with a warning for staff.
    case acceptedWithWarning = "accepted-with-warning"
    /// Identity not accepted.
    case rejected
}

/// What the check-in flow supplies to record an identity check.
///
/// Only verdicts and keys are stored, never the photo or the document's data groups.
/// `documentHash` must be a keyed hash (HMAC with the kiosk's secret) of the document number,
/// computed by the caller; at least one of `documentHash` and `residentKey` is required.
public struct NewIdentityCheck: Sendable {
    /// The visit it belongs to; nil for a check that opened no visit (a rejected card).
    public var visitID: VisitID?
    /// Verdict per check, keyed by the check's name (`passive-auth`, `chip-auth`, `active-auth`, …).
    public var verdicts: [String: IdentityVerdict]
    /// The policy decision.
    public var decision: IdentityDecision
    /// Keyed hash of the document number.
    public var documentHash: String?
    /// The resident, when known.
    public var residentKey: ResidentKey?

    /// Describes a check to record.
    public init(visitID: VisitID?, verdicts: [String: IdentityVerdict], decision: IdentityDecision,
                documentHash: String? = nil, residentKey: ResidentKey? = nil) {
        self.visitID = visitID
        self.verdicts = verdicts
        self.decision = decision
        self.documentHash = documentHash
        self.residentKey = residentKey
    }
}

/// A stored identity check.
public struct IdentityCheck: Codable, Sendable, Equatable {
    /// Time-ordered identifier.
    public let id: IdentityCheckID
    /// The visit it belongs to, if any.
    public let visitID: VisitID?
    /// When the check was recorded.
    public let checkedAt: Date
    /// Verdict per check.
    public let verdicts: [String: IdentityVerdict]
    /// The policy decision.
    public let decision: IdentityDecision
    /// Keyed hash of the document number.
    public let documentHash: String?
    /// The resident, when known.
    public let residentKey: ResidentKey?
}
