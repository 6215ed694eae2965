/// The symmetric algorithms of one secure-messaging session: two-key 3DES with retail MAC
/// (BAC, PACE-3DES) or AES with CMAC (PACE-AES, key length 16, 24 or 32).
public enum CipherSuite: Sendable, Equatable {
    /// 3DES-CBC + ISO 9797-1 MAC algorithm 3.
    case tdes
    /// AES-CBC + AES-CMAC with the given key length in bytes.
    case aes(keyLength: Int)

    /// The suite named by the last arc of a PACE or chip-authentication OID (BSI TR-03110):
    /// 1 3DES-CBC-CBC, 2/3/4 AES-CBC-CMAC-128/192/256.
    init?(oidSuffix: UInt) {
        switch oidSuffix {
        case 1: self = .tdes
        case 2: self = .aes(keyLength: 16)
        case 3: self = .aes(keyLength: 24)
        case 4: self = .aes(keyLength: 32)
        default: return nil
        }
    }

    /// Cipher block size in bytes (also the SSC length).
    var blockSize: Int {
        switch self {
        case .tdes: 8
        case .aes: 16
        }
    }

    /// ICAO 9303-11 §9.7.1 key derivation: KDF(K, c) from the shared secret and a counter
    /// (1 = encryption, 2 = MAC, 3 = PACE password key).
    func deriveKey(_ secret: [UInt8], counter: UInt32) throws -> [UInt8] {
        let input = secret + Bytes.bigEndian(Int(counter), width: 4)
        switch self {
        case .tdes:
            return Primitives.adjustDESParity(Array(try Primitives.sha1(input).prefix(16)))
        case .aes(let length) where length == 16:
            return Array(try Primitives.sha1(input).prefix(16))
        case .aes(let length):
            return Array(try Primitives.sha256(input).prefix(length))
        }
    }

    /// CBC encryption or decryption of whole blocks with the given IV.
    func cbc(key: [UInt8], iv: [UInt8], _ data: [UInt8], encrypt: Bool) throws -> [UInt8] {
        switch self {
        case .tdes: try Primitives.tdesCBC(key: key, iv: iv, data, encrypt: encrypt)
        case .aes: try Primitives.aesCBC(key: key, iv: iv, data, encrypt: encrypt)
        }
    }

    /// The 8-byte MAC of already padded `data` (retail MAC, or CMAC truncated to 8 bytes).
    func mac(key: [UInt8], padded data: [UInt8]) throws -> [UInt8] {
        switch self {
        case .tdes: try Primitives.retailMAC(key: key, data)
        case .aes: Array(try Primitives.aesCMAC(key: key, data).prefix(8))
        }
    }

    /// The 8-byte MAC of unpadded `data`: 3DES pads first (method 2); CMAC pads internally.
    func mac(key: [UInt8], unpadded data: [UInt8]) throws -> [UInt8] {
        switch self {
        case .tdes: try Primitives.retailMAC(key: key, Bytes.pad(data, blockSize: 8))
        case .aes: Array(try Primitives.aesCMAC(key: key, data).prefix(8))
        }
    }
}
