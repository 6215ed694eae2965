import Foundation

/// Folds Vietnamese text to plain ASCII letters for the payload fields that carry text (merchant
/// name, city, purpose): "Trạm Y tế Đông Hà" → "Tram Y te Dong Ha".
///
/// Canonical decomposition splits every precomposed vowel into its base letter and combining marks
/// (tone marks, circumflex, breve, horn), which are then dropped. Đ/đ (U+0110/U+0111) are letters of
/// their own with no decomposition, so they are mapped to D/d explicitly.
public enum VietnameseFolding {
    /// `text` with Vietnamese diacritics removed; characters without a folding are left as they are.
    public static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F: continue // combining diacritical marks
            case 0x0110, 0x00D0: scalars.append("D") // Đ, and Ð that legacy encodings put in its place
            case 0x0111: scalars.append("d")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
