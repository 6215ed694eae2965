import COpenSSL
public import Foundation

/// A CRL from the trust store, held by libcrypto.
///
/// Immutable after creation, hence `@unchecked Sendable`.
public final class CertificateRevocationList: @unchecked Sendable {
    let handle: OpaquePointer

    init(owning handle: OpaquePointer) { self.handle = handle }

    deinit { X509_CRL_free(handle) }

    /// Every CRL in `bytes`: PEM blocks, or one DER CRL.
    static func parse(_ bytes: [UInt8]) -> [CertificateRevocationList] {
        var found: [CertificateRevocationList] = LibCrypto.withMemoryBIO(bytes) { bio in
            var list: [CertificateRevocationList] = []
            while let next = PEM_read_bio_X509_CRL(bio, nil, nil, nil) {
                list.append(CertificateRevocationList(owning: next))
            }
            return list
        }
        if found.isEmpty {
            let der: OpaquePointer? = bytes.withUnsafeBufferPointer { buffer in
                var cursor = buffer.baseAddress
                return d2i_X509_CRL(nil, &cursor, buffer.count)
            }
            if let der { found.append(CertificateRevocationList(owning: der)) }
        }
        ERR_clear_error()
        return found
    }

    /// The issuing CSCA's name.
    public var issuer: String { LibCrypto.name(X509_CRL_get_issuer(handle)) }
    /// When it was issued.
    public var lastUpdate: Date? { LibCrypto.date(X509_CRL_get0_lastUpdate(handle)) }
    /// When the next one is due (a CRL past it is stale but still lists what it lists).
    public var nextUpdate: Date? { LibCrypto.date(X509_CRL_get0_nextUpdate(handle)) }
    /// Number of revoked certificates listed.
    public var revokedCount: Int {
        Int(X509_CRL_get_REVOKED(handle).map { OPENSSL_sk_num($0) } ?? 0)
    }

    /// Whether this CRL was issued by `issuer` (name match and signature).
    func isIssued(by issuer: X509Certificate) -> Bool {
        guard X509_NAME_cmp(X509_CRL_get_issuer(handle), X509_get_subject_name(issuer.handle)) == 0,
              let key = X509_get0_pubkey(issuer.handle) else { return false }
        defer { ERR_clear_error() }
        return X509_CRL_verify(handle, key) == 1
    }

    /// Whether `certificate`'s serial number is listed.
    func lists(_ certificate: X509Certificate) -> Bool {
        var entry: OpaquePointer?
        let serial = X509_get0_serialNumber(certificate.handle)
        return X509_CRL_get0_by_serial(handle, &entry, serial) == 1
    }
}
