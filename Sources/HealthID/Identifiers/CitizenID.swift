public import Store

/// A validated 12-digit citizen ID number (số định danh cá nhân, printed on the CCCD).
///
/// Layout (Circular 07/2016/TT-BCA): characters 1–3 the province code of the birth registration,
/// character 4 the century of birth and sex (0/1 = 1900s male/female, 2/3 = 2000s, 4/5 = 2100s,
/// 6/7 = 2200s, 8/9 = 2300s), characters 5–6 the last two digits of the birth year, 7–12 a serial.
/// Prints redacted.
public struct CitizenID: Sendable, Hashable, CustomStringConvertible {
    /// The twelve digits. Personal data.
    public let digits: String

    /// Validates `text` (surrounding spaces ignored). With `dateOfBirth` or `sex`, also checks
    /// that the century/sex digit and the two birth-year digits agree with them; `today` bounds
    /// the birth year the number encodes.
    public init(_ text: String, dateOfBirth: BirthDate? = nil, sex: ResidentSex? = nil, today: BirthDate? = nil) throws(HealthIDError) {
        let digits = text.trimmingSpaces
        guard digits.count == 12, DigitText.firstNonDigit(digits) == nil else {
            throw Self.error(expected: "12 digits", found: DigitText.firstNonDigit(digits).map { "a non-digit at character \($0)" }
                             ?? DigitText.count(digits.count))
        }
        let province = String(DigitText.slice(digits, 1, 3))
        guard ProvinceCodes.all[province] != nil else {
            throw Self.error(location: "characters 1–3 (province code)",
                             expected: "one of the 63 province codes between 001 and 096", found: "an unassigned code")
        }
        self.digits = digits
        if let today, birthYear > today.year {
            throw Self.error(location: "characters 4–6 (century and birth year)",
                             expected: "a birth year not after \(today.year)", found: "a year in the future")
        }
        if let dateOfBirth {
            guard centuryStart == dateOfBirth.year / 100 * 100 else {
                throw Self.error(location: "character 4 (century and sex)",
                                 expected: "a digit for births in \(dateOfBirth.year / 100 * 100)–\(dateOfBirth.year / 100 * 100 + 99), as the date of birth",
                                 found: "a digit for \(centuryStart)–\(centuryStart + 99)")
            }
            guard birthYear == dateOfBirth.year else {
                throw Self.error(location: "characters 5–6 (birth year)",
                                 expected: "the last two digits of the year of birth", found: "other digits")
            }
        }
        if let sex, sex != self.sex {
            throw Self.error(location: "character 4 (century and sex)",
                             expected: "an \(sex == .male ? "even digit (male)" : "odd digit (female)"), as the sex given",
                             found: "an \(sex == .male ? "odd" : "even") digit")
        }
    }

    private var centuryDigit: Int { Int(String(DigitText.slice(digits, 4, 4))) ?? 0 }

    /// First year of the century of birth the fourth digit encodes (1900, 2000, …).
    public var centuryStart: Int { 1900 + centuryDigit / 2 * 100 }

    /// The year of birth the number encodes.
    public var birthYear: Int { centuryStart + (Int(String(DigitText.slice(digits, 5, 6))) ?? 0) }

    /// The sex the number encodes.
    public var sex: ResidentSex { centuryDigit % 2 == 0 ? .male : .female }

    /// The province code of the birth registration (characters 1–3).
    public var provinceCode: String { String(DigitText.slice(digits, 1, 3)) }

    /// The province's name, as at the time of Circular 07/2016/TT-BCA.
    public var provinceName: String { ProvinceCodes.all[provinceCode] ?? "" }

    public var description: String { "<redacted>" }

    private static func error(location: String? = nil, expected: String, found: String? = nil) -> HealthIDError {
        HealthIDError(.invalidIDNumber, what: "id number", location: location, expected: expected, found: found)
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
