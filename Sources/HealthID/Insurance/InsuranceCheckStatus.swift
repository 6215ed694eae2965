/// What a health-insurance card check means for a check-in, grouped from the portal's result codes.
public enum InsuranceCheckStatus: String, Sendable, CaseIterable {
    /// The card is valid today.
    case valid
    /// The card is valid and a newer card has been issued.
    case validNewCardIssued
    /// The card is no longer valid (a newer card may exist).
    case expired
    /// The card belongs to the defence or public-security insurance office; the portal cannot say more.
    case managedElsewhere
    /// The portal knows no such card.
    case notFound
    /// The card code, name or date of birth sent does not match the portal's record.
    case mismatch
    /// The staff account on whose behalf the check runs is not accepted.
    case staffAccountRejected
    /// The card has been revoked or reported as reduced.
    case revoked
    /// A child without a card.
    case childWithoutCard
    /// The portal failed or refused the request; the card's status is unknown.
    case portalError
    /// A result code this build does not know.
    case unknown
}
