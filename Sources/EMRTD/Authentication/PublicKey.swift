import COpenSSL

/// A public key held by libcrypto (from a certificate, DG14 or DG15): RSA or EC on named or
/// explicit domain parameters.
///
/// Immutable after creation, hence `@unchecked Sendable`.
final class PublicKey: @unchecked Sendable {
    let handle: OpaquePointer

    init(owning handle: OpaquePointer) { self.handle = handle }

    deinit { EVP_PKEY_free(handle) }

    /// Parses a DER `SubjectPublicKeyInfo`; `source` names the file for the error.
    convenience init(subjectPublicKeyInfo der: [UInt8], source: String) throws(EMRTDError) {
        let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_PUBKEY(nil, &cursor, buffer.count)
        }
        guard let parsed else {
            ERR_clear_error()
            throw .malformedFile(file: source, reason: "public key is not a readable SubjectPublicKeyInfo")
        }
        self.init(owning: parsed)
    }

    var isRSA: Bool { EVP_PKEY_get_base_id(handle) == EVP_PKEY_RSA || EVP_PKEY_get_base_id(handle) == EVP_PKEY_RSA_PSS }
    var isEC: Bool { EVP_PKEY_get_base_id(handle) == EVP_PKEY_EC }
    /// Key size in bits (modulus or field).
    var bits: Int { Int(EVP_PKEY_get_bits(handle)) }
    /// Largest signature size in bytes.
    var maximumSignatureSize: Int { Int(EVP_PKEY_get_size(handle)) }

    /// Algorithm with size or curve, for reports.
    static func describe(_ key: OpaquePointer) -> String {
        let bits = Int(EVP_PKEY_get_bits(key))
        switch EVP_PKEY_get_base_id(key) {
        case EVP_PKEY_RSA: return "RSA \(bits)"
        case EVP_PKEY_RSA_PSS: return "RSA-PSS \(bits)"
        case EVP_PKEY_EC:
            // libcrypto names explicit parameters that match a known curve; say how they were encoded.
            let explicit = text(key, "encoding") == "explicit" ? " (explicit parameters)" : ""
            guard let name = text(key, "group") else { return "EC \(bits)-bit\(explicit)" }
            return "EC \(name)\(explicit)"
        default:
            return "key type \(EVP_PKEY_get_base_id(key)), \(bits) bits"
        }
    }

    /// A UTF-8 parameter of `key`, nil when absent.
    private static func text(_ key: OpaquePointer, _ name: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 80)
        var length = 0
        guard EVP_PKEY_get_utf8_string_param(key, name, &buffer, buffer.count, &length) == 1 else {
            ERR_clear_error()
            return nil
        }
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Verifies `signature` (DER for ECDSA, PKCS#1 v1.5 for RSA) over `message` hashed with `digest`.
    func verify(signature: [UInt8], message: [UInt8], digest: OpaquePointer?) -> Bool {
        guard let ctx = EVP_MD_CTX_new() else { return false }
        defer {
            EVP_MD_CTX_free(ctx)
            ERR_clear_error()
        }
        guard EVP_DigestVerifyInit(ctx, nil, digest, nil, handle) == 1 else { return false }
        return EVP_DigestVerify(ctx, signature, signature.count, message, message.count) == 1
    }

    /// The RSA public operation `s^e mod n` without padding (for ISO/IEC 9796-2 message recovery).
    func rsaRecover(_ signature: [UInt8]) throws(EMRTDError) -> [UInt8] {
        guard isRSA else { throw .unsupported("message recovery needs an RSA key") }
        guard let ctx = EVP_PKEY_CTX_new(handle, nil) else { throw OpenSSLCall.failure("EVP_PKEY_CTX_new") }
        defer { EVP_PKEY_CTX_free(ctx) }
        var out = [UInt8](repeating: 0, count: maximumSignatureSize)
        var length = out.count
        guard EVP_PKEY_verify_recover_init(ctx) == 1,
              EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_NO_PADDING) == 1,
              EVP_PKEY_verify_recover(ctx, &out, &length, signature, signature.count) == 1 else {
            throw OpenSSLCall.failure("EVP_PKEY_verify_recover")
        }
        // The raw result is the full modulus length; keep leading zeros.
        return [UInt8](repeating: 0, count: max(0, maximumSignatureSize - length)) + out.prefix(length)
    }
}
