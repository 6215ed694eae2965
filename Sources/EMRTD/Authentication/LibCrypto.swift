import COpenSSL
import Foundation

/// libcrypto plumbing shared by the certificate, CMS and key code: memory BIOs, DER output,
/// names, times, stacks.
enum LibCrypto {
    /// Runs `body` with a read-only memory BIO over `bytes`.
    static func withMemoryBIO<T>(_ bytes: [UInt8], _ body: (OpaquePointer) throws -> T) rethrows -> T {
        try bytes.withUnsafeBytes { raw in
            let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count))!
            defer { BIO_free(bio) }
            return try body(bio)
        }
    }

    /// The DER bytes an `i2d_*` function writes (called once for the size, once to write).
    static func encode(_ i2d: (UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?) -> Int32) -> [UInt8] {
        let length = i2d(nil)
        guard length > 0 else { ERR_clear_error(); return [] }
        var out = [UInt8](repeating: 0, count: Int(length))
        out.withUnsafeMutableBufferPointer { buffer in
            var cursor = buffer.baseAddress
            _ = i2d(&cursor)
        }
        return out
    }

    /// An `X509_NAME` as `CN=…, O=…, C=VN` (RFC 4514 order: most specific first), values in UTF-8.
    static func name(_ name: OpaquePointer?) -> String {
        guard let name else { return "" }
        var parts: [String] = []
        for index in 0..<X509_NAME_entry_count(name) {
            guard let entry = X509_NAME_get_entry(name, index), let data = X509_NAME_ENTRY_get_data(entry) else { continue }
            let nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(entry))
            let key = OBJ_nid2sn(nid).map { String(cString: $0) } ?? dotted(X509_NAME_ENTRY_get_object(entry))
            parts.append("\(key)=\(utf8(data))")
        }
        return parts.reversed().joined(separator: ", ")
    }

    /// An ASN1 string of any type converted to UTF-8.
    static func utf8(_ value: UnsafePointer<ASN1_STRING>) -> String {
        var out: UnsafeMutablePointer<UInt8>?
        let length = ASN1_STRING_to_UTF8(&out, value)
        guard length >= 0, let out else { ERR_clear_error(); return "" }
        defer { CRYPTO_free(out, #fileID, #line) }
        return String(decoding: UnsafeBufferPointer(start: out, count: Int(length)), as: UTF8.self)
    }

    /// The countryName of an `X509_NAME`.
    static func country(_ name: OpaquePointer?) -> String? {
        guard let name else { return nil }
        let index = X509_NAME_get_index_by_NID(name, NID_countryName, -1)
        guard index >= 0, let entry = X509_NAME_get_entry(name, index),
              let data = X509_NAME_ENTRY_get_data(entry) else { return nil }
        return utf8(data)
    }

    /// The bytes of an ASN1_STRING (OCTET STRING content).
    static func bytes(_ value: UnsafePointer<ASN1_STRING>) -> [UInt8] {
        let length = Int(ASN1_STRING_length(value))
        guard length > 0, let bytes = ASN1_STRING_get0_data(value) else { return [] }
        return Array(UnsafeBufferPointer(start: bytes, count: length))
    }

    /// Uppercase hex of an OCTET STRING.
    static func hex(octets: UnsafePointer<ASN1_STRING>) -> String {
        bytes(octets).hexString
    }

    /// Uppercase hex of an ASN1_INTEGER.
    static func hex(_ integer: UnsafePointer<ASN1_INTEGER>?) -> String {
        guard let integer, let bn = ASN1_INTEGER_to_BN(integer, nil) else { return "" }
        defer { BN_free(bn) }
        guard let text = BN_bn2hex(bn) else { return "" }
        defer { CRYPTO_free(text, #fileID, #line) }
        return String(cString: text)
    }

    /// An ASN1_TIME as a date.
    static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date? {
        guard let time else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else { ERR_clear_error(); return nil }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }

    /// The dotted text of an ASN1_OBJECT.
    static func dotted(_ object: OpaquePointer?) -> String {
        guard let object else { return "" }
        var buffer = [CChar](repeating: 0, count: 128)
        let length = OBJ_obj2txt(&buffer, Int32(buffer.count), object, 1)
        guard length > 0 else { return "" }
        return String(decoding: buffer.prefix(Int(min(length, 127))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The elements of an OpenSSL stack, without taking ownership.
    static func elements(_ stack: OpaquePointer?) -> [OpaquePointer] {
        guard let stack else { return [] }
        return (0..<OPENSSL_sk_num(stack)).compactMap { OpaquePointer(OPENSSL_sk_value(stack, $0)) }
    }
}
