import COpenSSL

/// Elliptic-curve Diffie-Hellman on the domain parameters of a given key, whatever their form
/// (named curve or explicit parameters, as DG14 may carry): chip authentication on both sides.
///
/// ``ECCurve`` serves PACE's standardized curves by name; chip authentication must use the
/// parameters DG14 spells out, so this works on whole `EVP_PKEY`s instead.
enum ECKeyAgreement {
    /// A fresh key pair on the domain parameters of `template` (a public or private key).
    static func ephemeralKey(like template: OpaquePointer) throws(EMRTDError) -> PrivateKey {
        guard let ctx = EVP_PKEY_CTX_new(template, nil) else { throw OpenSSLCall.failure("EVP_PKEY_CTX_new") }
        defer { EVP_PKEY_CTX_free(ctx) }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen_init(ctx) == 1, EVP_PKEY_keygen(ctx, &key) == 1, let key else {
            throw OpenSSLCall.failure("EVP_PKEY_keygen")
        }
        return PrivateKey(owning: key)
    }

    /// The public point of `key`, uncompressed (`04 || X || Y`).
    static func publicPoint(_ key: OpaquePointer) throws(EMRTDError) -> [UInt8] {
        var buffer: UnsafeMutablePointer<UInt8>?
        let length = EVP_PKEY_get1_encoded_public_key(key, &buffer)
        guard length > 0, let buffer else { throw OpenSSLCall.failure("EVP_PKEY_get1_encoded_public_key") }
        defer { CRYPTO_free(buffer, #fileID, #line) }
        return Array(UnsafeBufferPointer(start: buffer, count: length))
    }

    /// A public key with `point` on the domain parameters of `template`: the template's
    /// SubjectPublicKeyInfo with its BIT STRING replaced, parsed back (libcrypto then checks
    /// that the point lies on the curve).
    static func publicKey(point: [UInt8], like template: OpaquePointer) throws(EMRTDError) -> PublicKey {
        let spki = LibCrypto.encode { i2d_PUBKEY(template, $0) }
        let algorithm: TLV
        do {
            let outer = try TLV.parseSingle(spki)
            guard let first = try TLV.parseAll(outer.value).first else { throw EMRTDError.tlv(.truncated, offset: 0) }
            algorithm = first
        } catch {
            throw .crypto(function: "publicKey(point:)", reason: "template key has no readable SubjectPublicKeyInfo")
        }
        guard point.first == 0x04 else {
            throw .authenticationFailed("ephemeral public key is not an uncompressed EC point")
        }
        let rebuilt = TLV.encode(0x30, TLV.encode(algorithm.tag, algorithm.value) + TLV.encode(0x03, [0x00] + point))
        do {
            return try PublicKey(subjectPublicKeyInfo: rebuilt, source: "ephemeral key")
        } catch {
            throw .authenticationFailed("ephemeral public key is not a point on the chip's curve")
        }
    }

    /// The ECDH shared secret: the x-coordinate of `privateKey · peer`, field-size bytes.
    static func sharedSecret(privateKey: OpaquePointer, peer: OpaquePointer) throws(EMRTDError) -> [UInt8] {
        guard let ctx = EVP_PKEY_CTX_new(privateKey, nil) else { throw OpenSSLCall.failure("EVP_PKEY_CTX_new") }
        defer { EVP_PKEY_CTX_free(ctx) }
        var length = 0
        guard EVP_PKEY_derive_init(ctx) == 1, EVP_PKEY_derive_set_peer(ctx, peer) == 1,
              EVP_PKEY_derive(ctx, nil, &length) == 1 else { throw OpenSSLCall.failure("EVP_PKEY_derive") }
        var secret = [UInt8](repeating: 0, count: length)
        guard EVP_PKEY_derive(ctx, &secret, &length) == 1 else { throw OpenSSLCall.failure("EVP_PKEY_derive") }
        return Array(secret.prefix(length))
    }
}
