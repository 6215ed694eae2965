public import HealthID
public import Store

/// The insurance check a config asks for: the BHXH portal with the account from its credentials
/// file, its time limit, identifier and cache lifetime, recording in the kiosk's database.
public enum InsuranceSetup {
    /// The checker, or nil when the config names no portal. Throws ``ConfigError`` when the
    /// credentials file is unusable, ``HealthIDError`` when the portal URL is.
    public static func checker(config: KioskConfig, database: KioskDatabase) throws -> InsuranceChecker? {
        let upstream = config.upstream
        guard let portal = upstream.bhxhPortalURL, let file = upstream.bhxhCredentialsFile else { return nil }
        var configuration = BHXHConfiguration(portalURL: portal, credentials: try BHXHCredentialsFile.load(path: file))
        configuration.timeLimit = .milliseconds(upstream.bhxhTimeoutMilliseconds)
        configuration.identifierKind = upstream.bhxhIdentifier
        let provider = try BHXHPortal(configuration: configuration)
        return InsuranceChecker(provider: provider, database: database, cacheLifetime: .seconds(upstream.bhxhCacheMinutes * 60))
    }
}
