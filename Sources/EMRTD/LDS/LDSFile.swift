/// The elementary files of the eMRTD application read by ``DocumentReader`` (ICAO 9303-10 §4.6).
public enum LDSFile: String, Sendable, Hashable, CaseIterable, Codable {
    /// EF.CardAccess (in the master file, read before access control).
    case cardAccess
    /// EF.COM: LDS version and the list of data groups present.
    case com
    /// DG1: the MRZ.
    case dg1
    /// DG2: the encoded face.
    case dg2
    /// DG3: fingerprints (needs terminal authentication; never read here).
    case dg3
    /// DG13: the Vietnamese CCCD's personal details.
    case dg13
    /// DG14: chip-authentication SecurityInfos.
    case dg14
    /// DG15: the active-authentication public key.
    case dg15
    /// EF.SOD: the document security object.
    case sod

    /// File identifier for SELECT.
    public var fileID: UInt16 {
        switch self {
        case .cardAccess: 0x011C
        case .com: 0x011E
        case .dg1: 0x0101
        case .dg2: 0x0102
        case .dg3: 0x0103
        case .dg13: 0x010D
        case .dg14: 0x010E
        case .dg15: 0x010F
        case .sod: 0x011D
        }
    }

    /// Short EF identifier (READ BINARY with P1 = 0x80 | SFI).
    public var shortID: UInt8 { UInt8(fileID & 0x1F) }

    /// Tag of the file's outer object (EF.CardAccess has none: it is a bare SET).
    public var tag: UInt32? {
        switch self {
        case .cardAccess: nil
        case .com: 0x60
        case .dg1: 0x61
        case .dg2: 0x75
        case .dg3: 0x63
        case .dg13: 0x6D
        case .dg14: 0x6E
        case .dg15: 0x6F
        case .sod: 0x77
        }
    }

    /// The data group listed in EF.COM under `tag`, if it is one of these files.
    static func dataGroup(tag: UInt8) -> LDSFile? {
        allCases.first { $0.tag == UInt32(tag) && $0 != .com && $0 != .sod }
    }
}
