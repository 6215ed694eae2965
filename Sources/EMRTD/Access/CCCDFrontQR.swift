import Foundation

/// The QR code on the front of a Vietnamese CCCD:
/// `ID12|oldID9|full name|DOB ddmmyyyy|sex|address|issue date ddmmyyyy`, the old ID possibly
/// empty, an 8th field possibly present (kept, not interpreted).
///
/// Every field is personal data; the type prints without values.
public struct CCCDFrontQR: Sendable, Equatable, CustomStringConvertible {
    /// 12-digit ID number.
    public let idNumber: String
    /// Old 9-digit ID (CMND), nil when the field is empty.
    public let oldIDNumber: String?
    /// Full name as printed (UTF-8, with diacritics).
    public let fullName: String
    /// Date of birth.
    public let dateOfBirth: CalendarDate
    /// Sex as printed (`Nam`, `Nữ`).
    public let sex: String
    /// Place of residence as printed.
    public let address: String
    /// Date of issue.
    public let issueDate: CalendarDate
    /// Fields after the seventh, unparsed.
    public let extraFields: [String]

    /// Parses the scanned string; surrounding whitespace and a trailing newline are ignored.
    public init(_ text: String) throws {
        let fields = text.trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 7 || fields.count == 8 else { throw EMRTDError.qr(.fieldCount(fields.count)) }
        guard fields[0].count == 12, fields[0].allSatisfy(\.isASCIIDigit) else { throw EMRTDError.qr(.idNumber) }
        if fields[1].isEmpty {
            oldIDNumber = nil
        } else {
            guard fields[1].count == 9, fields[1].allSatisfy(\.isASCIIDigit) else { throw EMRTDError.qr(.oldIDNumber) }
            oldIDNumber = fields[1]
        }
        let name = fields[2].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw EMRTDError.qr(.emptyName) }
        guard let dob = CalendarDate(dayMonthYear: fields[3]), fields[3].count == 8 else { throw EMRTDError.qr(.date("date of birth")) }
        guard let issued = CalendarDate(dayMonthYear: fields[6]), fields[6].count == 8 else { throw EMRTDError.qr(.date("issue date")) }
        idNumber = fields[0]
        fullName = name
        dateOfBirth = dob
        sex = fields[4]
        address = fields[5]
        issueDate = issued
        extraFields = Array(fields.dropFirst(7))
    }

    /// The CAN (last 6 digits of the ID number): the key to try first, by PACE.
    public var can: AccessKey {
        get throws { try .can(String(idNumber.suffix(6))) }
    }

    /// The MRZ key: the document number is the last 9 digits of the ID number, the expiry
    /// follows from date of birth and issue date (``CCCDValidity``). For a card without expiry
    /// the expiry field is `noExpiry` (its MRZ encoding is not published; see ``CCCDValidity``).
    public func mrzKey(noExpiry: String = CCCDValidity.noExpiryMRZField) throws -> MRZKey {
        let expiry = CCCDValidity.expiry(dateOfBirth: dateOfBirth, issueDate: issueDate)
        return try MRZKey(documentNumber: String(idNumber.suffix(9)), dateOfBirth: dateOfBirth.yymmdd,
                          dateOfExpiry: expiry?.yymmdd ?? noExpiry)
    }

    public var description: String { "CCCDFrontQR(<redacted>)" }
}
