/// CRC-16/CCITT-FALSE as EMVCo MPM tag 63 uses it: polynomial 0x1021, initial value 0xFFFF, no
/// reflection, no final XOR. Check value: "123456789" → 0x29B1.
enum CRC16 {
    private static let table: [UInt16] = (0...255).map { byte in
        var crc = UInt16(byte) << 8
        for _ in 0..<8 { crc = crc & 0x8000 != 0 ? (crc << 1) ^ 0x1021 : crc << 1 }
        return crc
    }

    static func checksum(_ bytes: some Sequence<UInt8>) -> UInt16 {
        var crc: UInt16 = 0xFFFF
        for byte in bytes {
            crc = (crc << 8) ^ table[Int((crc >> 8) ^ UInt16(byte))]
        }
        return crc
    }

    /// The four uppercase hexadecimal digits written in tag 63.
    static func hex(_ value: UInt16) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([12, 8, 4, 0].map { digits[Int(value >> UInt16($0)) & 0xF] })
    }
}
