/// The MRZ fields that key BAC and PACE with an MRZ password: document number, date of birth
/// and date of expiry (ICAO 9303-11 §9.7.2).
public struct MRZKey: Sendable, Equatable, CustomStringConvertible {
    /// Document number without fillers (padded to 9 with `<` when shorter).
    public let documentNumber: String
    /// Date of birth `YYMMDD`.
    public let dateOfBirth: String
    /// Date of expiry `YYMMDD` (or `<<<<<<` for a document without expiry).
    public let dateOfExpiry: String

    /// Validates the fields: document number of A-Z, 0-9 (and `<`); six-digit dates.
    public init(documentNumber: String, dateOfBirth: String, dateOfExpiry: String) throws {
        let number = documentNumber.uppercased()
        guard !number.isEmpty, number.allSatisfy({ MRZCheckDigit.value($0) != nil }) else {
            throw EMRTDError.invalidAccessKey("document number must be A-Z and 0-9")
        }
        guard dateOfBirth.count == 6, dateOfBirth.allSatisfy(\.isASCIIDigit) else {
            throw EMRTDError.invalidAccessKey("date of birth must be YYMMDD")
        }
        guard dateOfExpiry.count == 6, dateOfExpiry.allSatisfy(\.isASCIIDigit) || dateOfExpiry == "<<<<<<" else {
            throw EMRTDError.invalidAccessKey("date of expiry must be YYMMDD")
        }
        self.documentNumber = number
        self.dateOfBirth = dateOfBirth
        self.dateOfExpiry = dateOfExpiry
    }

    /// `MRZ_information`: document number (at least 9 characters) + check digit, date of
    /// birth + check digit, date of expiry + check digit.
    public var mrzInformation: String {
        var number = documentNumber
        while number.count < 9 { number += "<" }
        return number + String(MRZCheckDigit.compute(number)!)
            + dateOfBirth + String(MRZCheckDigit.compute(dateOfBirth)!)
            + dateOfExpiry + String(MRZCheckDigit.compute(dateOfExpiry)!)
    }

    /// K_seed = first 16 bytes of SHA-1(MRZ_information), the BAC key seed.
    func keySeed() throws -> [UInt8] {
        Array(try Primitives.sha1(Array(mrzInformation.utf8)).prefix(16))
    }

    public var description: String { "MRZKey(<redacted>)" }
}

/// A password that opens the chip: the CAN printed on the card (PACE only) or the MRZ key
/// (BAC or PACE). Prints without its value.
public struct AccessKey: Sendable, Equatable, CustomStringConvertible {
    /// Which password this is.
    public enum Kind: String, Sendable, Equatable {
        /// Card access number (PACE password reference 02).
        case can
        /// MRZ-derived key (BAC, PACE password reference 01).
        case mrz
    }

    /// Which password this is.
    public let kind: Kind
    let canDigits: String
    let mrzKey: MRZKey?

    /// A CAN: 6 digits (the last 6 digits of the CCCD ID number).
    public static func can(_ digits: String) throws -> AccessKey {
        guard digits.count == 6, digits.allSatisfy(\.isASCIIDigit) else {
            throw EMRTDError.invalidAccessKey("CAN must be 6 digits")
        }
        return AccessKey(kind: .can, canDigits: digits, mrzKey: nil)
    }

    /// An MRZ key.
    public static func mrz(_ key: MRZKey) -> AccessKey {
        AccessKey(kind: .mrz, canDigits: "", mrzKey: key)
    }

    /// The MRZ key when this is one (BAC needs it).
    public var mrz: MRZKey? { mrzKey }

    /// PACE password reference (MSE:Set AT DO'83').
    var paceReference: UInt8 { kind == .can ? 0x02 : 0x01 }

    /// The PACE password K before derivation: the CAN's ASCII bytes, or SHA-1(MRZ_information).
    func pacePassword() throws -> [UInt8] {
        switch kind {
        case .can: Array(canDigits.utf8)
        case .mrz: try Primitives.sha1(Array(mrzKey!.mrzInformation.utf8))
        }
    }

    public var description: String { "AccessKey(\(kind.rawValue))" }
}
