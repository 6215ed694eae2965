import COpenSSL

/// The hash functions of eMRTD security objects and signatures (SHA-1 and SHA-2), by OID and
/// by ISO/IEC 10118-3 hash identifier (the ISO/IEC 9796-2 trailer).
public enum DigestAlgorithm: String, Sendable, CaseIterable {
    case sha1 = "SHA-1"
    case sha224 = "SHA-224"
    case sha256 = "SHA-256"
    case sha384 = "SHA-384"
    case sha512 = "SHA-512"

    /// The algorithm of a dotted OID (`id-sha256` …), nil when unknown.
    public init?(oid: String) {
        switch oid {
        case "1.3.14.3.2.26": self = .sha1
        case "2.16.840.1.101.3.4.2.4": self = .sha224
        case "2.16.840.1.101.3.4.2.1": self = .sha256
        case "2.16.840.1.101.3.4.2.2": self = .sha384
        case "2.16.840.1.101.3.4.2.3": self = .sha512
        default: return nil
        }
    }

    /// The hash of an `ecdsa-with-SHA*` signature algorithm OID (DG14 ActiveAuthenticationInfo).
    public init?(ecdsaSignatureOID oid: String) {
        switch oid {
        case "1.2.840.10045.4.1": self = .sha1
        case "1.2.840.10045.4.3.1": self = .sha224
        case "1.2.840.10045.4.3.2": self = .sha256
        case "1.2.840.10045.4.3.3": self = .sha384
        case "1.2.840.10045.4.3.4": self = .sha512
        default: return nil
        }
    }

    /// The `ecdsa-with-*` OID of this hash.
    var ecdsaSignatureOID: [UInt] {
        switch self {
        case .sha1: [1, 2, 840, 10045, 4, 1]
        case .sha224: [1, 2, 840, 10045, 4, 3, 1]
        case .sha256: [1, 2, 840, 10045, 4, 3, 2]
        case .sha384: [1, 2, 840, 10045, 4, 3, 3]
        case .sha512: [1, 2, 840, 10045, 4, 3, 4]
        }
    }

    /// The ISO/IEC 10118-3 identifier used in a two-byte ISO/IEC 9796-2 trailer (`xx CC`).
    init?(iso9796Identifier: UInt8) {
        switch iso9796Identifier {
        case 0x33: self = .sha1
        case 0x34: self = .sha256
        case 0x35: self = .sha512
        case 0x36: self = .sha384
        case 0x38: self = .sha224
        default: return nil
        }
    }

    /// libcrypto's message digest.
    var evp: OpaquePointer? {
        switch self {
        case .sha1: EVP_sha1()
        case .sha224: EVP_sha224()
        case .sha256: EVP_sha256()
        case .sha384: EVP_sha384()
        case .sha512: EVP_sha512()
        }
    }

    /// Digest size in bytes.
    var size: Int {
        switch self {
        case .sha1: 20
        case .sha224: 28
        case .sha256: 32
        case .sha384: 48
        case .sha512: 64
        }
    }

    /// The hash of `data`.
    public func hash(_ data: [UInt8]) throws(EMRTDError) -> [UInt8] {
        try Primitives.digest(data, evp, rawValue)
    }
}
