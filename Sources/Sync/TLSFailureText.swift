import NIOSSL

/// Operator-facing words for a failed TLS connection to the upstream: which side refused
/// whom, and which config key to look at; the library's own text follows.
enum TLSFailureText {
    /// Alerts the server sends when it does not accept the kiosk's client certificate.
    static let clientCertificateAlerts = [
        "TLSV1_ALERT_CERTIFICATE_REQUIRED", "TLSV1_ALERT_UNKNOWN_CA", "SSLV3_ALERT_BAD_CERTIFICATE",
        "SSLV3_ALERT_CERTIFICATE_UNKNOWN", "TLSV1_ALERT_ACCESS_DENIED", "SSLV3_ALERT_CERTIFICATE_EXPIRED",
    ]

    /// A description of `error` when it is a TLS failure, else nil.
    /// The sentence for a server certificate the kiosk does not trust, with the TLS library's `reason`.
    static func untrusted(_ reason: String) -> String {
        "TLS: the server's certificate is not trusted (it is not signed by the upstream ca_file, or by the "
            + "system's certificate authorities when none is set, or it does not name the host): \(reason)"
    }

    static func describe(_ error: any Error) -> String? {
        let text: String
        if let error = error as? NIOSSLError, case .handshakeFailed(let reason) = error {
            text = "\(reason)"
        } else if let error = error as? BoringSSLError {
            text = "\(error)"
        } else {
            return nil
        }
        if text.contains("CERTIFICATE_VERIFY_FAILED") { return untrusted(text) }
        if clientCertificateAlerts.contains(where: text.contains) {
            return "TLS: the server refused the kiosk's client certificate (none is set in [upstream] client_certificate/"
                + "client_key, or it is not signed by a CA the server trusts, or it has expired): \(text)"
        }
        return "TLS handshake failed: \(text)"
    }
}
