/// A chip-authentication variant decoded from its `id-CA-*` OID (BSI TR-03110 / ICAO 9303-11
/// §9.2.5): key agreement and the secure-messaging suite that follows.
public struct ChipAuthenticationProtocol: Sendable, Equatable {
    /// Whether the key agreement is ECDH (else classic DH).
    public let isECDH: Bool
    /// The symmetric suite after chip authentication.
    public let suite: CipherSuite
    /// OID components.
    public let oid: [UInt]

    /// Decodes `id-CA-{DH,ECDH}-{3DES-CBC-CBC, AES-CBC-CMAC-128/192/256}`; nil for others.
    public init?(oid: [UInt]) {
        let prefix = SecurityOIDs.chipAuthentication
        guard oid.count == prefix.count + 2, Array(oid.prefix(prefix.count)) == prefix else { return nil }
        switch oid[prefix.count] {
        case 1: isECDH = false
        case 2: isECDH = true
        default: return nil
        }
        guard let suite = CipherSuite(oidSuffix: oid[prefix.count + 1]) else { return nil }
        self.suite = suite
        self.oid = oid
    }

    /// 3DES variants announce the key with MSE:Set KAT; AES variants use MSE:Set AT and
    /// GENERAL AUTHENTICATE (ICAO 9303-11 §6.2.4).
    var usesSetKAT: Bool { suite == .tdes }

    /// Keys for the new secure-messaging session from the shared secret, SSC zero.
    func session(sharedSecret: [UInt8]) throws -> SecureMessaging {
        SecureMessaging(suite: suite,
                        encryptionKey: try suite.deriveKey(sharedSecret, counter: 1),
                        macKey: try suite.deriveKey(sharedSecret, counter: 2),
                        ssc: [UInt8](repeating: 0, count: suite.blockSize))
    }
}
