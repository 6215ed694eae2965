import Foundation

/// Folding of Vietnamese names for search: "Nguyễn Văn Đức" and "NGUYEN van duc" both become
/// `nguyen van duc`.
public enum ResidentName {
    /// Lower case, without diacritics (tone marks, breve, circumflex, horn; `đ` becomes `d`),
    /// every run of characters other than letters and digits turned into one space, trimmed.
    public static func fold(_ name: String) -> String {
        var folded = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in name.unicodeScalars {
            for base in baseScalars(of: scalar) {
                guard let letter = lowercaseLetterOrDigit(base) else {
                    pendingSpace = !folded.isEmpty
                    continue
                }
                if pendingSpace {
                    folded.append(" ")
                    pendingSpace = false
                }
                folded.append(letter)
            }
        }
        return String(folded)
    }

    /// The scalar's canonical decomposition without combining marks; `đ`/`Đ` map to `d`.
    private static func baseScalars(of scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        if scalar.isASCII { return [scalar] }
        if scalar == "\u{0111}" || scalar == "\u{0110}" { return ["d"] }
        return String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.filter { !isCombiningMark($0) }
    }

    private static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    private static func lowercaseLetterOrDigit(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        if scalar.isASCII {
            switch scalar.value {
            case 0x30...0x39, 0x61...0x7A: return scalar
            case 0x41...0x5A: return Unicode.Scalar(scalar.value + 0x20)
            default: return nil
            }
        }
        guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil else { return nil }
        return scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
    }
}
