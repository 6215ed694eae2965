import Foundation

/// Parses the `updated_at` of registry rows: `YYYY-MM-DD` (midnight UTC) or
/// `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`.
enum RegistryTimestamp {
    static func parse(_ text: String, what: String) throws(HealthIDError) -> Date {
        let expected = "an ISO 8601 time YYYY-MM-DDTHH:MM:SSZ (or ±HH:MM, or a date YYYY-MM-DD)"
        let invalid = HealthIDError(.invalidField, what: what, expected: expected)
        let bytes = Array(text.trimmingSpaces.utf8)
        guard bytes.count >= 10 else { throw invalid }
        let day: BirthDate
        do {
            day = try BirthDate(String(decoding: bytes[0..<10], as: UTF8.self), what: what)
        } catch {
            throw invalid
        }
        var seconds = Double(CivilCalendar.days(year: day.year, month: day.month, day: day.day)) * 86_400
        guard bytes.count > 10 else { return Date(timeIntervalSince1970: seconds) }
        guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let hour = BirthDate.number(bytes[11..<13]), let minute = BirthDate.number(bytes[14..<16]),
              let second = BirthDate.number(bytes[17..<19]), hour < 24, minute < 60, second < 61 else { throw invalid }
        seconds += Double(hour * 3600 + minute * 60 + second)
        var index = 19
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            while index < bytes.count, let digit = BirthDate.number(bytes[index..<index + 1]) {
                seconds += Double(digit) * scale
                scale /= 10
                index += 1
            }
        }
        let zone = bytes[index...]
        if zone.elementsEqual("Z".utf8) || zone.elementsEqual("z".utf8) { return Date(timeIntervalSince1970: seconds) }
        guard zone.count == 6, let sign = zone.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
              zone[zone.startIndex + 3] == UInt8(ascii: ":"),
              let zoneHours = BirthDate.number(zone[(zone.startIndex + 1)..<(zone.startIndex + 3)]),
              let zoneMinutes = BirthDate.number(zone[(zone.startIndex + 4)..<(zone.startIndex + 6)]),
              zoneHours < 24, zoneMinutes < 60 else { throw invalid }
        let offset = Double(zoneHours * 3600 + zoneMinutes * 60)
        return Date(timeIntervalSince1970: sign == UInt8(ascii: "+") ? seconds - offset : seconds + offset)
    }
}
