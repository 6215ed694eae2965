/// A date without time or zone (birth, issue and expiry dates of identity documents).
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Four-digit year.
    public let year: Int
    /// Month, 1-12.
    public let month: Int
    /// Day of month, 1-31.
    public let day: Int

    /// A validated date; nil when the day does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CalendarDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `ddmmyyyy` (CCCD QR) or `dd/mm/yyyy` (DG13).
    public init?(dayMonthYear text: String) {
        let digits = text.filter { $0 != "/" && $0 != "-" && $0 != "." }
        guard digits.count == 8, digits.allSatisfy(\.isASCIIDigit),
              let d = Int(digits.prefix(2)), let m = Int(digits.dropFirst(2).prefix(2)), let y = Int(digits.suffix(4)) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// ISO 8601 `yyyy-mm-dd`.
    public var iso8601: String { pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) }

    /// The MRZ form `YYMMDD`.
    public var yymmdd: String { pad(year % 100, 2) + pad(month, 2) + pad(day, 2) }

    public var description: String { iso8601 }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// The same day `years` later; 29 February becomes 28 February in a common year. The
    /// year stays within 1-9999.
    public func adding(years: Int) -> CalendarDate {
        let y = min(9999, max(1, year + years))
        let d = min(day, CalendarDate.daysIn(month: month, year: y))
        return CalendarDate(year: y, month: month, day: d)!
    }

    /// Whole years from `self` to `later` (an age).
    public func years(until later: CalendarDate) -> Int {
        var n = later.year - year
        if (later.month, later.day) < (month, day) { n -= 1 }
        return n
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
