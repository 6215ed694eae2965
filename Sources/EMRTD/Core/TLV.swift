// BER-TLV as the chip uses it (ISO/IEC 7816-4 interindustry data objects, ICAO 9303-10 LDS).
//
// This walker is hand-written rather than built on swift-asn1 on purpose: card files and secure
// messaging objects are walked from partial buffers (the first chunk of a file tells its total
// length), errors must carry the byte offset where the damage is, one odd field must not sink the
// whole file (swift-asn1 parses a whole tree eagerly and fails on the first bad node), and the
// exact received encoding of secure-messaging objects is needed to recompute MACs. swift-asn1 is
// used where real ASN.1 types matter (SecurityInfos in EF.CardAccess and DG14, OIDs).

/// One BER-TLV data object: a tag of up to three bytes, a definite length and the value bytes.
public struct TLV: Sendable, Equatable {
    /// The tag bytes read as a big-endian number (`0x61`, `0x5F1F`, `0x7F61`).
    public let tag: UInt32
    /// The value bytes.
    public let value: [UInt8]
    /// Offset of the first tag byte within the buffer that was parsed.
    public let offset: Int
    /// Number of tag and length bytes before the value.
    public let headerLength: Int

    /// Creates an object for encoding.
    public init(tag: UInt32, value: [UInt8]) {
        self.tag = tag
        self.value = value
        self.offset = 0
        self.headerLength = TLV.encodeTag(tag).count + TLV.encodeLength(value.count).count
    }

    init(tag: UInt32, value: [UInt8], offset: Int, headerLength: Int) {
        self.tag = tag
        self.value = value
        self.offset = offset
        self.headerLength = headerLength
    }

    /// Whether the tag's constructed bit (b6 of the first tag byte) is set.
    public var isConstructed: Bool {
        var first = tag
        while first > 0xFF { first >>= 8 }
        return first & 0x20 != 0
    }

    /// The minimal DER-style encoding (tag, shortest length form, value).
    public var encoded: [UInt8] { TLV.encodeTag(tag) + TLV.encodeLength(value.count) + value }

    /// Parses the value of a constructed object into its children. Offsets in errors and in the
    /// children are relative to the same buffer this object came from.
    public func children() throws -> [TLV] {
        try TLV.parseAll(value, baseOffset: offset + headerLength)
    }

    /// The first child with `tag`, or nil.
    public func child(_ tag: UInt32) throws -> TLV? {
        try children().first { $0.tag == tag }
    }

    /// Parses a sequence of objects that fills `bytes` exactly.
    public static func parseAll(_ bytes: [UInt8], baseOffset: Int = 0) throws -> [TLV] {
        var out: [TLV] = []
        var index = 0
        while index < bytes.count {
            let object = try parse(bytes, at: index, baseOffset: baseOffset)
            out.append(object)
            index += object.headerLength + object.value.count
        }
        return out
    }

    /// Parses one object at the start of `bytes`; trailing bytes are an error unless allowed
    /// (card files may be padded after their single top-level object).
    public static func parseSingle(_ bytes: [UInt8], allowTrailing: Bool = false) throws -> TLV {
        let object = try parse(bytes, at: 0, baseOffset: 0)
        let end = object.headerLength + object.value.count
        if !allowTrailing && end != bytes.count {
            throw EMRTDError.tlv(.trailingBytes, offset: end)
        }
        return object
    }

    /// Reads only the tag and length at the start of `bytes` (a partial file), returning the tag,
    /// the header length and the declared value length.
    public static func header(_ bytes: [UInt8]) throws -> (tag: UInt32, headerLength: Int, valueLength: Int) {
        var index = 0
        let tag = try readTag(bytes, &index, baseOffset: 0)
        let length = try readLength(bytes, &index, baseOffset: 0)
        return (tag, index, length)
    }

    static func parse(_ bytes: [UInt8], at start: Int, baseOffset: Int) throws -> TLV {
        var index = start
        let tag = try readTag(bytes, &index, baseOffset: baseOffset)
        let length = try readLength(bytes, &index, baseOffset: baseOffset)
        guard length <= bytes.count - index else {
            throw EMRTDError.tlv(.truncated, offset: baseOffset + index)
        }
        return TLV(tag: tag, value: Array(bytes[index..<(index + length)]),
                   offset: baseOffset + start, headerLength: index - start)
    }

    static func readTag(_ bytes: [UInt8], _ index: inout Int, baseOffset: Int) throws -> UInt32 {
        let start = index
        guard index < bytes.count else { throw EMRTDError.tlv(.truncated, offset: baseOffset + index) }
        var tag = UInt32(bytes[index])
        index += 1
        if tag & 0x1F == 0x1F {
            while true {
                guard index < bytes.count else { throw EMRTDError.tlv(.truncated, offset: baseOffset + index) }
                guard index - start < 3 else { throw EMRTDError.tlv(.overlongTag, offset: baseOffset + start) }
                let b = bytes[index]
                tag = tag << 8 | UInt32(b)
                index += 1
                if b & 0x80 == 0 { break }
            }
        }
        return tag
    }

    static func readLength(_ bytes: [UInt8], _ index: inout Int, baseOffset: Int) throws -> Int {
        let start = index
        guard index < bytes.count else { throw EMRTDError.tlv(.truncated, offset: baseOffset + index) }
        let first = bytes[index]
        index += 1
        if first < 0x80 { return Int(first) }
        if first == 0x80 { throw EMRTDError.tlv(.indefiniteLength, offset: baseOffset + start) }
        let count = Int(first & 0x7F)
        guard count <= 4 else { throw EMRTDError.tlv(.overlongLength, offset: baseOffset + start) }
        guard bytes.count - index >= count else { throw EMRTDError.tlv(.truncated, offset: baseOffset + index) }
        var length = 0
        for _ in 0..<count {
            length = length << 8 | Int(bytes[index])
            index += 1
        }
        return length
    }

    /// Tag bytes of a tag number as stored in ``tag``.
    public static func encodeTag(_ tag: UInt32) -> [UInt8] {
        if tag > 0xFFFF { return [UInt8(tag >> 16), UInt8(truncatingIfNeeded: tag >> 8), UInt8(truncatingIfNeeded: tag)] }
        if tag > 0xFF { return [UInt8(tag >> 8), UInt8(truncatingIfNeeded: tag)] }
        return [UInt8(tag)]
    }

    /// Shortest definite length encoding.
    public static func encodeLength(_ length: Int) -> [UInt8] {
        switch length {
        case ..<0x80: [UInt8(length)]
        case ..<0x100: [0x81, UInt8(length)]
        case ..<0x10000: [0x82, UInt8(length >> 8), UInt8(truncatingIfNeeded: length)]
        default: [0x83, UInt8(truncatingIfNeeded: length >> 16), UInt8(truncatingIfNeeded: length >> 8), UInt8(truncatingIfNeeded: length)]
        }
    }

    /// Encodes `tag` with `value` (shortest length form).
    public static func encode(_ tag: UInt32, _ value: [UInt8]) -> [UInt8] {
        encodeTag(tag) + encodeLength(value.count) + value
    }
}
