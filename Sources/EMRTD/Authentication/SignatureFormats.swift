import COpenSSL

/// The signature encodings of active authentication: ISO/IEC 9796-2 digital signature scheme 1
/// with partial message recovery (RSA), and plain `r || s` ECDSA (BSI TR-03111), which
/// libcrypto verifies only in DER form.
enum SignatureFormats {
    /// Checks a recovered ISO/IEC 9796-2 scheme 1 message `F = 6A || M1 || H || trailer`
    /// against the non-recoverable part `m2` (the challenge). nil when it verifies, else why.
    static func iso9796Problem(recovered f: [UInt8], m2: [UInt8]) -> String? {
        guard f.count >= 24 else { return "recovered block too short" }
        let digest: DigestAlgorithm
        let trailerLength: Int
        if f.last == 0xBC {
            digest = .sha1
            trailerLength = 1
        } else if f.last == 0xCC, let id = DigestAlgorithm(iso9796Identifier: f[f.count - 2]) {
            digest = id
            trailerLength = 2
        } else {
            return "trailer \(String(format: "%02X", f.last ?? 0)) is neither BC nor a known hash identifier with CC"
        }
        guard f[0] == 0x6A else {
            return f[0] == 0x4B || f[0] == 0x6B ? "full message recovery is not what a chip answers" : "header \(String(format: "%02X", f[0])) is not 6A"
        }
        let hashStart = f.count - trailerLength - digest.size
        guard hashStart > 1 else { return "recovered block too short for \(digest.rawValue)" }
        let m1 = Array(f[1..<hashStart])
        let h = Array(f[hashStart..<(f.count - trailerLength)])
        guard let expected = try? digest.hash(m1 + m2) else { return "\(digest.rawValue) unavailable" }
        return expected == h ? nil : "the recovered hash does not match the challenge"
    }

    /// Builds the block a chip signs: `6A || M1 || SHA-1(M1 || m2) || BC`, `size` bytes long.
    static func iso9796Block(size: Int, m2: [UInt8]) throws(EMRTDError) -> [UInt8] {
        let m1 = try randomBytes(size - 2 - DigestAlgorithm.sha1.size)
        return [0x6A] + m1 + (try DigestAlgorithm.sha1.hash(m1 + m2)) + [0xBC]
    }

    /// DER `ECDSA-Sig-Value` from plain `r || s`; nil when the length is odd or empty.
    static func der(plain: [UInt8]) -> [UInt8]? {
        guard !plain.isEmpty, plain.count % 2 == 0 else { return nil }
        let half = plain.count / 2
        func integer(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
            var trimmed = Array(bytes.drop { $0 == 0 })
            if trimmed.isEmpty { trimmed = [0] }
            if trimmed[0] & 0x80 != 0 { trimmed.insert(0, at: 0) }
            return TLV.encode(0x02, trimmed)
        }
        return TLV.encode(0x30, integer(plain.prefix(half)) + integer(plain.suffix(half)))
    }

    /// Plain `r || s`, each `width` bytes, from a DER `ECDSA-Sig-Value`.
    static func plain(der: [UInt8], width: Int) throws(EMRTDError) -> [UInt8] {
        guard let sequence = try? TLV.parseSingle(der), sequence.tag == 0x30,
              let parts = try? sequence.children(), parts.count == 2 else {
            throw .crypto(function: "plain(der:)", reason: "not an ECDSA-Sig-Value")
        }
        var out: [UInt8] = []
        for part in parts {
            let value = Array(part.value.drop { $0 == 0 })
            guard value.count <= width else { throw .crypto(function: "plain(der:)", reason: "integer wider than the order") }
            out += [UInt8](repeating: 0, count: width - value.count) + value
        }
        return out
    }

    private static func randomBytes(_ count: Int) throws(EMRTDError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: max(0, count))
        guard RAND_bytes(&out, Int32(out.count)) == 1 else { throw OpenSSLCall.failure("RAND_bytes") }
        return out
    }
}
