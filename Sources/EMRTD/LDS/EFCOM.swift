/// EF.COM (ICAO 9303-10 §4.6.1): LDS and Unicode versions and the tags of the data groups
/// present.
public struct EFCOM: Sendable, Equatable {
    /// LDS version `aabb` (e.g. `0107`).
    public let ldsVersion: String
    /// Unicode version `aabbcc`.
    public let unicodeVersion: String
    /// Data-group tags in the tag list (`61`, `75`, `6D`, ...).
    public let dataGroupTags: [UInt8]

    /// Parses the file bytes (tag 60).
    public init(bytes: [UInt8]) throws {
        let root = try TLV.parseSingle(bytes, allowTrailing: true)
        guard root.tag == 0x60 else { throw EMRTDError.malformedFile(file: "EF.COM", reason: "outer tag is not 60") }
        let children = try root.children()
        func text(_ tag: UInt32) -> String {
            children.first { $0.tag == tag }.map { String(decoding: $0.value, as: UTF8.self) } ?? ""
        }
        ldsVersion = text(0x5F01)
        unicodeVersion = text(0x5F36)
        guard let list = children.first(where: { $0.tag == 0x5C }) else {
            throw EMRTDError.malformedFile(file: "EF.COM", reason: "no tag list 5C")
        }
        dataGroupTags = list.value
    }

    /// The listed data groups this module knows, in list order.
    public var files: [LDSFile] { dataGroupTags.compactMap(LDSFile.dataGroup(tag:)) }
}
