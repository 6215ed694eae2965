import SmartCard

/// PACE message formats shared by both sides (ICAO 9303-11 §4.4.4): MSE:Set AT, GENERAL
/// AUTHENTICATE with dynamic authentication data (tag 7C), authentication tokens.
enum PACEMessages {
    /// MSE:Set AT selecting PACE: DO'80' protocol OID, DO'83' password reference and, when
    /// the chip offers several parameter sets for the OID, DO'84' the parameter ID.
    static func mseSetAT(protocol p: PACEProtocol, passwordReference: UInt8, parameterID: Int?) throws -> CommandAPDU {
        var data = TLV.encode(0x80, try SecurityOIDs.contentBytes(p.oid)) + TLV.encode(0x83, [passwordReference])
        if let parameterID { data += TLV.encode(0x84, [UInt8(truncatingIfNeeded: parameterID)]) }
        return CommandAPDU(cla: 0x00, ins: 0x22, p1: 0xC1, p2: 0xA4, data: data)
    }

    /// GENERAL AUTHENTICATE carrying one data object in 7C; chained (CLA 10) except the last.
    static func generalAuthenticate(tag: UInt32?, value: [UInt8], last: Bool) -> CommandAPDU {
        let inner = tag.map { TLV.encode($0, value) } ?? []
        return CommandAPDU(cla: last ? 0x00 : 0x10, ins: 0x86, p1: 0x00, p2: 0x00, data: TLV.encode(0x7C, inner), le: 256)
    }

    /// The value of `tag` inside a 7C dynamic authentication data object.
    static func dynamicData(_ bytes: [UInt8], tag: UInt32, step: String) throws -> [UInt8] {
        do {
            let outer = try TLV.parseSingle(bytes)
            guard outer.tag == 0x7C, let inner = try outer.child(tag) else {
                throw EMRTDError.authenticationFailed("\(step): missing data object \(String(tag, radix: 16))")
            }
            return inner.value
        } catch let error as EMRTDError {
            if case .tlv = error { throw EMRTDError.authenticationFailed("\(step): \(error.detail)") }
            throw error
        }
    }

    /// Authentication token: MAC over 7F49 { 06 OID, 86 public point } of the other side's key.
    static func token(suite: CipherSuite, macKey: [UInt8], oid: [UInt], publicKey: [UInt8]) throws -> [UInt8] {
        let input = TLV.encode(0x7F49, TLV.encode(0x06, try SecurityOIDs.contentBytes(oid)) + TLV.encode(0x86, publicKey))
        return try suite.mac(key: macKey, unpadded: input)
    }

    /// K_pi from the password K: KDF(K, 3) with the protocol's cipher.
    static func passwordKey(_ password: [UInt8], suite: CipherSuite) throws -> [UInt8] {
        try suite.deriveKey(password, counter: 3)
    }

    /// Nonce encryption or decryption: CBC with a zero IV, no padding.
    static func nonceCipher(_ data: [UInt8], key: [UInt8], suite: CipherSuite, encrypt: Bool) throws -> [UInt8] {
        try suite.cbc(key: key, iv: [UInt8](repeating: 0, count: suite.blockSize), data, encrypt: encrypt)
    }
}
