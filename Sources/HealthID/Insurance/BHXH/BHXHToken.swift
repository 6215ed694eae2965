import Foundation

/// A login's tokens (`APIKey`) and the instant they stop being used.
struct BHXHToken: Sendable, Equatable {
    let accessToken: String
    let idToken: String
    let username: String
    let expiresAt: Date

    /// Reads the login answer `{maKetQua, APIKey: {access_token, id_token, token_type, username,
    /// expires_in}}`. `expires_in` is taken as seconds when it is a number and as an instant when
    /// it is an ISO 8601 date-time; otherwise `fallbackLifetime` applies. A token is dropped a
    /// minute before it expires so that a check never starts with one about to lapse.
    static func parse(_ body: Data, now: Date, fallbackLifetime: Duration, username: String) throws(HealthIDError) -> BHXHToken {
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            throw HealthIDError(.portalMalformed, what: "insurance portal login", expected: "a JSON object with maKetQua and APIKey",
                                found: "text that is not a JSON object")
        }
        let code = object["maKetQua"].flatMap(InsuranceCardAnswer.scalar)
        guard let key = object["APIKey"] as? [String: Any], let access = key["access_token"] as? String, !access.isEmpty else {
            throw HealthIDError(.portalAuthentication, what: "insurance portal login", expected: "an APIKey with an access_token",
                                found: "maKetQua \(code ?? "missing") and no token")
        }
        let fallback = now.addingTimeInterval(TimeInterval(fallbackLifetime.components.seconds))
        let expiry = key["expires_in"].flatMap { expiryDate($0, now: now) } ?? fallback
        return BHXHToken(accessToken: access, idToken: key["id_token"].flatMap(InsuranceCardAnswer.scalar) ?? "",
                         username: key["username"].flatMap(InsuranceCardAnswer.scalar) ?? username,
                         expiresAt: expiry.addingTimeInterval(-60))
    }

    func isUsable(at now: Date) -> Bool { now < expiresAt }

    private static func expiryDate(_ value: Any, now: Date) -> Date? {
        if let number = value as? NSNumber, !(value is String) { return now.addingTimeInterval(number.doubleValue) }
        guard let text = value as? String else { return nil }
        if let seconds = Double(text) { return now.addingTimeInterval(seconds) }
        return instant(text)
    }

    /// `2024-03-20T10:00:00+07:00`, with or without fractional seconds (any number of digits)
    /// and with `Z` or an offset.
    static func instant(_ text: String) -> Date? {
        var trimmed = text
        if let dot = text.firstIndex(of: ".") {
            let afterDigits = text[text.index(after: dot)...].drop { $0.isNumber }
            trimmed = String(text[..<dot]) + afterDigits
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: trimmed)
    }
}
