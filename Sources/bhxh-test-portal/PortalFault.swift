import Foundation

/// One injected failure, consumed by the next request it targets.
///
/// Written as a string, in `--faults` (comma-separated) or `POST /_faults` (a JSON list). For
/// the next card check: `500`, `503` (any 5xx status), `401` (every token revoked, HTTP 401),
/// `result-401` (every token revoked, HTTP 200 with `maKetQua` 401), `delay=MS` (answer after MS
/// milliseconds), `malformed` (broken JSON), `close` (the connection closed without an answer).
/// For the next login: `login-500`, `login-refuse` (`maKetQua` 401, no tokens), `login-delay=MS`.
enum PortalFault: Equatable, Sendable {
    case status(Int)
    case revokeTokens(inBody: Bool)
    case delay(milliseconds: Int64)
    case malformed
    case close
    case loginStatus(Int)
    case loginRefuse
    case loginDelay(milliseconds: Int64)

    init?(_ text: String) {
        let text = text.trimmingCharacters(in: .whitespaces)
        switch text {
        case "401": self = .revokeTokens(inBody: false)
        case "result-401": self = .revokeTokens(inBody: true)
        case "malformed": self = .malformed
        case "close": self = .close
        case "login-refuse": self = .loginRefuse
        default:
            if text.hasPrefix("login-delay="), let ms = Int64(text.dropFirst(12)) { self = .loginDelay(milliseconds: ms); return }
            if text.hasPrefix("delay="), let ms = Int64(text.dropFirst(6)) { self = .delay(milliseconds: ms); return }
            if text.hasPrefix("login-"), let status = Int(text.dropFirst(6)), (400..<600).contains(status) {
                self = .loginStatus(status)
                return
            }
            guard let status = Int(text), (500..<600).contains(status) else { return nil }
            self = .status(status)
        }
    }

    /// Whether the fault targets a login rather than a card check.
    var isForLogin: Bool {
        switch self {
        case .loginStatus, .loginRefuse, .loginDelay: true
        default: false
        }
    }
}
