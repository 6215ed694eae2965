import Foundation
import Testing
import Payments

/// Vietnamese diacritic folding, including đ/Đ which have no canonical decomposition.
@Suite struct VietnameseFoldingTests {
    @Test func stationName() {
        #expect(VietnameseFolding.fold("Trạm Y tế Đông Hà") == "Tram Y te Dong Ha")
    }

    @Test func everyVowelAndToneMark() {
        let lower = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
        let expected = String(repeating: "a", count: 18) + String(repeating: "e", count: 12) + String(repeating: "i", count: 6)
            + String(repeating: "o", count: 18) + String(repeating: "u", count: 12) + String(repeating: "y", count: 6) + "d"
        #expect(VietnameseFolding.fold(lower) == expected)
        #expect(VietnameseFolding.fold(lower.uppercased()) == expected.uppercased())
    }

    @Test func decomposedInputFoldsTheSame() {
        let decomposed = "Trạm Y tế Đông Hà".decomposedStringWithCanonicalMapping
        #expect(decomposed.unicodeScalars.count > "Trạm Y tế Đông Hà".unicodeScalars.count)
        #expect(VietnameseFolding.fold(decomposed) == "Tram Y te Dong Ha")
    }

    @Test func plainASCIIIsUnchangedAndOthersLeftAlone() {
        let ascii = "Thanh toan 180000 VND #NPS-6869 (lan 1)"
        #expect(VietnameseFolding.fold(ascii) == ascii)
        #expect(VietnameseFolding.fold("Ðà Nẵng") == "Da Nang")
        #expect(VietnameseFolding.fold("giá 💉") == "gia 💉")
    }
}
