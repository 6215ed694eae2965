/// EF.SOD (tag 77): the document security object, a CMS `SignedData` over the data-group
/// hashes. Only the framing is checked here; verification belongs to passive authentication.
public struct SecurityObject: Sendable, Equatable {
    /// The CMS `ContentInfo` (a DER SEQUENCE) inside tag 77.
    public let contentInfo: [UInt8]

    /// Unwraps the file bytes.
    public init(bytes: [UInt8]) throws {
        let root = try TLV.parseSingle(bytes, allowTrailing: true)
        guard root.tag == 0x77 else { throw EMRTDError.malformedFile(file: "EF.SOD", reason: "outer tag is not 77") }
        let inner = try TLV.parseSingle(root.value)
        guard inner.tag == 0x30 else { throw EMRTDError.malformedFile(file: "EF.SOD", reason: "content is not a SEQUENCE") }
        contentInfo = root.value
    }
}

/// DG15 (tag 6F): the chip's active-authentication public key.
public struct DG15: Sendable, Equatable {
    /// DER `SubjectPublicKeyInfo`.
    public let subjectPublicKeyInfo: [UInt8]

    /// Unwraps the file bytes.
    public init(bytes: [UInt8]) throws {
        let root = try TLV.parseSingle(bytes, allowTrailing: true)
        guard root.tag == 0x6F else { throw EMRTDError.malformedFile(file: "DG15", reason: "outer tag is not 6F") }
        let inner = try TLV.parseSingle(root.value)
        guard inner.tag == 0x30 else { throw EMRTDError.malformedFile(file: "DG15", reason: "content is not a SEQUENCE") }
        subjectPublicKeyInfo = root.value
    }
}
