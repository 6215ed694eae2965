/// Which identifier the kiosk sends to the portal as `maThe`: the 15-character card code, or,
/// under the newer rules, the 10-digit social-insurance number or the 12-digit citizen ID.
public enum InsuranceIdentifierKind: String, Sendable, CaseIterable, Codable {
    /// The 15-character health-insurance card code.
    case cardCode = "card-code"
    /// The 10-digit social-insurance number (characters 6–15 of the card code).
    case socialInsuranceNumber = "social-insurance-number"
    /// The 12-digit citizen ID number.
    case citizenID = "citizen-id"
}
