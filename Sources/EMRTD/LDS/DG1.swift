/// DG1 (tag 61): the MRZ as stored on the chip (data element 5F1F).
public struct DG1: Sendable, Equatable, CustomStringConvertible {
    public var description: String { "DG1(<redacted>)" }

    /// The parsed MRZ, check digits verified.
    public let mrz: MRZ

    /// Parses the file bytes.
    public init(bytes: [UInt8]) throws {
        let root = try TLV.parseSingle(bytes, allowTrailing: true)
        guard root.tag == 0x61, let field = try root.child(0x5F1F) else {
            throw EMRTDError.malformedFile(file: "DG1", reason: "no 61/5F1F MRZ")
        }
        guard field.value.allSatisfy({ $0 < 0x80 }) else {
            throw EMRTDError.malformedFile(file: "DG1", reason: "MRZ is not ASCII")
        }
        mrz = try MRZ(String(decoding: field.value, as: UTF8.self))
    }
}
