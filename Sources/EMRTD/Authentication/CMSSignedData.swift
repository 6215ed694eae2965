import COpenSSL
import Foundation

/// A CMS `SignedData` with encapsulated content, as EF.SOD and CSCA master lists carry it:
/// the content type and bytes, the certificates it includes, and its signature check.
///
/// Holds a libcrypto `CMS_ContentInfo`; used from one thread at a time.
final class CMSSignedData {
    private let handle: OpaquePointer
    /// Dotted OID of the encapsulated content type.
    let contentType: String
    /// The encapsulated content (eContent) bytes.
    let content: [UInt8]

    /// Parses a DER `ContentInfo`; `source` names the file in errors.
    init(der: [UInt8], source: String) throws(EMRTDError) {
        let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_CMS_ContentInfo(nil, &cursor, buffer.count)
        }
        guard let parsed else {
            ERR_clear_error()
            throw .malformedFile(file: source, reason: "not a DER CMS ContentInfo")
        }
        handle = parsed
        guard LibCrypto.dotted(CMS_get0_type(parsed)) == "1.2.840.113549.1.7.2" else {
            CMS_ContentInfo_free(parsed)
            throw .malformedFile(file: source, reason: "CMS content is not SignedData")
        }
        contentType = LibCrypto.dotted(CMS_get0_eContentType(parsed))
        guard let pointer = CMS_get0_content(parsed), let octets = pointer.pointee else {
            CMS_ContentInfo_free(parsed)
            throw .malformedFile(file: source, reason: "SignedData has no encapsulated content")
        }
        content = LibCrypto.bytes(UnsafePointer(octets))
    }

    deinit { CMS_ContentInfo_free(handle) }

    /// The certificates the SignedData carries.
    var certificates: [X509Certificate] {
        guard let stack = CMS_get1_certs(handle) else { return [] }
        defer { OPENSSL_sk_pop_free(stack) { X509_free(OpaquePointer($0)) } }
        return LibCrypto.elements(stack).map { X509Certificate(retaining: $0) }
    }

    private var signerInfos: [OpaquePointer] {
        LibCrypto.elements(CMS_get0_SignerInfos(handle))
    }

    /// Number of SignerInfos (ICAO requires exactly one).
    var signerCount: Int { signerInfos.count }

    /// The included certificate that the first SignerInfo names (issuer and serial, or subject
    /// key identifier).
    var signerCertificate: X509Certificate? {
        guard let signer = signerInfos.first else { return nil }
        return certificates.first { CMS_SignerInfo_cert_cmp(signer, $0.handle) == 0 }
    }

    /// The signingTime signed attribute of the first SignerInfo, when present.
    var signingTime: Date? {
        guard let signer = signerInfos.first else { return nil }
        let index = CMS_signed_get_attr_by_NID(signer, NID_pkcs9_signingTime, -1)
        guard index >= 0, let attribute = CMS_signed_get_attr(signer, index) else { return nil }
        for type in [V_ASN1_UTCTIME, V_ASN1_GENERALIZEDTIME] {
            if let raw = X509_ATTRIBUTE_get0_data(attribute, 0, type, nil) {
                return LibCrypto.date(UnsafePointer(raw.assumingMemoryBound(to: ASN1_TIME.self)))
            }
        }
        ERR_clear_error()
        return nil
    }

    /// Verifies the signature of every SignerInfo with the certificate the SignedData carries
    /// (signed attributes and message digest included), without judging the certificate itself.
    /// Returns nil when it verifies, else libcrypto's reason.
    func signatureProblem() -> String? {
        let flags = UInt32(CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY)
        if CMS_verify(handle, nil, nil, nil, nil, flags) == 1 { return nil }
        return OpenSSLCall.failure("CMS_verify").detail
    }
}
