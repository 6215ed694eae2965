import Foundation

/// Times are stored as INTEGER milliseconds since the Unix epoch (UTC): exact, comparable in SQL,
/// and independent of the kiosk's time zone.
enum Timestamp {
    static func millis(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    static func date(_ millis: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(millis) / 1000)
    }
}
