/// A validated 10-digit social-insurance number (mã số BHXH): the last ten characters of a
/// health-insurance card code, and an identifier of its own on newer cards. Prints redacted.
public struct SocialInsuranceNumber: Sendable, Hashable, CustomStringConvertible {
    /// The ten digits. Personal data.
    public let digits: String

    /// Validates `text` (surrounding spaces ignored).
    public init(_ text: String) throws(HealthIDError) {
        let digits = text.trimmingSpaces
        guard digits.count == 10, DigitText.firstNonDigit(digits) == nil else {
            throw HealthIDError(.invalidSocialInsuranceNumber, what: "social-insurance number", expected: "10 digits",
                                found: DigitText.firstNonDigit(digits).map { "a non-digit at character \($0)" }
                                    ?? DigitText.count(digits.count))
        }
        self.digits = digits
    }

    /// Wraps ten digits already checked (part of a validated card code).
    init(checked digits: String) {
        self.digits = digits
    }

    public var description: String { "<redacted>" }
}
