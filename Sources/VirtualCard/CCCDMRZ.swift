import EMRTD

/// The three TD1 lines of a CCCD: `IDVNM`, the 9-digit document number (last 9 digits of the ID
/// number) and its check digit, the full 12-digit ID in the optional data; dates, sex,
/// nationality and the composite check digit; the name.
enum CCCDMRZ {
    static func lines(idNumber: String, dateOfBirth: CalendarDate, sex: String,
                      expiry: CalendarDate?, latinName: String) -> [String] {
        let document = String(idNumber.suffix(9))
        let line1 = "IDVNM" + document + digit(document) + pad(idNumber, 15)
        let birth = dateOfBirth.yymmdd
        let expires = expiry?.yymmdd ?? CCCDValidity.noExpiryMRZField
        let optional2 = String(repeating: "<", count: 11)
        let composite = String(line1.dropFirst(5)) + birth + digit(birth) + expires + digit(expires) + optional2
        let line2 = birth + digit(birth) + mrzSex(sex) + expires + digit(expires) + "VNM" + optional2 + digit(composite)
        return [line1, line2, nameLine(latinName)]
    }

    /// The document number BAC uses.
    static func documentNumber(idNumber: String) -> String { String(idNumber.suffix(9)) }

    private static func digit(_ field: String) -> String {
        String(MRZCheckDigit.compute(field) ?? "0")
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        String((text + String(repeating: "<", count: width)).prefix(width))
    }

    private static func mrzSex(_ sex: String) -> String {
        switch sex.lowercased() {
        case "nam", "m", "male": "M"
        case "nữ", "nu", "f", "female": "F"
        default: "<"
        }
    }

    /// `SURNAME<<GIVEN<NAMES`, padded or cut to 30 characters.
    private static func nameLine(_ latinName: String) -> String {
        let words = latinName.uppercased().split(separator: " ").map { String($0.filter { $0.isASCII && $0.isLetter }) }
        guard let surname = words.first else { return pad("", 30) }
        return pad(surname + "<<" + words.dropFirst().joined(separator: "<"), 30)
    }
}
