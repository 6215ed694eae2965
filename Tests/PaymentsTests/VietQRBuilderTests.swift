import Foundation
import Testing
@testable import Payments

/// The builder: field checks naming the tag, folding, static/dynamic, unknown tags.
@Suite struct VietQRBuilderTests {
    private func payload(_ edit: (inout VietQRPayload) -> Void = { _ in }) -> VietQRPayload {
        var payload = VietQRPayload(bankBIN: "970403", accountNumber: "0011012345678", service: .account,
                                    amount: 50_000, billNumber: "V-2026-0001", purpose: "Khám bệnh")
        edit(&payload)
        return payload
    }

    private func buildError(_ payload: VietQRPayload) -> PaymentsError? {
        do throws(PaymentsError) {
            _ = try payload.encoded()
            return nil
        } catch {
            return error
        }
    }

    @Test func dynamicWhenAnAmountIsGiven() throws {
        #expect(payload().initiation == .dynamic)
        #expect(payload { $0.amount = nil }.initiation == .dynamic)
        #expect(VietQRPayload(bankBIN: "970403", accountNumber: "1", service: .card).initiation == .static)
        let parsed = try VietQRPayload(parsing: payload().encoded())
        #expect(parsed.amount == 50_000 && parsed.initiation == .dynamic)
    }

    @Test func amountInStaticCodeIsRefused() {
        let error = buildError(payload { $0.initiation = .static })
        #expect(error == .vietQRField(.amountInStaticCode, tag: "54"))
        #expect(error?.code == "payments.vietqr.field.amountInStaticCode")
    }

    @Test func purposeIsFoldedAndRoundTrips() throws {
        let parsed = try VietQRPayload(parsing: payload { $0.purpose = "Trạm Y tế Đông Hà" }.encoded())
        #expect(parsed.purpose == "Tram Y te Dong Ha")
        #expect(parsed.billNumber == "V-2026-0001")
    }

    @Test func nameAndCityAreFolded() throws {
        let text = try payload { $0.merchantName = "TRẠM Y TẾ PHƯỜNG ĐÔNG HÀ"; $0.merchantCity = "Quảng Trị" }.encoded()
        let parsed = try VietQRPayload(parsing: text)
        #expect(parsed.merchantName == "TRAM Y TE PHUONG DONG HA")
        #expect(parsed.merchantCity == "Quang Tri")
    }

    @Test func lengthsCountFoldedBytes() {
        // 25 letters with diacritics fold to 25 bytes: accepted; 26 are refused.
        #expect(buildError(payload { $0.purpose = String(repeating: "ệ", count: 25) }) == nil)
        #expect(buildError(payload { $0.purpose = String(repeating: "ệ", count: 26) }) == .vietQRField(.tooLong(maximum: 25, actual: 26), tag: "62.08"))
        #expect(buildError(payload { $0.merchantName = String(repeating: "N", count: 26) }) == .vietQRField(.tooLong(maximum: 25, actual: 26), tag: "59"))
        #expect(buildError(payload { $0.merchantCity = String(repeating: "C", count: 16) }) == .vietQRField(.tooLong(maximum: 15, actual: 16), tag: "60"))
        #expect(buildError(payload { $0.billNumber = String(repeating: "B", count: 26) }) == .vietQRField(.tooLong(maximum: 25, actual: 26), tag: "62.01"))
    }

    @Test func textThatCannotBeFoldedToASCII() {
        #expect(buildError(payload { $0.purpose = "Phí 💉" }) == .vietQRField(.notASCII, tag: "62.08"))
        #expect(buildError(payload { $0.merchantName = "" }) == .vietQRField(.empty, tag: "59"))
        #expect(buildError(payload { $0.purpose = "line\nbreak" }) == .vietQRField(.notASCII, tag: "62.08"))
    }

    @Test(arguments: [
        ("97040", "38.01.00"), ("97040X", "38.01.00"), ("", "38.01.00"),
    ])
    func badBIN(_ bin: String, _ tag: String) {
        #expect(buildError(payload { $0.bankBIN = bin }) == .vietQRField(.invalidValue(expected: "6 digits"), tag: tag))
    }

    @Test func badAccountNumber() {
        #expect(buildError(payload { $0.accountNumber = "" }) == .vietQRField(.empty, tag: "38.01.01"))
        #expect(buildError(payload { $0.accountNumber = String(repeating: "1", count: 20) }) == .vietQRField(.tooLong(maximum: 19, actual: 20), tag: "38.01.01"))
        #expect(buildError(payload { $0.accountNumber = "0011 0123" }) == .vietQRField(.invalidValue(expected: VietQRFieldRules.accountExpectation), tag: "38.01.01"))
        #expect(buildError(payload { $0.accountNumber = String(repeating: "1", count: 19) }) == nil)
    }

    @Test func badAmountAndCategoryCode() {
        #expect(buildError(payload { $0.amount = 0 }) == .vietQRField(.invalidValue(expected: VietQRFieldRules.amountExpectation), tag: "54"))
        #expect(buildError(payload { $0.amount = 10_000_000_000_000 }) == .vietQRField(.invalidValue(expected: VietQRFieldRules.amountExpectation), tag: "54"))
        #expect(buildError(payload { $0.amount = 9_999_999_999_999 }) == nil)
        #expect(buildError(payload { $0.merchantCategoryCode = "80621" }) == .vietQRField(.invalidValue(expected: "4 digits"), tag: "52"))
    }

    @Test func categoryCodeIsWrittenInTagOrder() throws {
        let text = try payload { $0.merchantCategoryCode = "8062" }.encoded()
        #expect(text.contains("52048062530370454"))
        #expect(try VietQRPayload(parsing: text).merchantCategoryCode == "8062")
    }

    @Test func otherTagsAreCheckedAndWrittenInOrder() throws {
        #expect(buildError(payload { $0.otherTopLevel = ["54": "1"] }) == .vietQRField(.invalidValue(expected: VietQRFieldRules.tagExpectation), tag: "54"))
        #expect(buildError(payload { $0.otherAdditionalData = ["8": "x"] }) == .vietQRField(.invalidValue(expected: VietQRFieldRules.tagExpectation), tag: "62.8"))
        #expect(buildError(payload { $0.otherMerchantAccount = ["02": "x"] }) == .vietQRField(.invalidValue(expected: VietQRFieldRules.tagExpectation), tag: "38.02"))
        let built = payload { $0.otherTopLevel = ["80": "X", "39": "Y"]; $0.otherAdditionalData = ["05": "REF"] }
        let text = try built.encoded()
        #expect(text.contains("5303704") && text.range(of: "3901Y")!.lowerBound < text.range(of: "5303704")!.lowerBound)
        #expect(text.dropLast(8).hasSuffix("8001X"))
        let parsed = try VietQRPayload(parsing: text)
        #expect(parsed.otherTopLevel == ["80": "X", "39": "Y"])
        #expect(parsed.otherAdditionalData == ["05": "REF"])
    }

    @Test func templateOverflow() {
        let error = buildError(payload { $0.otherAdditionalData = ["50": String(repeating: "x", count: 80)] })
        #expect(error == .vietQRField(.tooLong(maximum: 99, actual: 4 + 11 + 4 + 9 + 4 + 80), tag: "62"))
    }

    @Test func detailNamesFieldAndExpectation() {
        let error = PaymentsError.vietQRField(.tooLong(maximum: 25, actual: 26), tag: "62.08")
        #expect(error.description == "payments.vietqr.field.tooLong: VietQR field tag 62.08 (purpose of transaction): value is 26 bytes (expected at most 25)")
    }
}
