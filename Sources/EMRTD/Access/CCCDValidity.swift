/// Validity rules of the Vietnamese CCCD and the access keys that follow from an ID number and a
/// date of birth.
///
/// A card is valid until the holder's 25th, 40th or 60th birthday, chosen by the age at issue
/// (14-22 → 25, 23-37 → 40, 38-57 → 60); issued at 58 or later it has no expiry. The expiry is
/// therefore known only with the issue date (the front QR has it). From ID number and date of
/// birth alone the CAN is certain (last 6 digits of the ID) and is what should be used (PACE);
/// for BAC only candidate MRZ keys exist, one per plausible renewal age, because the issue date
/// is unknown. Each wrong BAC attempt may count against the card, so callers try candidates one
/// at a time and only on an operator's decision.
public enum CCCDValidity {
    /// MRZ expiry field assumed for cards without expiry. The real encoding is not published;
    /// keep this configurable at call sites.
    public static let noExpiryMRZField = "<<<<<<"

    /// Year the chip CCCD began to be issued; no chip card predates it.
    public static let firstChipIssueYear = 2021

    /// (first age at issue, last age at issue, expiry age); nil expiry age = no expiry.
    static let bands: [(Int, Int, Int?)] = [(14, 22, 25), (23, 37, 40), (38, 57, 60), (58, 200, nil)]

    /// The expiry of a card issued on `issueDate` to someone born on `dateOfBirth`; nil when the
    /// card has no expiry (or was issued before age 14, which the rules do not cover).
    public static func expiry(dateOfBirth: CalendarDate, issueDate: CalendarDate) -> CalendarDate? {
        let age = dateOfBirth.years(until: issueDate)
        for (low, high, expiryAge) in bands where (low...high).contains(age) {
            return expiryAge.map { dateOfBirth.adding(years: $0) }
        }
        return nil
    }

    /// Possible expiry dates (nil = no expiry) of a chip card held on `today`, most likely first:
    /// those still valid, earliest expiry first, then already expired ones.
    public static func candidateExpiries(dateOfBirth: CalendarDate, today: CalendarDate) -> [CalendarDate?] {
        guard let firstIssue = CalendarDate(year: firstChipIssueYear, month: 1, day: 1) else { return [] }
        var valid: [CalendarDate?] = []
        var expired: [CalendarDate?] = []
        for (low, high, expiryAge) in bands {
            let earliest = max(dateOfBirth.adding(years: low), firstIssue)
            let latest = min(dateOfBirth.adding(years: min(high + 1, 150)), today)
            guard earliest < latest else { continue }
            let expiry = expiryAge.map { dateOfBirth.adding(years: $0) }
            if let expiry, expiry < today { expired.append(expiry) } else { valid.append(expiry) }
        }
        return valid + expired
    }

    /// Keys for a CCCD known only by its 12-digit ID number and the holder's date of birth: the
    /// CAN first, then one candidate MRZ key per entry of ``candidateExpiries(dateOfBirth:today:)``.
    public static func accessKeys(idNumber: String, dateOfBirth: CalendarDate, today: CalendarDate,
                                  noExpiry: String = noExpiryMRZField) throws -> [AccessKey] {
        guard idNumber.count == 12, idNumber.allSatisfy(\.isASCIIDigit) else {
            throw EMRTDError.invalidAccessKey("ID number must be 12 digits")
        }
        var keys = [try AccessKey.can(String(idNumber.suffix(6)))]
        for expiry in candidateExpiries(dateOfBirth: dateOfBirth, today: today) {
            keys.append(.mrz(try MRZKey(documentNumber: String(idNumber.suffix(9)), dateOfBirth: dateOfBirth.yymmdd,
                                        dateOfExpiry: expiry?.yymmdd ?? noExpiry)))
        }
        return keys
    }
}
