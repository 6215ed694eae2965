import Foundation

/// The last-resort text path for printers without a usable code page: Vietnamese folded to
/// plain ASCII (diacritics dropped, đ → d), anything else outside ASCII replaced by `?`.
public enum TextFolding {
    public static func ascii(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0..<0x80: out.append(UInt8(scalar.value))
            case 0x0300...0x036F: continue
            case 0x0110: out.append(UInt8(ascii: "D"))
            case 0x0111: out.append(UInt8(ascii: "d"))
            default: out.append(UInt8(ascii: "?"))
            }
        }
        return out
    }
}
