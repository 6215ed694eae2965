/// A validated 15-character health-insurance card code (mã thẻ BHYT).
///
/// Layout (Vietnam Social Security): characters 1–2 the beneficiary group (two letters, "DN",
/// "HT", "TE", …), character 3 the benefit level (1–5), characters 4–5 the province code, 6–15 the
/// 10-digit social-insurance number. Letters are accepted in either case and kept upper case.
/// Prints redacted.
public struct InsuranceCardCode: Sendable, Hashable, CustomStringConvertible {
    /// The fifteen characters, upper case. Personal data.
    public let code: String

    /// Validates `text` (surrounding spaces ignored).
    public init(_ text: String) throws(HealthIDError) {
        let code = text.trimmingSpaces.uppercased()
        guard code.count == 15 else {
            throw Self.error(expected: "15 characters (2 letters, 13 digits)", found: DigitText.count(code.count))
        }
        guard DigitText.slice(code, 1, 2).allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw Self.error(location: "characters 1–2 (beneficiary group)", expected: "two letters A–Z",
                             found: "a digit or other sign")
        }
        guard let level = Int(String(DigitText.slice(code, 3, 3))), (1...5).contains(level) else {
            throw Self.error(location: "character 3 (benefit level)", expected: "a digit 1–5")
        }
        let province = String(DigitText.slice(code, 4, 5))
        guard DigitText.firstNonDigit(province) == nil, province != "00" else {
            throw Self.error(location: "characters 4–5 (province code)", expected: "two digits 01–99")
        }
        if let position = DigitText.firstNonDigit(String(DigitText.slice(code, 6, 15))) {
            throw Self.error(location: "characters 6–15 (social-insurance number)", expected: "10 digits",
                             found: "a non-digit at character \(position + 5)")
        }
        self.code = code
    }

    /// The beneficiary group (characters 1–2).
    public var beneficiaryGroup: String { String(DigitText.slice(code, 1, 2)) }

    /// The benefit level, 1–5 (character 3).
    public var benefitLevel: Int { Int(String(DigitText.slice(code, 3, 3))) ?? 0 }

    /// The province code of the issuing office (characters 4–5).
    public var provinceCode: String { String(DigitText.slice(code, 4, 5)) }

    /// The social-insurance number (characters 6–15).
    public var socialInsuranceNumber: SocialInsuranceNumber {
        SocialInsuranceNumber(checked: String(DigitText.slice(code, 6, 15)))
    }

    public var description: String { "<redacted>" }

    private static func error(location: String? = nil, expected: String, found: String? = nil) -> HealthIDError {
        HealthIDError(.invalidCardCode, what: "insurance code", location: location, expected: expected, found: found)
    }
}
