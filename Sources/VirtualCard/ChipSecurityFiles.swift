import EMRTD

/// DG14 and DG15 around the chip's public keys (DER `SubjectPublicKeyInfo`).
enum ChipSecurityFiles {
    /// id-PK-ECDH, 0.4.0.127.0.7.2.2.1.2.
    static let chipAuthenticationPublicKeyOID: [UInt8] = [0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x01, 0x02]
    /// id-CA-ECDH-AES-CBC-CMAC-128, 0.4.0.127.0.7.2.2.3.2.2.
    static let chipAuthenticationOID: [UInt8] = [0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x03, 0x02, 0x02]

    /// id-icao-mrtd-security-aaProtocolObject, 2.23.136.1.1.5.
    static let activeAuthenticationOID: [UInt8] = [0x67, 0x81, 0x08, 0x01, 0x01, 0x05]
    /// ecdsa-with-SHA256, 1.2.840.10045.4.3.2.
    static let ecdsaWithSHA256OID: [UInt8] = [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02]

    /// DG14 (tag 6E): SecurityInfos with ChipAuthenticationPublicKeyInfo and ChipAuthenticationInfo
    /// (version 1), ICAO 9303-11 §9.2.5; with an ActiveAuthenticationInfo naming ECDSA with
    /// SHA-256 when DG15 holds an EC key (§9.2.7).
    static func dg14(chipAuthenticationKey: [UInt8], activeAuthenticationSHA256: Bool = false) -> [UInt8] {
        let publicKeyInfo = TLV.encode(0x30, TLV.encode(0x06, chipAuthenticationPublicKeyOID) + chipAuthenticationKey)
        let info = TLV.encode(0x30, TLV.encode(0x06, chipAuthenticationOID) + TLV.encode(0x02, [0x01]))
        var infos = publicKeyInfo + info
        if activeAuthenticationSHA256 {
            infos += TLV.encode(0x30, TLV.encode(0x06, activeAuthenticationOID) + TLV.encode(0x02, [0x01])
                + TLV.encode(0x06, ecdsaWithSHA256OID))
        }
        return TLV.encode(0x6E, TLV.encode(0x31, infos))
    }

    /// DG15 (tag 6F): the active-authentication public key.
    static func dg15(activeAuthenticationKey: [UInt8]) -> [UInt8] {
        TLV.encode(0x6F, activeAuthenticationKey)
    }
}
