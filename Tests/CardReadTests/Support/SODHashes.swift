import EMRTD

/// The data-group hashes inside EF.SOD: 77 { ContentInfo { OID, [0] { SignedData { version,
/// digestAlgorithms, encapContentInfo { OID, [0] { OCTET STRING LDSSecurityObject } } … } } } }.
/// Framing only: the signature is verified by passive authentication, not here.
enum SODHashes {
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    static func hashes(_ sod: [UInt8]) throws -> [Int: [UInt8]] {
        let contentInfo = try SecurityObject(bytes: sod).contentInfo
        let info = try TLV.parseSingle(contentInfo).children()
        guard info.count == 2, info[1].tag == 0xA0 else { throw Malformed(description: "ContentInfo shape") }
        let signedData = try info[1].children()[0].children()
        guard signedData.count >= 4, signedData[2].tag == 0x30 else { throw Malformed(description: "SignedData shape") }
        let encapsulated = try signedData[2].children()
        guard encapsulated.count == 2, encapsulated[1].tag == 0xA0 else { throw Malformed(description: "no eContent") }
        let octets = try encapsulated[1].children()[0]
        guard octets.tag == 0x04 else { throw Malformed(description: "eContent is not an OCTET STRING") }
        let lds = try TLV.parseSingle(octets.value).children()
        guard lds.count >= 3 else { throw Malformed(description: "LDSSecurityObject shape") }
        var result: [Int: [UInt8]] = [:]
        for entry in try lds[2].children() {
            let parts = try entry.children()
            guard parts.count == 2, parts[0].tag == 0x02, parts[1].tag == 0x04 else { throw Malformed(description: "DataGroupHash shape") }
            result[parts[0].value.reduce(0) { $0 << 8 | Int($1) }] = parts[1].value
        }
        return result
    }
}
