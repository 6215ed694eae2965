/// Where and how to reach the station server.
public struct UpstreamConfiguration: Sendable, Equatable {
    /// The FHIR base URL; transaction bundles are POSTed to it (`https://…/fhir`).
    public var baseURL: String
    /// PEM file of the certificate authorities to trust instead of the system's; nil for the system's.
    public var caFile: String?
    /// PEM file of the kiosk's client certificate chain (mutual TLS); nil for none.
    public var clientCertificateFile: String?
    /// PEM file of the client certificate's private key.
    public var clientKeyFile: String?
    /// Keys the server's certificate chain must contain one of, in addition to normal
    /// verification; empty for no pinning. Needs an https URL and ``makeTransport()``.
    public var spkiPins: [SPKIPin] = []
    /// Longest wait for the connection (and TLS handshake) to be set up.
    public var connectTimeout: Duration = .seconds(10)
    /// Longest silence while waiting for the response.
    public var readTimeout: Duration = .seconds(30)
    /// Longest time one request may take in all.
    public var requestTimeout: Duration = .seconds(120)
    /// Largest response body read; a larger one is a malformed response.
    public var maximumResponseBytes = 32 << 20

    /// Settings for `baseURL`, trusting the system's certificate authorities.
    public init(baseURL: String) {
        self.baseURL = baseURL
    }

    /// The transport for these settings: ``HTTPUpstream`` (async-http-client), or with SPKI pins
    /// the pinned transport that checks them in every TLS handshake. Throws ``SyncError`` with
    /// reason `configuration` for an unusable URL or TLS file.
    public func makeTransport() throws -> any UpstreamTransport {
        spkiPins.isEmpty ? try HTTPUpstream(configuration: self) : try PinnedUpstream(configuration: self)
    }
}
