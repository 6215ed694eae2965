/// One EMVCo MPM data object: a two-digit tag ID, a two-digit length (a byte count) and the value.
struct EMVDataObject {
    /// Two decimal digits.
    let tag: String
    /// The value bytes.
    let value: ArraySlice<UInt8>
    /// Byte offset of the tag ID in the whole payload.
    let offset: Int

    /// Walks the data objects laid end to end in `bytes[range]`; `parent` is the dotted tag path of
    /// the enclosing template, used to name the tag at fault. Never traps on any input.
    static func objects(in bytes: [UInt8], range: Range<Int>, parent: String) throws(PaymentsError) -> [EMVDataObject] {
        var objects: [EMVDataObject] = []
        var seen: Set<String> = []
        var position = range.lowerBound
        while position < range.upperBound {
            let remaining = range.upperBound - position
            guard remaining >= 4 else {
                throw .vietQRPayload(.truncated(needed: 4, available: remaining), tag: parent, offset: position)
            }
            guard let tagNumber = twoDigits(bytes[position], bytes[position + 1]) else {
                throw .vietQRPayload(.malformedHeader, tag: parent, offset: position)
            }
            let tag = tagNumber < 10 ? "0\(tagNumber)" : "\(tagNumber)"
            let path = VietQRTag.path(parent, tag)
            guard let length = twoDigits(bytes[position + 2], bytes[position + 3]) else {
                throw .vietQRPayload(.malformedHeader, tag: path, offset: position)
            }
            let start = position + 4
            guard length <= range.upperBound - start else {
                throw .vietQRPayload(.truncated(needed: length, available: range.upperBound - start), tag: path, offset: position)
            }
            guard seen.insert(tag).inserted else {
                throw .vietQRPayload(.duplicate, tag: path, offset: position)
            }
            objects.append(EMVDataObject(tag: tag, value: bytes[start..<start + length], offset: position))
            position = start + length
        }
        return objects
    }

    /// Appends `tag`, the two-digit byte length and `value`; the caller has checked `value.count <= 99`.
    static func append(tag: String, value: some Collection<UInt8>, to out: inout [UInt8]) {
        out.append(contentsOf: tag.utf8)
        out.append(UInt8(ascii: "0") + UInt8(value.count / 10))
        out.append(UInt8(ascii: "0") + UInt8(value.count % 10))
        out.append(contentsOf: value)
    }

    private static func twoDigits(_ high: UInt8, _ low: UInt8) -> Int? {
        let zero = UInt8(ascii: "0")
        guard (zero...zero + 9).contains(high), (zero...zero + 9).contains(low) else { return nil }
        return Int(high - zero) * 10 + Int(low - zero)
    }
}
