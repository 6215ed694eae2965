import AsyncHTTPClient
import NIOCore
import NIOPosix

/// Turns what async-http-client threw into a ``HealthIDError``: timeout, unreachable or
/// malformed, with a detail that names the failure and never a token or a person's data.
enum BHXHTransportError {
    static func classify(_ error: any Error, what: String, timeLimit: Duration, maximumBytes: Int) -> HealthIDError {
        let limit = "an answer within \(BHXHPortal.milliseconds(timeLimit)) ms"
        if error is CancellationError {
            return HealthIDError(.portalTimeout, what: what, expected: limit, found: "none in time")
        }
        if error is NIOTooManyBytesError {
            return HealthIDError(.portalMalformed, what: what, expected: "an answer of at most \(maximumBytes) bytes", found: "a larger one")
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .cancelled, .getConnectionFromPoolTimeout:
                return HealthIDError(.portalTimeout, what: what, expected: limit, found: "none in time (\(error))")
            default:
                return HealthIDError(.portalUnreachable, what: what, expected: limit, found: "\(error)")
            }
        }
        if error is NIOConnectionError {
            return HealthIDError(.portalUnreachable, what: what, expected: limit, found: "no connection")
        }
        return HealthIDError(.portalUnreachable, what: what, expected: limit, found: "\(type(of: error))")
    }
}
