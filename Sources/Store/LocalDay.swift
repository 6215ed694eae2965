import Foundation

/// The calendar day, `YYYY-MM-DD`, of an instant in the station's time zone: queue numbers
/// start again at 1 on each such day.
enum LocalDay {
    static func string(for date: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let year = parts.year ?? 0, month = parts.month ?? 0, day = parts.day ?? 0
        return String(format: "%04d-%02d-%02d", year, month, day)
    }
}
