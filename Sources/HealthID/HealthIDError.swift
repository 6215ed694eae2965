public import KioskBase

/// The one error type of the `HealthID` module: an identifier or registry field that failed
/// validation, a registry row that could not be parsed, a registry file that could not be read,
/// or an insurance portal that could not answer.
///
/// It says what was checked, where in the value, and what was expected, never the value itself:
/// ``detail`` is safe for logs. ``detail(showing:)`` adds the value for an operator who supplied it.
public struct HealthIDError: KioskError, Equatable {
    /// What kind of failure this is; each maps to a stable ``code``.
    public enum Reason: String, Sendable, Equatable {
        /// A 12-digit citizen ID number (CCCD) is malformed or inconsistent.
        case invalidIDNumber = "healthid.invalidIDNumber"
        /// A 15-character health-insurance card code is malformed.
        case invalidCardCode = "healthid.invalidCardCode"
        /// A 10-digit social-insurance number is malformed.
        case invalidSocialInsuranceNumber = "healthid.invalidSocialInsuranceNumber"
        /// Another field (name, date of birth, sex, timestamp) is missing or malformed.
        case invalidField = "healthid.invalidField"
        /// A registry row is not well-formed CSV or JSON.
        case malformedRecord = "healthid.malformedRecord"
        /// The registry file cannot be opened or read, or its header is unusable.
        case unreadableFile = "healthid.unreadableFile"
        /// The insurance portal's URL or credentials are unusable.
        case portalConfiguration = "healthid.portalConfiguration"
        /// The insurance portal could not be reached (connection refused or reset, TLS, DNS).
        case portalUnreachable = "healthid.portalUnreachable"
        /// The insurance portal did not answer within the time limit.
        case portalTimeout = "healthid.portalTimeout"
        /// The insurance portal refused the kiosk's account.
        case portalAuthentication = "healthid.portalAuthentication"
        /// The insurance portal failed (5xx, an unexpected status, a result code that says nothing about the card).
        case portalFailed = "healthid.portalFailed"
        /// The insurance portal answered with something that is not the documented JSON.
        case portalMalformed = "healthid.portalMalformed"
    }

    /// The failure kind.
    public let reason: Reason
    /// What was checked: "id number", "insurance code", "date of birth", "column sex", ….
    public let what: String
    /// Which part of the value, when one part is wrong: "characters 1–3 (province code)".
    public let location: String?
    /// What a valid value looks like there.
    public let expected: String
    /// What was found instead, described without the value ("10 characters").
    public let found: String?

    /// Creates an error; no argument may contain personal data.
    public init(_ reason: Reason, what: String, location: String? = nil, expected: String, found: String? = nil) {
        self.reason = reason
        self.what = what
        self.location = location
        self.expected = expected
        self.found = found
    }

    public var code: String { reason.rawValue }

    /// "what, where: expected …, found …", without the value.
    public var detail: String { sentence(subject: what) }

    /// The same sentence with the offending value after the subject, as in
    /// "id number 0010990123: expected 12 digits, found 10 characters". Personal data: print it
    /// only to the operator who supplied the value, never to a log.
    public func detail(showing value: String) -> String {
        sentence(subject: value.isEmpty ? what : "\(what) \(value)")
    }

    private func sentence(subject: String) -> String {
        var text = subject
        if let location { text += ", \(location)" }
        text += ": expected \(expected)"
        if let found { text += ", found \(found)" }
        return text
    }
}
