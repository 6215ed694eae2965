import COpenSSL
public import Foundation

/// One X.509 certificate (a CSCA, a link certificate or a Document Signer) held by libcrypto,
/// with the fields the trust store and passive authentication report.
///
/// Immutable after creation; libcrypto allows concurrent read-only use of an `X509`, hence
/// `@unchecked Sendable`.
public final class X509Certificate: @unchecked Sendable, CustomStringConvertible {
    let handle: OpaquePointer
    /// The SHA-256 fingerprint of the DER encoding, uppercase hex: identifies a certificate
    /// across files.
    public let fingerprint: String

    /// Takes ownership of `handle` (one reference).
    init(owning handle: OpaquePointer) {
        self.handle = handle
        fingerprint = Self.fingerprint(of: handle)
    }

    /// Adds a reference to `handle`, which stays owned by its caller too.
    init(retaining handle: OpaquePointer) {
        X509_up_ref(handle)
        self.handle = handle
        fingerprint = Self.fingerprint(of: handle)
    }

    private static func fingerprint(of handle: OpaquePointer) -> String {
        ((try? DigestAlgorithm.sha256.hash(LibCrypto.encode { i2d_X509(handle, $0) })) ?? []).hexString
    }

    deinit { X509_free(handle) }

    /// Parses one DER certificate.
    public convenience init(der: [UInt8]) throws(EMRTDError) {
        let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_X509(nil, &cursor, buffer.count)
        }
        guard let parsed else {
            ERR_clear_error()
            throw .malformedFile(file: "certificate", reason: "not a DER X.509 certificate")
        }
        self.init(owning: parsed)
    }

    /// Every certificate in PEM text (`BEGIN CERTIFICATE` blocks, in order).
    public static func certificates(pem: [UInt8]) -> [X509Certificate] {
        LibCrypto.withMemoryBIO(pem) { bio in
            var found: [X509Certificate] = []
            while let next = PEM_read_bio_X509(bio, nil, nil, nil) {
                found.append(X509Certificate(owning: next))
            }
            ERR_clear_error()
            return found
        }
    }

    /// The DER encoding.
    public var der: [UInt8] {
        LibCrypto.encode { i2d_X509(handle, $0) }
    }

    /// Subject distinguished name in RFC 2253 form (`CN=…,O=…,C=VN`).
    public var subject: String { LibCrypto.name(X509_get_subject_name(handle)) }
    /// Issuer distinguished name in RFC 2253 form.
    public var issuer: String { LibCrypto.name(X509_get_issuer_name(handle)) }
    /// The country (C) of the subject, when present.
    public var country: String? { LibCrypto.country(X509_get_subject_name(handle)) }
    /// Serial number, uppercase hex.
    public var serialNumber: String { LibCrypto.hex(X509_get0_serialNumber(handle)) }
    /// Start of validity.
    public var notBefore: Date? { LibCrypto.date(X509_get0_notBefore(handle)) }
    /// End of validity.
    public var notAfter: Date? { LibCrypto.date(X509_get0_notAfter(handle)) }

    /// Whether the certificate may sign certificates (basicConstraints CA and, when present,
    /// keyUsage keyCertSign).
    public var isCertificateAuthority: Bool { X509_check_ca(handle) > 0 }

    /// Whether keyUsage allows digitalSignature (true when the extension is absent).
    public var allowsDigitalSignature: Bool {
        guard X509_get_extension_flags(handle) & UInt32(EXFLAG_KUSAGE) != 0 else { return true }
        return X509_get_key_usage(handle) & UInt32(KU_DIGITAL_SIGNATURE) != 0
    }

    /// Whether the subject and issuer names are equal and the certificate verifies with its own key.
    public var isSelfSigned: Bool { X509_self_signed(handle, 1) == 1 }

    /// Subject key identifier, uppercase hex, when present.
    public var subjectKeyIdentifier: String? {
        guard let ski = X509_get0_subject_key_id(handle) else { return nil }
        return LibCrypto.hex(octets: ski)
    }

    /// Key algorithm and size or curve, e.g. `EC brainpoolP512r1 (explicit parameters)` or `RSA 3072`.
    public var publicKeyDescription: String {
        guard let key = X509_get0_pubkey(handle) else { ERR_clear_error(); return "unreadable key" }
        return PublicKey.describe(key)
    }

    /// Whether the validity period contains `date`.
    public func isValid(at date: Date) -> Bool {
        guard let start = notBefore, let end = notAfter else { return false }
        return start <= date && date <= end
    }

    /// Subject, serial and validity; certificates carry no personal data.
    public var description: String { "\(subject) serial \(serialNumber)" }
}
