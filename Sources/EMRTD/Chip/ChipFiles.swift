/// Encoders for the files a test chip or the virtual card serves (the inverse of the parsers).
public enum ChipFiles {
    /// EF.CardAccess of the CCCD: PACEInfo (ECDH-GM-AES-128, version 2, `parameterID`),
    /// ChipAuthenticationInfo (ECDH-AES-CBC-CMAC-128, version 1) and TerminalAuthenticationInfo.
    public static func cccdCardAccess(parameterID: Int = 13) throws -> [UInt8] {
        func info(_ oid: [UInt], _ rest: [UInt8]) throws -> [UInt8] {
            TLV.encode(0x30, TLV.encode(0x06, try SecurityOIDs.contentBytes(oid)) + rest)
        }
        let pace = try info(PACEProtocol.ecdhGenericMappingAES128.oid, TLV.encode(0x02, [0x02]) + TLV.encode(0x02, [UInt8(parameterID)]))
        let ca = try info(SecurityOIDs.chipAuthentication + [2, 2], TLV.encode(0x02, [0x01]))
        let ta = try info(SecurityOIDs.terminalAuthentication, TLV.encode(0x02, [0x02]))
        return TLV.encode(0x31, pace + ca + ta)
    }

    /// EF.COM listing `files` (LDS 1.7, Unicode 4.0.0).
    public static func com(listing files: [LDSFile]) -> [UInt8] {
        let tags = files.compactMap { $0 == .com || $0 == .sod || $0 == .cardAccess ? nil : $0.tag.map { UInt8($0) } }
        return TLV.encode(0x60, TLV.encode(0x5F01, Array("0107".utf8)) + TLV.encode(0x5F36, Array("040000".utf8)) + TLV.encode(0x5C, tags))
    }

    /// DG1 holding `mrz` (the lines concatenated, no separators).
    public static func dg1(mrz: String) -> [UInt8] {
        TLV.encode(0x61, TLV.encode(0x5F1F, Array(mrz.utf8)))
    }
}
