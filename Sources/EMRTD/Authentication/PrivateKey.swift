import COpenSSL

/// A private key held by libcrypto, loaded from PKCS#8 PEM or DER: the chip side of chip and
/// active authentication in the virtual card.
///
/// Immutable after creation, hence `@unchecked Sendable`.
public final class PrivateKey: @unchecked Sendable {
    let handle: OpaquePointer

    init(owning handle: OpaquePointer) { self.handle = handle }

    deinit { EVP_PKEY_free(handle) }

    /// Loads a PEM (`BEGIN PRIVATE KEY` and the like) or DER private key.
    public convenience init(encoded bytes: [UInt8]) throws(EMRTDError) {
        var parsed = LibCrypto.withMemoryBIO(bytes) { PEM_read_bio_PrivateKey($0, nil, nil, nil) }
        if parsed == nil {
            parsed = bytes.withUnsafeBufferPointer { buffer in
                var cursor = buffer.baseAddress
                return d2i_AutoPrivateKey(nil, &cursor, buffer.count)
            }
        }
        ERR_clear_error()
        guard let parsed else { throw .malformedFile(file: "private key", reason: "neither PEM nor DER private key") }
        self.init(owning: parsed)
    }

    var isRSA: Bool { EVP_PKEY_get_base_id(handle) == EVP_PKEY_RSA }
    var isEC: Bool { EVP_PKEY_get_base_id(handle) == EVP_PKEY_EC }
    /// Modulus or signature size in bytes.
    var size: Int { Int(EVP_PKEY_get_size(handle)) }
    /// Key size in bits.
    var bits: Int { Int(EVP_PKEY_get_bits(handle)) }

    /// The DER `SubjectPublicKeyInfo` of the matching public key.
    var subjectPublicKeyInfo: [UInt8] {
        LibCrypto.encode { i2d_PUBKEY(handle, $0) }
    }

    /// The RSA private operation `m^d mod n` on a modulus-sized block, without padding.
    func rsaSignRaw(_ block: [UInt8]) throws(EMRTDError) -> [UInt8] {
        guard let ctx = EVP_PKEY_CTX_new(handle, nil) else { throw OpenSSLCall.failure("EVP_PKEY_CTX_new") }
        defer { EVP_PKEY_CTX_free(ctx) }
        var out = [UInt8](repeating: 0, count: size)
        var length = out.count
        guard EVP_PKEY_sign_init(ctx) == 1,
              EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_NO_PADDING) == 1,
              EVP_PKEY_sign(ctx, &out, &length, block, block.count) == 1 else {
            throw OpenSSLCall.failure("EVP_PKEY_sign(RSA raw)")
        }
        return Array(out.prefix(length))
    }

    /// A DER ECDSA or PKCS#1 v1.5 signature of `message` hashed with `digest`.
    func sign(_ message: [UInt8], digest: OpaquePointer?) throws(EMRTDError) -> [UInt8] {
        guard let ctx = EVP_MD_CTX_new() else { throw OpenSSLCall.failure("EVP_MD_CTX_new") }
        defer { EVP_MD_CTX_free(ctx) }
        guard EVP_DigestSignInit(ctx, nil, digest, nil, handle) == 1 else { throw OpenSSLCall.failure("EVP_DigestSignInit") }
        var length = 0
        guard EVP_DigestSign(ctx, nil, &length, message, message.count) == 1 else { throw OpenSSLCall.failure("EVP_DigestSign") }
        var out = [UInt8](repeating: 0, count: length)
        guard EVP_DigestSign(ctx, &out, &length, message, message.count) == 1 else { throw OpenSSLCall.failure("EVP_DigestSign") }
        return Array(out.prefix(length))
    }
}
