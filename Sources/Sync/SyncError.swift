public import KioskBase

/// The one error type of the `Sync` module.
///
/// Details name what failed and never carry personal data: resident keys, ID numbers and
/// payloads stay out of them.
public typealias SyncError = ReasonedError<SyncFailure>

/// What kind of sync failure it is; each raw value is the stable code.
public enum SyncFailure: String, Sendable, Equatable {
    /// The upstream URL, CA file, client certificate or key is unusable.
    case configuration = "sync.configuration"
    /// An outbox record could not be turned into FHIR (unknown kind, unreadable payload).
    case mapping = "sync.mapping"
    /// The connection failed, was reset, or timed out.
    case transport = "sync.transport"
    /// The server's certificate chain is trusted but holds none of the configured SPKI pins:
    /// a configuration or security fault, retried like a network failure (records stay pending).
    case pinMismatch = "sync.pinMismatch"
    /// The server answered with a body that is not the expected FHIR JSON.
    case malformedResponse = "sync.malformedResponse"
    /// The server refused the request for good (4xx other than 408 and 429).
    case rejected = "sync.rejected"
    /// The server failed or asked to slow down (408, 429, 5xx).
    case unavailable = "sync.unavailable"
}
