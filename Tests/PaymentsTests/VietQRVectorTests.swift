import Foundation
import Testing
@testable import Payments

/// The shared VietQR vectors: each parses and rebuilds byte for byte, or is a documented defect
/// rejected with the expected error.
@Suite struct VietQRVectorTests {
    @Test(arguments: VietQRVectors.all)
    func vectorParsesAndRebuildsByteIdentical(_ vector: VietQRVectors.Vector) throws {
        if let defect = VietQRVectors.knownDefects[vector.payload], let error = parseError(vector.payload) {
            #expect(error.code == defect.code)
            guard case .vietQRPayload(_, let tag, _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(tag == defect.tag)
            return
        }
        let parsed = try VietQRPayload(parsing: vector.payload)
        #expect(try parsed.encoded() == vector.payload)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: VietQRVectors.sharedFile.path),
                    "the shared vector file beside the repository is absent"))
    func embeddedCopyMatchesSharedFile() throws {
        let shared = try String(contentsOf: VietQRVectors.sharedFile, encoding: .utf8)
        #expect(VietQRVectors.parse(shared).map(\.payload) == VietQRVectors.all.map(\.payload))
    }

    @Test func builderReproducesVectorsFromTheirDescriptions() throws {
        let card = VietQRPayload(bankBIN: "970403", accountNumber: "9704031101234567", service: .card)
        #expect(try card.encoded() == VietQRVectors.all[1].payload)

        let dynamic = VietQRPayload(bankBIN: "970403", accountNumber: "9704031101234567", service: .card,
                                    amount: 180_000, billNumber: "NPS6869", purpose: "thanh toan don hang")
        #expect(try dynamic.encoded() == VietQRVectors.all[2].payload)

        let account = VietQRPayload(bankBIN: "970403", accountNumber: "0011012345678", service: .account)
        #expect(try account.encoded() == VietQRVectors.correctedFirst)
        #expect(try account.encoded() != VietQRVectors.all[0].payload)
    }

    @Test func defectiveFirstVectorIsRejectedAtTheBeneficiary() {
        let error = parseError(VietQRVectors.all[0].payload)
        // "…0112 001101234567" leaves the final "8" of the 27-byte template 38.01 (tag at byte 30) unread, at byte 60.
        #expect(error == .vietQRPayload(.truncated(needed: 4, available: 1), tag: "38.01", offset: 60))
        #expect(error?.detail.contains("tag 38.01 (beneficiary)") == true)
    }

    @Test func parsedFieldsOfTheDynamicVector() throws {
        let parsed = try VietQRPayload(parsing: VietQRVectors.all[2].payload)
        #expect(parsed.initiation == .dynamic)
        #expect(parsed.bankBIN == "970403")
        #expect(parsed.accountNumber == "9704031101234567")
        #expect(parsed.service == .card)
        #expect(parsed.amount == 180_000)
        #expect(parsed.billNumber == "NPS6869")
        #expect(parsed.purpose == "thanh toan don hang")
        #expect(parsed.merchantName == nil && parsed.merchantCity == nil && parsed.merchantCategoryCode == nil)
        #expect(parsed.otherTopLevel.isEmpty && parsed.otherMerchantAccount.isEmpty && parsed.otherAdditionalData.isEmpty)
    }
}
