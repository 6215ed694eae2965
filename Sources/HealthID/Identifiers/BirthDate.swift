public import Foundation

/// A calendar date written `YYYY-MM-DD` (ISO 8601), as dates of birth are stored and queried.
public struct BirthDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Year, 1800–9999.
    public let year: Int
    /// Month, 1–12.
    public let month: Int
    /// Day of the month.
    public let day: Int

    /// Parses `YYYY-MM-DD` and checks that the day exists; `what` names the field in errors.
    public init(_ text: String, what: String = "date of birth") throws(HealthIDError) {
        let bytes = Array(text.trimmingSpaces.utf8)
        let invalid = HealthIDError(.invalidField, what: what, expected: "a date YYYY-MM-DD")
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = Self.number(bytes[0..<4]), let month = Self.number(bytes[5..<7]),
              let day = Self.number(bytes[8..<10]) else { throw invalid }
        guard year >= 1800, (1...12).contains(month), day >= 1, day <= Self.days(inMonth: month, of: year) else {
            throw HealthIDError(.invalidField, what: what, expected: "a date that exists (YYYY-MM-DD)")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date in UTC of `instant`, shifted by `secondsFromGMT` (the station's zone).
    public init(_ instant: Date, secondsFromGMT: Int = 7 * 3600) {
        let days = Int(((instant.timeIntervalSince1970 + Double(secondsFromGMT)) / 86_400).rounded(.down))
        let (year, month, day) = CivilCalendar.date(fromDays: days)
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY-MM-DD`.
    public var iso: String {
        func pad(_ n: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public var description: String { iso }

    public static func < (lhs: BirthDate, rhs: BirthDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// Proleptic Gregorian day counts relative to 1970-01-01 (H. Hinnant's civil-date algorithms).
enum CivilCalendar {
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func date(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
