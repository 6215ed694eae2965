import Foundation

/// Encodes Vietnamese text in Windows-1258, the code page printers carry for Vietnamese: base
/// letters (â ê ô ă ơ ư đ and Latin-1 letters) are single bytes and the five tone marks are
/// combining bytes that follow them (CCh grave, ECh acute, DEh tilde, D2h hook above, F2h dot
/// below). Letters that Windows-1258 has precomposed with a tone keep that byte.
public enum CP1258 {
    /// The bytes, or an ``USBError/invalidRequest(_:)`` naming the first character that cannot be encoded.
    public static func encode(_ text: String) throws(USBError) -> [UInt8] {
        var out: [UInt8] = []
        for character in text {
            let scalars = Array(String(character).decomposedStringWithCanonicalMapping.unicodeScalars)
            guard let base = scalars.first else { continue }
            let marks = scalars.dropFirst()
            let letterMarks = marks.filter { [0x302, 0x306, 0x31B].contains($0.value) }
            let toneMarks = marks.filter { ![0x302, 0x306, 0x31B].contains($0.value) }
            let letter = compose([base] + letterMarks)
            guard let letter, var letterByte = byte(of: letter) else {
                throw .invalidRequest("character U+\(String(character.unicodeScalars.first!.value, radix: 16, uppercase: true)) has no Windows-1258 encoding")
            }
            var tones: [UInt8] = []
            for tone in toneMarks {
                if tones.isEmpty, let precomposed = compose([letter, tone]), let single = byte(of: precomposed) {
                    letterByte = single
                    continue
                }
                guard let toneByte = toneBytes[tone.value] else {
                    throw .invalidRequest("combining mark U+\(String(tone.value, radix: 16, uppercase: true)) has no Windows-1258 encoding")
                }
                tones.append(toneByte)
            }
            out.append(letterByte)
            out += tones
        }
        return out
    }

    /// True when every character of `text` can be encoded.
    public static func canEncode(_ text: String) -> Bool { (try? encode(text)) != nil }

    private static func compose(_ scalars: [Unicode.Scalar]) -> Unicode.Scalar? {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars)
        let composed = String(s).precomposedStringWithCanonicalMapping.unicodeScalars
        return composed.count == 1 ? composed.first : nil
    }

    private static func byte(of scalar: Unicode.Scalar) -> UInt8? {
        if scalar.value < 0x80 { return UInt8(scalar.value) }
        return upperHalf[scalar.value]
    }

    private static let toneBytes: [UInt32: UInt8] = [0x300: 0xCC, 0x301: 0xEC, 0x303: 0xDE, 0x309: 0xD2, 0x323: 0xF2]

    /// Windows-1258 0x80–0xFF as Unicode → byte (undefined positions left out).
    private static let upperHalf: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [
            0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
            0x02C6: 0x88, 0x2030: 0x89, 0x2039: 0x8B, 0x0152: 0x8C, 0x2018: 0x91, 0x2019: 0x92, 0x201C: 0x93,
            0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98, 0x2122: 0x99, 0x203A: 0x9B,
            0x0153: 0x9C, 0x0178: 0x9F,
        ]
        // A0–FF follow Latin-1 except where Windows-1258 puts its own letters and tone marks.
        let differences: [UInt8: UInt32] = [
            0xC3: 0x0102, 0xCC: 0x0300, 0xD0: 0x0110, 0xD2: 0x0309, 0xD5: 0x01A0, 0xDD: 0x01AF, 0xDE: 0x0303,
            0xE3: 0x0103, 0xEC: 0x0301, 0xF0: 0x0111, 0xF2: 0x0323, 0xF5: 0x01A1, 0xFD: 0x01B0, 0xFE: 0x20AB,
        ]
        for byte in UInt8(0xA0)...UInt8(0xFF) {
            table[differences[byte] ?? UInt32(byte)] = byte
        }
        return table
    }()
}
