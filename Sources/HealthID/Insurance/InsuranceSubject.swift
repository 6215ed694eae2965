/// The person whose insurance card is checked: what the chip or the registry says about them.
/// Personal data throughout; prints redacted.
public struct InsuranceSubject: Sendable, Equatable, CustomStringConvertible {
    /// The 12-digit citizen ID number, when known.
    public var citizenID: CitizenID?
    /// The 15-character card code, when known.
    public var cardCode: InsuranceCardCode?
    /// The 10-digit social-insurance number, when known apart from a card code.
    public var socialInsuranceNumber: SocialInsuranceNumber?
    /// Full name as on the card, with diacritics.
    public var fullName: String
    /// Date of birth.
    public var dateOfBirth: BirthDate

    /// Describes a person to check.
    public init(citizenID: CitizenID? = nil, cardCode: InsuranceCardCode? = nil,
                socialInsuranceNumber: SocialInsuranceNumber? = nil, fullName: String, dateOfBirth: BirthDate) {
        self.citizenID = citizenID
        self.cardCode = cardCode
        self.socialInsuranceNumber = socialInsuranceNumber
        self.fullName = fullName
        self.dateOfBirth = dateOfBirth
    }

    /// The identifier of `kind`; the social-insurance number is taken from the card code when
    /// not given on its own. Throws when the subject has no such identifier.
    public func identifier(_ kind: InsuranceIdentifierKind) throws(HealthIDError) -> String {
        let value: String? = switch kind {
        case .cardCode: cardCode?.code
        case .socialInsuranceNumber: (socialInsuranceNumber ?? cardCode?.socialInsuranceNumber)?.digits
        case .citizenID: citizenID?.digits
        }
        guard let value else {
            throw HealthIDError(.invalidField, what: "insurance check", expected: "a \(Self.noun(kind)) for the person, as the portal is asked by \(kind.rawValue)",
                                found: "none")
        }
        return value
    }

    /// The key under which checks of this person by `kind` are recorded and cached.
    public func personKey(_ kind: InsuranceIdentifierKind) throws(HealthIDError) -> String {
        "\(kind.rawValue):\(try identifier(kind))"
    }

    public var description: String { "InsuranceSubject(<redacted>)" }

    private static func noun(_ kind: InsuranceIdentifierKind) -> String {
        switch kind {
        case .cardCode: "health-insurance card code"
        case .socialInsuranceNumber: "social-insurance number"
        case .citizenID: "citizen ID number"
        }
    }
}
