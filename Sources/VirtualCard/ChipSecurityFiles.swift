import EMRTD

/// DG14 and DG15 around the chip's public keys (DER `SubjectPublicKeyInfo`).
enum ChipSecurityFiles {
    /// id-PK-ECDH, 0.4.0.127.0.7.2.2.1.2.
    static let chipAuthenticationPublicKeyOID: [UInt8] = [0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x01, 0x02]
    /// id-CA-ECDH-AES-CBC-CMAC-128, 0.4.0.127.0.7.2.2.3.2.2.
    static let chipAuthenticationOID: [UInt8] = [0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x03, 0x02, 0x02]

    /// DG14 (tag 6E): SecurityInfos with ChipAuthenticationPublicKeyInfo and ChipAuthenticationInfo
    /// (version 1), ICAO 9303-11 §9.2.5.
    static func dg14(chipAuthenticationKey: [UInt8]) -> [UInt8] {
        let publicKeyInfo = TLV.encode(0x30, TLV.encode(0x06, chipAuthenticationPublicKeyOID) + chipAuthenticationKey)
        let info = TLV.encode(0x30, TLV.encode(0x06, chipAuthenticationOID) + TLV.encode(0x02, [0x01]))
        return TLV.encode(0x6E, TLV.encode(0x31, publicKeyInfo + info))
    }

    /// DG15 (tag 6F): the active-authentication public key.
    static func dg15(activeAuthenticationKey: [UInt8]) -> [UInt8] {
        TLV.encode(0x6F, activeAuthenticationKey)
    }
}
