public import Foundation

/// What the server answered to one request.
public struct UpstreamResponse: Sendable, Equatable {
    /// HTTP status code.
    public let status: Int
    /// The `Retry-After` header, if present.
    public let retryAfter: String?
    /// The body.
    public let body: Data

    /// Describes a response.
    public init(status: Int, retryAfter: String? = nil, body: Data) {
        self.status = status
        self.retryAfter = retryAfter
        self.body = body
    }
}

/// Sends transaction bundles to the server. ``HTTPUpstream`` is the real one.
public protocol UpstreamTransport: Sendable {
    /// POSTs `bundle` to the base URL. Throws ``SyncError`` with reason `transport` when no
    /// complete response arrived (connection refused or reset, timeout, TLS failure).
    func send(_ bundle: Data) async throws -> UpstreamResponse
    /// Releases connections; no call may follow.
    func shutdown() async throws
}
