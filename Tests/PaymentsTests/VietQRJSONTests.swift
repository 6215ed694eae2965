import Foundation
import Testing
import Payments

/// The JSON shape `kioskctl vietqr parse` prints.
@Suite struct VietQRJSONTests {
    @Test func dynamicVectorAsJSON() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(VietQRPayload(parsing: VietQRVectors.all[2].payload)), as: UTF8.self)
        #expect(json == #"{"accountNumber":"9704031101234567","amount":180000,"bankBIN":"970403","billNumber":"NPS6869","# +
            #""country":"VN","currency":"704","initiation":"dynamic","purpose":"thanh toan don hang","service":"card"}"#)
    }

    @Test func unknownTagsAppearUnderTheirTemplate() throws {
        var payload = VietQRPayload(bankBIN: "970403", accountNumber: "1", service: .account)
        payload.otherAdditionalData = ["07": "KIOSK01"]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(VietQRPayload(parsing: payload.encoded())), as: UTF8.self)
        #expect(json.contains(#""otherAdditionalData":{"07":"KIOSK01"}"#))
        #expect(json.contains(#""initiation":"static""#))
        #expect(!json.contains("amount"))
    }
}
