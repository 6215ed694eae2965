/// How to reach the BHXH (Vietnam Social Security) card-check portal.
public struct BHXHConfiguration: Sendable, Equatable {
    /// The portal's base URL; `/api/token/take` and `/api/egw/KQNhanLichSuKCB2024` follow it.
    public var portalURL: String
    /// The account and the staff member on whose behalf checks run.
    public var credentials: BHXHCredentials
    /// The longest one check may take, login and one re-login included.
    public var timeLimit: Duration = .seconds(3)
    /// Which identifier is sent as `maThe`.
    public var identifierKind: InsuranceIdentifierKind = .cardCode
    /// How long a token is trusted when the portal's `expires_in` cannot be read.
    public var fallbackTokenLifetime: Duration = .seconds(1800)
    /// Largest answer body read; a larger one is malformed.
    public var maximumResponseBytes = 4 << 20

    /// Settings for `portalURL` with `credentials`, the other values at their defaults.
    public init(portalURL: String, credentials: BHXHCredentials) {
        self.portalURL = portalURL
        self.credentials = credentials
    }
}
