import SwiftASN1

/// Object identifiers of the protocols announced in EF.CardAccess and DG14 (BSI TR-03110-3 A.1,
/// ICAO 9303-11 §9.2).
enum SecurityOIDs {
    static let bsiPrefix: [UInt] = [0, 4, 0, 127, 0, 7, 2, 2]
    static let pace = bsiPrefix + [4]
    static let chipAuthentication = bsiPrefix + [3]
    static let chipAuthenticationPublicKey = bsiPrefix + [1]
    static let terminalAuthentication = bsiPrefix + [2]
    static let activeAuthentication: [UInt] = [2, 23, 136, 1, 1, 5]

    static func hasPrefix(_ oid: [UInt], _ prefix: [UInt]) -> Bool {
        oid.count > prefix.count && Array(oid.prefix(prefix.count)) == prefix
    }

    /// DER content bytes (no tag, no length) of an OID.
    static func contentBytes(_ components: [UInt]) throws -> [UInt8] {
        let oid = try ASN1ObjectIdentifier(elements: components)
        var serializer = DER.Serializer()
        try serializer.serialize(oid)
        return try TLV.parseSingle(serializer.serializedBytes).value
    }

    /// Dotted form for error details and logs.
    static func dotted(_ components: [UInt]) -> String {
        components.map(String.init).joined(separator: ".")
    }
}

/// One PACE variant: key agreement, mapping and symmetric suite, decoded from its OID.
public struct PACEProtocol: Sendable, Equatable {
    /// How the ephemeral generator is mapped from the nonce.
    public enum Mapping: Sendable, Equatable {
        /// Generic Mapping (G~ = s·G + H).
        case generic
        /// Integrated Mapping (not implemented for reading).
        case integrated
        /// Chip Authentication Mapping (not implemented for reading).
        case chipAuthentication
    }

    /// The OID's components.
    public let oid: [UInt]
    /// Mapping.
    public let mapping: Mapping
    /// True for elliptic-curve Diffie-Hellman, false for modular DH.
    public let isECDH: Bool
    /// Symmetric algorithms of the session.
    public let suite: CipherSuite

    /// Decodes `id-PACE-{DH,ECDH}-{GM,IM,CAM}-{3DES,AES-128,-192,-256}`; nil for anything else.
    public init?(oid: [UInt]) {
        guard oid.count == SecurityOIDs.pace.count + 2, SecurityOIDs.hasPrefix(oid, SecurityOIDs.pace) else { return nil }
        switch oid[oid.count - 2] {
        case 1: (mapping, isECDH) = (.generic, false)
        case 2: (mapping, isECDH) = (.generic, true)
        case 3: (mapping, isECDH) = (.integrated, false)
        case 4: (mapping, isECDH) = (.integrated, true)
        case 6: (mapping, isECDH) = (.chipAuthentication, true)
        default: return nil
        }
        guard let suite = CipherSuite(oidSuffix: oid[oid.count - 1]) else { return nil }
        self.suite = suite
        self.oid = oid
    }

    /// `id-PACE-ECDH-GM-AES-CBC-CMAC-128`, the CCCD's protocol.
    public static let ecdhGenericMappingAES128 = PACEProtocol(oid: SecurityOIDs.pace + [2, 2])!

    /// Whether ``DocumentReader`` can run this variant (ECDH Generic Mapping).
    public var isSupported: Bool { mapping == .generic && isECDH }
}
