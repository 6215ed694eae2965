import Foundation

/// A machine readable zone in TD1 (3 × 30, identity cards such as the CCCD) or TD3 (2 × 44,
/// passports) format, with every check digit verified on parsing (ICAO 9303-5 and 9303-4).
public struct MRZ: Sendable, Equatable, CustomStringConvertible {
    /// The two MRZ layouts handled here.
    public enum Format: Sendable, Equatable {
        /// Three lines of 30 characters.
        case td1
        /// Two lines of 44 characters.
        case td3
    }

    /// Layout.
    public let format: Format
    /// The lines exactly as read.
    public let lines: [String]
    /// Document code (`ID`, `I<`, `P<`).
    public let documentCode: String
    /// Issuing state or organization (`VNM`).
    public let issuingState: String
    /// Document number without fillers (for TD1, the long form when it continues into the
    /// optional data).
    public let documentNumber: String
    /// Date of birth `YYMMDD` as printed.
    public let dateOfBirth: String
    /// Sex: `M`, `F` or `<`.
    public let sex: String
    /// Date of expiry `YYMMDD` as printed.
    public let dateOfExpiry: String
    /// Nationality.
    public let nationality: String
    /// Optional data of line 1 (TD1) or the personal number (TD3), fillers kept.
    public let optionalData1: String
    /// Optional data of line 2 (TD1 only; empty for TD3).
    public let optionalData2: String
    /// Primary identifier (surname), `<` turned into spaces.
    public let primaryIdentifier: String
    /// Secondary identifier (given names), `<` turned into spaces.
    public let secondaryIdentifier: String

    /// Parses an MRZ given as lines separated by newlines, or as one unbroken string of 90 or
    /// 88 characters. Throws on shape, characters and every check digit.
    public init(_ text: String) throws {
        var joined = text.filter { $0 != "\n" && $0 != "\r" && $0 != " " }
        joined = joined.uppercased()
        guard joined.allSatisfy({ MRZCheckDigit.value($0) != nil }) else {
            throw EMRTDError.mrz("character outside A-Z, 0-9 and <")
        }
        let chars = Array(joined)
        func field(_ range: Range<Int>) -> String { String(chars[range]) }
        switch chars.count {
        case 90:
            format = .td1
            lines = [field(0..<30), field(30..<60), field(60..<90)]
            documentCode = field(0..<2)
            issuingState = field(2..<5)
            var number = field(5..<14)
            var optional1 = field(15..<30)
            if chars[14] == "<" {
                // Long document number: it continues in the optional data, up to the first
                // filler; the character before that filler is the check digit.
                guard let end = optional1.firstIndex(of: "<"), end > optional1.startIndex else {
                    throw EMRTDError.mrz("long document number without its check digit")
                }
                let extra = optional1[optional1.startIndex..<end]
                let digit = extra.last!
                number += extra.dropLast()
                guard MRZCheckDigit.verify(number, digit) else { throw EMRTDError.mrzCheckDigit(field: "document number") }
                optional1 = String(optional1[end...])
            } else {
                guard MRZCheckDigit.verify(number, chars[14]) else { throw EMRTDError.mrzCheckDigit(field: "document number") }
            }
            documentNumber = MRZ.stripFillers(number)
            optionalData1 = optional1
            dateOfBirth = field(30..<36)
            guard MRZCheckDigit.verify(dateOfBirth, chars[36]) else { throw EMRTDError.mrzCheckDigit(field: "date of birth") }
            sex = field(37..<38)
            dateOfExpiry = field(38..<44)
            guard MRZCheckDigit.verify(dateOfExpiry, chars[44]) else { throw EMRTDError.mrzCheckDigit(field: "date of expiry") }
            nationality = field(45..<48)
            optionalData2 = field(48..<59)
            let composite = field(5..<30) + field(30..<37) + field(38..<45) + field(48..<59)
            guard MRZCheckDigit.verify(composite, chars[59]) else { throw EMRTDError.mrzCheckDigit(field: "composite") }
            (primaryIdentifier, secondaryIdentifier) = MRZ.names(field(60..<90))
        case 88:
            format = .td3
            lines = [field(0..<44), field(44..<88)]
            documentCode = field(0..<2)
            issuingState = field(2..<5)
            (primaryIdentifier, secondaryIdentifier) = MRZ.names(field(5..<44))
            let number = field(44..<53)
            guard MRZCheckDigit.verify(number, chars[53]) else { throw EMRTDError.mrzCheckDigit(field: "document number") }
            documentNumber = MRZ.stripFillers(number)
            nationality = field(54..<57)
            dateOfBirth = field(57..<63)
            guard MRZCheckDigit.verify(dateOfBirth, chars[63]) else { throw EMRTDError.mrzCheckDigit(field: "date of birth") }
            sex = field(64..<65)
            dateOfExpiry = field(65..<71)
            guard MRZCheckDigit.verify(dateOfExpiry, chars[71]) else { throw EMRTDError.mrzCheckDigit(field: "date of expiry") }
            optionalData1 = field(72..<86)
            optionalData2 = ""
            if chars[86] != "<" || optionalData1.contains(where: { $0 != "<" }) {
                guard MRZCheckDigit.verify(optionalData1, chars[86]) else { throw EMRTDError.mrzCheckDigit(field: "personal number") }
            }
            let composite = field(44..<54) + field(57..<64) + field(65..<87)
            guard MRZCheckDigit.verify(composite, chars[87]) else { throw EMRTDError.mrzCheckDigit(field: "composite") }
        default:
            throw EMRTDError.mrz("\(chars.count) characters, expected 90 (TD1) or 88 (TD3)")
        }
    }

    /// The BAC / PACE-MRZ key material of this document.
    public var key: MRZKey {
        get throws { try MRZKey(documentNumber: documentNumber, dateOfBirth: dateOfBirth, dateOfExpiry: dateOfExpiry) }
    }

    /// For a Vietnamese CCCD (TD1, `ID`, `VNM`): the full 12-digit ID number from the optional
    /// data of line 1. Nil for other documents.
    public var cccdIDNumber: String? {
        guard format == .td1, documentCode.hasPrefix("I"), issuingState == "VNM" else { return nil }
        let candidate = optionalData1.prefix(12)
        guard candidate.count == 12, candidate.allSatisfy(\.isASCIIDigit) else { return nil }
        return String(candidate)
    }

    public var description: String { "MRZ(\(format), <redacted>)" }

    static func stripFillers(_ s: String) -> String {
        var out = Substring(s)
        while out.last == "<" { out = out.dropLast() }
        return String(out)
    }

    static func names(_ field: String) -> (String, String) {
        let parts = field.components(separatedBy: "<<")
        let primary = parts.first.map { $0.replacingOccurrences(of: "<", with: " ") } ?? ""
        let rest = parts.dropFirst().joined(separator: " ")
            .replacingOccurrences(of: "<", with: " ")
            .trimmingCharacters(in: .whitespaces)
        return (primary.trimmingCharacters(in: .whitespaces), rest)
    }
}
