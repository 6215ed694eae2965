import COpenSSL

/// Block ciphers, MACs, hashes and randomness from libcrypto, on byte arrays.
enum Primitives {
    // MARK: Hashes

    static func sha1(_ data: [UInt8]) throws -> [UInt8] { try digest(data, EVP_sha1(), "SHA-1") }
    static func sha256(_ data: [UInt8]) throws -> [UInt8] { try digest(data, EVP_sha256(), "SHA-256") }

    static func digest(_ data: [UInt8], _ md: OpaquePointer?, _ name: String) throws(EMRTDError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_Digest(data, data.count, &out, &length, md, nil) == 1 else { throw OpenSSLCall.failure("EVP_Digest(\(name))") }
        return Array(out.prefix(Int(length)))
    }

    // MARK: Block ciphers (no padding; callers pad)

    /// Two-key 3DES (K1 || K2) in CBC mode.
    static func tdesCBC(key: [UInt8], iv: [UInt8] = [UInt8](repeating: 0, count: 8), _ data: [UInt8], encrypt: Bool) throws -> [UInt8] {
        guard key.count == 16 else { throw EMRTDError.crypto(function: "tdesCBC", reason: "key must be 16 bytes") }
        return try cipher(Fetched.desEDECBC, "DES-EDE-CBC", key: key, iv: iv, data, encrypt: encrypt)
    }

    /// AES (128/192/256 by key length) in CBC mode.
    static func aesCBC(key: [UInt8], iv: [UInt8], _ data: [UInt8], encrypt: Bool) throws -> [UInt8] {
        let (c, name) = try aes(key, cbc: true)
        return try cipher(c, name, key: key, iv: iv, data, encrypt: encrypt)
    }

    /// AES in ECB mode (one or more whole blocks).
    static func aesECB(key: [UInt8], _ data: [UInt8]) throws -> [UInt8] {
        let (c, name) = try aes(key, cbc: false)
        return try cipher(c, name, key: key, iv: nil, data, encrypt: true)
    }

    private static func aes(_ key: [UInt8], cbc: Bool) throws -> (OpaquePointer?, String) {
        switch key.count {
        case 16: return cbc ? (Fetched.aes128CBC, "AES-128-CBC") : (Fetched.aes128ECB, "AES-128-ECB")
        case 24: return cbc ? (Fetched.aes192CBC, "AES-192-CBC") : (Fetched.aes192ECB, "AES-192-ECB")
        case 32: return cbc ? (Fetched.aes256CBC, "AES-256-CBC") : (Fetched.aes256ECB, "AES-256-ECB")
        default: throw EMRTDError.crypto(function: "aes", reason: "key must be 16, 24 or 32 bytes")
        }
    }

    /// Algorithms fetched from the default provider once: OpenSSL 3 otherwise looks each one up
    /// again on every use (about a third of the cost of a short secure-messaging operation).
    /// Fetched algorithms are immutable and may be shared by threads.
    private enum Fetched {
        nonisolated(unsafe) static let desEDECBC = EVP_CIPHER_fetch(nil, "DES-EDE-CBC", nil)
        nonisolated(unsafe) static let aes128CBC = EVP_CIPHER_fetch(nil, "AES-128-CBC", nil)
        nonisolated(unsafe) static let aes192CBC = EVP_CIPHER_fetch(nil, "AES-192-CBC", nil)
        nonisolated(unsafe) static let aes256CBC = EVP_CIPHER_fetch(nil, "AES-256-CBC", nil)
        nonisolated(unsafe) static let aes128ECB = EVP_CIPHER_fetch(nil, "AES-128-ECB", nil)
        nonisolated(unsafe) static let aes192ECB = EVP_CIPHER_fetch(nil, "AES-192-ECB", nil)
        nonisolated(unsafe) static let aes256ECB = EVP_CIPHER_fetch(nil, "AES-256-ECB", nil)
        nonisolated(unsafe) static let cmac = EVP_MAC_fetch(nil, "CMAC", nil)
    }

