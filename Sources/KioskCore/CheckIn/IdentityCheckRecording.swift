public import EMRTD
public import Store

/// Turns the genuineness verdicts of one card and the policy's decision into the identity
/// check the store records (and the outbox reports): verdicts by check name, the decision, a
/// keyed hash of the document number, never the number, the photo or the data groups.
public enum IdentityCheckRecording {
    /// Names of the checks in the record.
    public static let passiveName = "passive-auth", chipName = "chip-auth", activeName = "active-auth"

    /// The store's verdict for a check's verdict.
    public static func verdict(_ verdict: CheckVerdict) -> IdentityVerdict {
        switch verdict {
        case .ok: .passed
        case .failed: .failed
        case .notSupported: .notSupported
        case .notChecked: .notPerformed
        }
    }

    /// The store's decision for the policy's decision.
    public static func decision(_ decision: VerificationPolicy.Decision) -> IdentityDecision {
        guard decision.accepted else { return .rejected }
        return decision.warnings.isEmpty ? .accepted : .acceptedWithWarning
    }

    /// The record for `verdicts` (passive, chip, active) decided by `policy`, for the card whose
    /// document number is `documentNumber`, keyed with the kiosk's `secret`.
    public static func newCheck(passive: CheckVerdict, chip: CheckVerdict, active: CheckVerdict, policy: VerificationPolicy,
                                documentNumber: String, secret: KioskSecret, visitID: VisitID? = nil,
                                residentKey: ResidentKey? = nil) throws -> (check: NewIdentityCheck, decision: VerificationPolicy.Decision) {
        let decision = policy.decide(passive: passive, chip: chip, active: active)
        let check = NewIdentityCheck(
            visitID: visitID,
            verdicts: [passiveName: verdict(passive), chipName: verdict(chip), activeName: verdict(active)],
            decision: Self.decision(decision),
            documentHash: try DocumentHash.hmac(documentNumber: documentNumber, secret: secret.bytes),
            residentKey: residentKey)
        return (check, decision)
    }
}
