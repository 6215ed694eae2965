/// The `LDSSecurityObject` signed inside EF.SOD (ICAO 9303-10 §4.6.2.2): the hash algorithm
/// and one hash per data group.
public struct LDSSecurityObject: Sendable, Equatable {
    /// id-icao-mrtd-security-ldsSecurityObject.
    public static let contentType = "2.23.136.1.1.1"

    /// Version (0, or 1 with LDS version info).
    public let version: Int
    /// The hash algorithm of every data-group hash.
    public let digest: DigestAlgorithm
    /// Data-group number → hash.
    public let hashes: [Int: [UInt8]]

    /// Parses the DER eContent.
    public init(der: [UInt8]) throws(EMRTDError) {
        func bad(_ why: String) -> EMRTDError { .malformedFile(file: "EF.SOD", reason: "LDSSecurityObject: \(why)") }
        let fields: [TLV]
        do {
            let root = try TLV.parseSingle(der)
            guard root.tag == 0x30 else { throw bad("not a SEQUENCE") }
            fields = try root.children()
        } catch let error as EMRTDError {
            throw error.code == "emrtd.file.malformed" ? error : bad("unreadable DER (\(error.detail))")
        } catch {
            throw bad("unreadable DER")
        }
        guard fields.count >= 3, fields[0].tag == 0x02, fields[1].tag == 0x30, fields[2].tag == 0x30 else {
            throw bad("expected version, hashAlgorithm, dataGroupHashValues")
        }
        guard fields[0].value.count == 1, fields[0].value[0] <= 1 else { throw bad("version is not 0 or 1") }
        version = Int(fields[0].value[0])
        let algorithm: [TLV]
        do { algorithm = try fields[1].children() } catch { throw bad("hashAlgorithm unreadable") }
        guard let oid = algorithm.first, oid.tag == 0x06 else { throw bad("hashAlgorithm has no OID") }
        let dotted = OIDText.dotted(oid.value)
        guard let digest = DigestAlgorithm(oid: dotted) else { throw bad("hash algorithm \(dotted) is not SHA-1 or SHA-2") }
        self.digest = digest
        var hashes: [Int: [UInt8]] = [:]
        let entries: [TLV]
        do { entries = try fields[2].children() } catch { throw bad("dataGroupHashValues unreadable") }
        for entry in entries {
            guard entry.tag == 0x30, let parts = try? entry.children(), parts.count == 2,
                  parts[0].tag == 0x02, parts[0].value.count == 1, parts[1].tag == 0x04 else {
                throw bad("a DataGroupHash is not {INTEGER, OCTET STRING}")
            }
            let number = Int(parts[0].value[0])
            guard (1...16).contains(number) else { throw bad("data-group number \(number) outside 1-16") }
            guard parts[1].value.count == digest.size else { throw bad("DG\(number) hash is not \(digest.size) bytes") }
            guard hashes[number] == nil else { throw bad("DG\(number) listed twice") }
            hashes[number] = parts[1].value
        }
        guard !hashes.isEmpty else { throw bad("no data-group hashes") }
        self.hashes = hashes
    }
}

/// Dotted text of DER OID content bytes, without libcrypto (for parsers that must not allocate
/// native objects on hostile input).
enum OIDText {
    static func dotted(_ content: [UInt8]) -> String {
        guard let first = content.first else { return "" }
        var parts: [UInt] = [UInt(min(first / 40, 2)), UInt(first) - UInt(min(first / 40, 2)) * 40]
        var value: UInt = 0
        for byte in content.dropFirst() {
            guard value < (UInt.max >> 7) else { return "" }
            value = value << 7 | UInt(byte & 0x7F)
            if byte & 0x80 == 0 {
                parts.append(value)
                value = 0
            }
        }
        return parts.map(String.init).joined(separator: ".")
    }
}
