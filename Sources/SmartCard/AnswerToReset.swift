/// The card's answer to reset (ISO/IEC 7816-3 §8), with the parts a terminal acts on.
public struct AnswerToReset: Hashable, Sendable, CustomStringConvertible {
    /// The ATR as received.
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The historical bytes (T0's low nibble tells how many), or empty if the ATR is truncated.
    public var historicalBytes: [UInt8] {
        guard bytes.count >= 2 else { return [] }
        let count = Int(bytes[1] & 0x0F)
        var index = 2
        var indicator = bytes[1]
        while true {
            for bit in [UInt8(0x10), 0x20, 0x40] where indicator & bit != 0 { index += 1 }
            guard indicator & 0x80 != 0 else { break }
            guard index < bytes.count else { return [] }
            indicator = bytes[index]
            index += 1
        }
        guard index + count <= bytes.count else { return [] }
        return Array(bytes[index..<(index + count)])
    }

    /// What the card says about extended Lc/Le (third software function byte of the card
    /// capabilities, compact-TLV tag `7`, ISO/IEC 7816-4 §8.1.1.2.7); `nil` when it does not say.
    public var supportsExtendedLength: Bool? {
        let historical = historicalBytes
        guard let category = historical.first, category == 0x80 || category == 0x00 else { return nil }
        var index = 1
        let end = category == 0x00 ? historical.count - 3 : historical.count
        while index < end {
            let tag = historical[index] >> 4
            let length = Int(historical[index] & 0x0F)
            let value = historical[(index + 1)..<min(index + 1 + length, end)]
            if tag == 0x7, value.count >= 3 {
                return value[value.startIndex + 2] & 0x40 != 0
            }
            index += 1 + length
        }
        return nil
    }

    public var description: String { bytes.hexString }
}

extension [UInt8] {
    /// Upper-case hex without separators, for logs and error details of non-personal bytes.
    var hexString: String {
        map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return byte < 0x10 ? "0" + digits : digits
        }.joined()
    }
}
