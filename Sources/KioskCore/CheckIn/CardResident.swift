public import EMRTD
public import Store
public import Foundation

/// Who a verified card belongs to, as the kiosk keys and registers residents.
///
/// The resident key of a CCCD holder is the 12-digit citizen ID number: the registry's natural
/// key and the identifier the upstream `Patient` carries (system `…/sid/cccd`). It travels only
/// inside the database (0600) and request bodies: `ResidentKey` prints redacted, and no record id,
/// URL or log line is made from it. A kiosk-local pseudonym would need a mapping table and would
/// still be sent next to the number in the same Patient resource.
public struct CardResident: Sendable {
    /// The 12-digit citizen ID number (DG13 field 1, else DG1's optional data).
    public let idNumber: String
    /// Full name with diacritics (DG13), else the MRZ name in Latin letters.
    public let fullName: String
    /// Date of birth.
    public let dateOfBirth: CalendarDate
    /// Sex from DG13 ("Nam" / "Nữ"), else the MRZ.
    public let sex: ResidentSex
    /// Place of residence (DG13).
    public let address: String?

    /// The resident of `contents`; nil when the card gives no usable ID number, name, date of
    /// birth or sex. The date of birth comes from DG13 (the MRZ has no century); the number,
    /// name and sex fall back to DG1.
    public init?(_ contents: DocumentContents) {
        let dg13 = contents.dg13
        guard let id = dg13?.idNumber ?? contents.dg1?.mrz.cccdIDNumber, id.count == 12, id.allSatisfy(\.isASCIIDigit),
              let name = dg13?.fullName ?? contents.dg1.map({ "\($0.mrz.primaryIdentifier) \($0.mrz.secondaryIdentifier)" }),
              !name.trimmingCharacters(in: .whitespaces).isEmpty,
              let birth = dg13?.dateOfBirth,
              let sex = Self.sex(dg13?.sex) ?? Self.sex(mrz: contents.dg1?.mrz.sex) else { return nil }
        idNumber = id
        fullName = name
        dateOfBirth = birth
        self.sex = sex
        address = dg13?.placeOfResidence
    }

    /// The key of this resident's visits and records.
    public var residentKey: ResidentKey { ResidentKey(idNumber) }

    /// A registry record made from the card, for a resident the commune's register lacks.
    public func registryRecord(at time: Date) -> Resident {
        Resident(idNumber: idNumber, fullName: fullName, dateOfBirth: dateOfBirth.iso8601, sex: sex,
                 address: address, updatedAt: time)
    }

    static func sex(_ text: String?) -> ResidentSex? {
        switch text?.lowercased() {
        case "nam", "male": .male
        case "nữ", "nu", "female": .female
        default: nil
        }
    }

    static func sex(mrz code: String?) -> ResidentSex? {
        switch code {
        case "M": .male
        case "F": .female
        default: nil
        }
    }
}
