import COpenSSL
import EMRTD

/// Builds EF.SOD: an `LDSSecurityObject` (ICAO 9303-10 §4.6.2) with the SHA-256 hash of each
/// data group, wrapped in a CMS `SignedData` signed by the Document Signer, inside tag 77.
enum SecurityObjectSigner {
    /// id-icao-mrtd-security-ldsSecurityObject, 2.23.136.1.1.1.
    static let ldsSecurityObjectOID = "2.23.136.1.1.1"
    /// id-sha256, 2.16.840.1.101.3.4.2.1.
    static let sha256OID: [UInt8] = [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01]

    /// EF.SOD over `dataGroups` (data-group number → file bytes).
    static func securityObject(dataGroups: [Int: [UInt8]], certificatePEM: [UInt8], keyPEM: [UInt8]) throws(VirtualCardError) -> [UInt8] {
        var hashes: [UInt8] = []
        for number in dataGroups.keys.sorted() {
            hashes += TLV.encode(0x30, TLV.encode(0x02, [UInt8(number)]) + TLV.encode(0x04, try sha256(dataGroups[number]!)))
        }
        let algorithm = TLV.encode(0x30, TLV.encode(0x06, sha256OID) + [0x05, 0x00])
        let content = TLV.encode(0x30, TLV.encode(0x02, [0x00]) + algorithm + TLV.encode(0x30, hashes))
        return TLV.encode(0x77, try sign(content, certificatePEM: certificatePEM, keyPEM: keyPEM))
    }

    static func sha256(_ data: [UInt8]) throws(VirtualCardError) -> [UInt8] {
        do {
            return try DigestAlgorithm.sha256.hash(data)
        } catch {
            throw .files("SHA-256: \(error.detail)")
        }
    }

    /// A DER `ContentInfo` of a CMS `SignedData` with `content` encapsulated (as `openssl cms
    /// -sign -binary -nodetach -nosmimecap -econtent_type`), the signer's certificate included.
    private static func sign(_ content: [UInt8], certificatePEM: [UInt8], keyPEM: [UInt8]) throws(VirtualCardError) -> [UInt8] {
        let certificateBIO = BIO_new_mem_buf(certificatePEM, Int32(certificatePEM.count))
        let keyBIO = BIO_new_mem_buf(keyPEM, Int32(keyPEM.count))
        let contentBIO = BIO_new_mem_buf(content, Int32(content.count))
        defer {
            BIO_free(certificateBIO)
            BIO_free(keyBIO)
            BIO_free(contentBIO)
        }
        guard let certificate = PEM_read_bio_X509(certificateBIO, nil, nil, nil) else { throw .files("Document Signer certificate unreadable") }
        defer { X509_free(certificate) }
        guard let key = PEM_read_bio_PrivateKey(keyBIO, nil, nil, nil) else { throw .files("Document Signer key unreadable") }
        defer { EVP_PKEY_free(key) }

        let flags = UInt32(CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP)
        guard let cms = CMS_sign(nil, nil, nil, nil, flags) else { throw .files("CMS_sign failed") }
        defer { CMS_ContentInfo_free(cms) }
        guard let type = OBJ_txt2obj(ldsSecurityObjectOID, 1) else { throw .files("OBJ_txt2obj failed") }
        defer { ASN1_OBJECT_free(type) }
        guard CMS_set1_eContentType(cms, type) == 1 else { throw .files("CMS_set1_eContentType failed") }
        guard CMS_add1_signer(cms, certificate, key, EVP_sha256(), flags) != nil else { throw .files("CMS_add1_signer failed") }
        guard CMS_final(cms, contentBIO, nil, flags) == 1 else { throw .files("CMS_final failed") }

        let length = i2d_CMS_ContentInfo(cms, nil)
        guard length > 0 else { throw .files("i2d_CMS_ContentInfo failed") }
        var der = [UInt8](repeating: 0, count: Int(length))
        let written = der.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d_CMS_ContentInfo(cms, &cursor)
        }
        guard written == length else { throw .files("i2d_CMS_ContentInfo wrote \(written) of \(length) bytes") }
        return der
    }
}
