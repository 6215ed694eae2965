import COpenSSL

/// A keyed hash of a document number: lets the kiosk recognise the same card across records
/// without storing the number itself. HMAC-SHA-256 with the kiosk's own secret, hex.
public enum DocumentHash {
    /// HMAC-SHA-256 of `documentNumber` under `secret`, lowercase hex.
    public static func hmac(documentNumber: String, secret: [UInt8]) throws(EMRTDError) -> String {
        var out = [UInt8](repeating: 0, count: 32)
        var length = 0
        let message = Array(documentNumber.utf8)
        guard EVP_Q_mac(nil, "HMAC", nil, "SHA256", nil, secret, secret.count, message, message.count, &out, out.count, &length) != nil else {
            throw OpenSSLCall.failure("EVP_Q_mac(HMAC-SHA256)")
        }
        return Array(out.prefix(length)).hexString.lowercased()
    }
}
