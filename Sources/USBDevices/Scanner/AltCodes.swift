/// Characters typed as Alt + keypad digits (Windows convention): a leading 0 selects the
/// Windows-1252 code page, no leading 0 the OEM code page 437, and values above 255 are
/// Unicode code points (what scanners in "Unicode Alt mode" send).
enum AltCodes {
    static func character(digits: [UInt8]) -> Character? {
        guard !digits.isEmpty, digits.count <= 7 else { return nil }
        let value = digits.reduce(0) { $0 * 10 + Int($1) }
        if value > 255 { return Unicode.Scalar(UInt32(value)).map(Character.init) }
        if value < 128 { return value == 0 ? nil : Character(Unicode.Scalar(UInt8(value))) }
        if digits.first == 0 { return windows1252(UInt8(value)) }
        return cp437High[value - 128]
    }

    /// Windows-1252 0x80–0x9F differ from Latin-1; the rest of the upper half is Latin-1.
    static func windows1252(_ byte: UInt8) -> Character? {
        if byte >= 0xA0 { return Character(Unicode.Scalar(byte)) }
        let table: [UInt8: UInt32] = [
            0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
            0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018,
            0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC,
            0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
        ]
        return table[byte].flatMap(Unicode.Scalar.init).map(Character.init)
    }

    /// Code page 437, 0x80–0xFF.
    static let cp437High: [Character] = Array(
        "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{00A0}")
}
