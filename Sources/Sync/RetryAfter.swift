public import Foundation

/// The `Retry-After` header: delay-seconds or an HTTP date (RFC 9110 §10.2.3).
public enum RetryAfter {
    /// Longest wait honoured; a server asking for more is waited for this long.
    public static let maximum: Duration = .seconds(3600)

    /// How long to wait from `now`; nil when `value` is neither form.
    public static func parse(_ value: String, now: Date) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(text) {
            return min(.seconds(max(seconds, 0)), maximum)
        }
        guard let date = httpDate(text) else { return nil }
        return min(.seconds(max(date.timeIntervalSince(now), 0)), maximum)
    }

    /// Parses the IMF-fixdate form, `Sun, 06 Nov 1994 08:49:37 GMT`.
    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}
