import SwiftASN1

/// The `SecurityInfos` set of EF.CardAccess and DG14 (ICAO 9303-11 §9.2): which PACE variants,
/// chip-authentication and terminal-authentication protocols the chip offers.
///
/// Each `SecurityInfo` is decoded on its own; one that cannot be read is kept in ``others``
/// rather than failing the set.
public struct SecurityInfos: Sendable, Equatable {
    /// `PACEInfo`: a PACE variant and its standardized domain parameter.
    public struct PACEInfo: Sendable, Equatable {
        /// The PACE variant.
        public let `protocol`: PACEProtocol
        /// Protocol version (2 for current chips).
        public let version: Int
        /// Standardized domain parameter ID (13 = brainpoolP256r1), nil when proprietary.
        public let parameterID: Int?
    }

    /// `ChipAuthenticationInfo`: a chip-authentication variant (`id-CA-*`).
    public struct ChipAuthenticationInfo: Sendable, Equatable {
        /// Protocol OID components.
        public let oid: [UInt]
        /// Protocol version.
        public let version: Int
        /// Key reference, when the chip has several keys.
        public let keyID: Int?
    }

    /// `ChipAuthenticationPublicKeyInfo` (DG14): the chip's static key for chip authentication.
    public struct ChipAuthenticationPublicKeyInfo: Sendable, Equatable {
        /// Protocol OID components (`id-PK-*`).
        public let oid: [UInt]
        /// DER `SubjectPublicKeyInfo`.
        public let subjectPublicKeyInfo: [UInt8]
        /// Key reference, when the chip has several keys.
        public let keyID: Int?
    }

    /// An entry this module does not interpret, kept as encoded.
    public struct OtherInfo: Sendable, Equatable {
        /// Protocol OID components; empty when even the OID was unreadable.
        public let oid: [UInt]
        /// DER encoding of the whole `SecurityInfo`.
        public let encoded: [UInt8]
    }

    /// PACE variants offered.
    public private(set) var paceInfos: [PACEInfo] = []
    /// Chip-authentication variants offered.
    public private(set) var chipAuthenticationInfos: [ChipAuthenticationInfo] = []
    /// Chip-authentication public keys (DG14 only).
    public private(set) var chipAuthenticationPublicKeys: [ChipAuthenticationPublicKeyInfo] = []
    /// Versions of each `TerminalAuthenticationInfo`.
    public private(set) var terminalAuthenticationVersions: [Int] = []
    /// Whether an `ActiveAuthenticationInfo` is present (DG14).
    public private(set) var hasActiveAuthenticationInfo = false
    /// The signature algorithm OID (dotted) of the `ActiveAuthenticationInfo`, e.g.
    /// `1.2.840.10045.4.3.2` (ecdsa-with-SHA256): the hash of ECDSA active authentication.
    public private(set) var activeAuthenticationSignatureAlgorithm: String?
    /// Entries not interpreted.
    public private(set) var others: [OtherInfo] = []

    /// Parses a DER/BER `SET OF SecurityInfo` (the content of EF.CardAccess, or of DG14 inside
    /// its 6E tag). Throws only when the outer set itself is unreadable.
    public init(bytes: [UInt8]) throws {
        let root: ASN1Node
        do { root = try BER.parse(bytes) } catch {
            throw EMRTDError.malformedFile(file: "SecurityInfos", reason: "not a BER SET")
        }
        guard root.identifier == .set, case .constructed(let entries) = root.content else {
            throw EMRTDError.malformedFile(file: "SecurityInfos", reason: "outer object is not a SET")
        }
        for entry in entries {
            if !add(entry) {
                others.append(OtherInfo(oid: (try? Self.oid(of: entry)) ?? [], encoded: Array(entry.encodedBytes)))
            }
        }
    }

    /// Parses DG14: the SecurityInfos inside its 6E tag.
    public init(dg14 bytes: [UInt8]) throws {
        let root = try TLV.parseSingle(bytes, allowTrailing: true)
        guard root.tag == 0x6E else { throw EMRTDError.malformedFile(file: "DG14", reason: "outer tag is not 6E") }
        try self.init(bytes: root.value)
    }

    /// The first PACE variant this module can run, with its parameter ID.
    public var preferredPACE: PACEInfo? {
        paceInfos.first { $0.protocol.isSupported && $0.parameterID.flatMap(StandardDomainParameters.curveName(id:)) != nil }
    }

    private static func oid(of entry: ASN1Node) throws -> [UInt] {
        guard case .constructed(let nodes) = entry.content else { throw EMRTDError.malformedFile(file: "SecurityInfos", reason: "entry") }
        var iterator = nodes.makeIterator()
        guard let first = iterator.next() else { throw EMRTDError.malformedFile(file: "SecurityInfos", reason: "entry") }
        return try ASN1ObjectIdentifier(berEncoded: first).oidComponents
    }

    /// Decodes one entry; false when it is not one of the known kinds or does not decode.
    private mutating func add(_ entry: ASN1Node) -> Bool {
        guard entry.identifier == .sequence, case .constructed(let nodes) = entry.content else { return false }
        let fields = Array(nodes)
        guard fields.count >= 2, let oid = try? ASN1ObjectIdentifier(berEncoded: fields[0]).oidComponents else { return false }
        func integer(_ i: Int) -> Int? {
            guard i < fields.count else { return nil }
            return try? Int(berEncoded: fields[i])
        }
        if let p = PACEProtocol(oid: oid) {
            guard let version = integer(1) else { return false }
            let parameter = integer(2)
            if fields.count > 2 && parameter == nil { return false }
            paceInfos.append(PACEInfo(protocol: p, version: version, parameterID: parameter))
            return true
        }
        if SecurityOIDs.hasPrefix(oid, SecurityOIDs.chipAuthentication), oid.count == SecurityOIDs.chipAuthentication.count + 2 {
            guard let version = integer(1) else { return false }
            chipAuthenticationInfos.append(ChipAuthenticationInfo(oid: oid, version: version, keyID: integer(2)))
            return true
        }
        if SecurityOIDs.hasPrefix(oid, SecurityOIDs.chipAuthenticationPublicKey) {
            guard fields[1].identifier == .sequence else { return false }
            chipAuthenticationPublicKeys.append(ChipAuthenticationPublicKeyInfo(
                oid: oid, subjectPublicKeyInfo: Array(fields[1].encodedBytes), keyID: integer(2)))
            return true
        }
        if oid == SecurityOIDs.terminalAuthentication {
            guard let version = integer(1) else { return false }
            terminalAuthenticationVersions.append(version)
            return true
        }
        if oid == SecurityOIDs.activeAuthentication {
            hasActiveAuthenticationInfo = true
            if fields.count > 2, let algorithm = try? ASN1ObjectIdentifier(berEncoded: fields[2]) {
                activeAuthenticationSignatureAlgorithm = SecurityOIDs.dotted(algorithm.oidComponents)
            }
            return false
        }
        return false
    }
}