    private static func cipher(_ cipher: OpaquePointer?, _ name: String, key: [UInt8], iv: [UInt8]?, _ data: [UInt8], encrypt: Bool) throws -> [UInt8] {
        guard let cipher else { throw OpenSSLCall.failure("EVP_CIPHER_fetch(\(name))") }
        let ctx = try OpenSSLCall.nonNull(EVP_CIPHER_CTX_new(), "EVP_CIPHER_CTX_new")
        defer { EVP_CIPHER_CTX_free(ctx) }
        let initResult: Int32
        if let iv {
            initResult = EVP_CipherInit_ex(ctx, cipher, nil, key, iv, encrypt ? 1 : 0)
        } else {
            initResult = EVP_CipherInit_ex(ctx, cipher, nil, key, nil, encrypt ? 1 : 0)
        }
        try OpenSSLCall.check(initResult, "EVP_CipherInit_ex(\(name))")
        try OpenSSLCall.check(EVP_CIPHER_CTX_set_padding(ctx, 0), "EVP_CIPHER_CTX_set_padding")
        var out = [UInt8](repeating: 0, count: data.count + 32)
        var written: Int32 = 0
        var final: Int32 = 0
        try out.withUnsafeMutableBufferPointer { buffer in
            try OpenSSLCall.check(EVP_CipherUpdate(ctx, buffer.baseAddress, &written, data, Int32(data.count)), "EVP_CipherUpdate(\(name))")
            try OpenSSLCall.check(EVP_CipherFinal_ex(ctx, buffer.baseAddress! + Int(written), &final), "EVP_CipherFinal_ex(\(name))")
        }
        return Array(out.prefix(Int(written + final)))
    }

    // MARK: MACs

    /// ISO/IEC 9797-1 MAC algorithm 3 with DES ("retail MAC"): single-DES CBC with K1 over all
    /// blocks, then decrypt with K2 and encrypt with K1 on the last. `data` must already be padded.
    static func retailMAC(key: [UInt8], _ data: [UInt8]) throws -> [UInt8] {
        guard key.count == 16, data.count % 8 == 0, !data.isEmpty else {
            throw EMRTDError.crypto(function: "retailMAC", reason: "needs a 16-byte key and whole 8-byte blocks")
        }
        let k1 = Array(key[0..<8])
        // Single DES is outside OpenSSL 3's default provider; 3DES with K1 = K2 is single DES.
        var chain = [UInt8](repeating: 0, count: 8)
        if data.count > 8 {
            let head = Array(data[0..<(data.count - 8)])
            chain = Array(try tdesCBC(key: k1 + k1, head, encrypt: true).suffix(8))
        }
        let last = Bytes.xor(Array(data.suffix(8)), chain)
        // E_K1(D_K2(E_K1(x))) is exactly two-key 3DES encryption of one block.
        return try tdesCBC(key: key, last, encrypt: true)
    }

    /// AES-CMAC (NIST SP 800-38B) over `data`, full 16 bytes.
    static func aesCMAC(key: [UInt8], _ data: [UInt8]) throws -> [UInt8] {
        let cipherName: String
        switch key.count {
        case 16: cipherName = "AES-128-CBC"
        case 24: cipherName = "AES-192-CBC"
        case 32: cipherName = "AES-256-CBC"
        default: throw EMRTDError.crypto(function: "aesCMAC", reason: "key must be 16, 24 or 32 bytes")
        }
        let mac = try OpenSSLCall.nonNull(Fetched.cmac, "EVP_MAC_fetch(CMAC)")
        let ctx = try OpenSSLCall.nonNull(EVP_MAC_CTX_new(mac), "EVP_MAC_CTX_new")
        defer { EVP_MAC_CTX_free(ctx) }
        var nameBytes = Array(cipherName.utf8CString)
        try nameBytes.withUnsafeMutableBufferPointer { name in
            var params = [OSSL_PARAM_construct_utf8_string("cipher", name.baseAddress, 0), OSSL_PARAM_construct_end()]
            try OpenSSLCall.check(EVP_MAC_init(ctx, key, key.count, &params), "EVP_MAC_init(CMAC)")
        }
        try OpenSSLCall.check(EVP_MAC_update(ctx, data, data.count), "EVP_MAC_update(CMAC)")
        var out = [UInt8](repeating: 0, count: 16)
        var length = 0
        try OpenSSLCall.check(EVP_MAC_final(ctx, &out, &length, out.count), "EVP_MAC_final(CMAC)")
        return Array(out.prefix(length))
    }

    // MARK: Randomness

    /// `count` bytes from libcrypto's CSPRNG.
    static func random(_ count: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        try OpenSSLCall.check(RAND_bytes(&out, Int32(count)), "RAND_bytes")
        return out
    }

    /// Sets the DES parity bit (least significant bit, odd parity) of every byte.
    static func adjustDESParity(_ key: [UInt8]) -> [UInt8] {
        key.map { b in
            let ones = (b >> 1).nonzeroBitCount
            return (b & 0xFE) | (ones % 2 == 0 ? 1 : 0)
        }
    }
}
