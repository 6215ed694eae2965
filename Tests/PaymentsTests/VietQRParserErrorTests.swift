import Foundation
import Testing
@testable import Payments

/// Every way the parser rejects a payload, each naming the tag at fault.
@Suite struct VietQRParserErrorTests {
    @Test func validBaselineParses() throws {
        #expect(parseError(Parts.payload()) == nil)
    }

    @Test(arguments: ["00", "01", "38", "53", "58"])
    func missingRequiredTag(_ tag: String) {
        let error = parseError(Parts.payload(dropping: tag))
        if tag == "00" {
            #expect(error == .vietQRPayload(.missing, tag: "00", offset: 0))
        } else {
            guard case .vietQRPayload(.missing, let where_, _) = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(where_ == tag)
        }
        #expect(error?.code == "payments.vietqr.missingTag")
    }

    @Test func missingCRC() {
        let body = Parts.all.map(\.1).joined()
        #expect(parseError(body) == .vietQRPayload(.missing, tag: "63", offset: body.utf8.count))
    }

    @Test func badCRC() {
        let good = Parts.payload()
        let bad = String(good.dropLast()) + (good.last == "0" ? "1" : "0")
        guard case .vietQRPayload(.checksumMismatch(let computed, let found), "63", _) = parseError(bad) else {
            Issue.record("no checksum error for \(bad)"); return
        }
        #expect(computed == String(good.suffix(4)))
        #expect(found == String(bad.suffix(4)))
        #expect(parseError(bad)?.code == "payments.vietqr.checksum")
    }

    @Test func lowercaseOrShortCRC() {
        let good = Parts.payload()
        #expect(parseError(good.lowercased())?.code != nil)
        let body = String(good.dropLast(8))
        let lower = body + "6304" + CRC16.hex(CRC16.checksum(Array((body + "6304").utf8))).lowercased()
        if lower != good {
            guard case .vietQRPayload(.invalidValue, "63", _) = parseError(lower) else { Issue.record("lowercase CRC accepted"); return }
        }
        guard case .vietQRPayload(.invalidValue, "63", _) = parseError(body + "6303ABC") else { Issue.record("short CRC accepted"); return }
    }

    @Test func crcNotLastAndFormatIndicatorNotFirst() {
        let crcFirst = Parts.payload()
        let moved = String(crcFirst.suffix(8)) + crcFirst.dropLast(8)
        guard case .vietQRPayload(.misplaced, "63", 0) = parseError(moved) else { Issue.record("63 first accepted"); return }
        let swapped = withCRC(tlv("01", "12") + tlv("00", "01") + Parts.all.dropFirst(2).map(\.1).joined())
        #expect(parseError(swapped) == .vietQRPayload(.misplaced(expected: "the first data object"), tag: "00", offset: 6))
    }

    @Test func badLengthDigits() {
        let payload = Parts.payload().replacingOccurrences(of: "5303704", with: "53X3704")
        guard case .vietQRPayload(.malformedHeader, "53", _) = parseError(payload) else { Issue.record("bad length accepted"); return }
        let badTag = Parts.payload().replacingOccurrences(of: "5303704", with: "5A03704")
        guard case .vietQRPayload(.malformedHeader, "", _) = parseError(badTag) else { Issue.record("bad tag accepted"); return }
    }

    @Test func lengthRunningPastTheEnd() {
        // 62 declares 99 bytes; fewer remain.
        let payload = Parts.payload(replacing: ["62": "6299" + tlv("01", "NPS6869")])
        guard case .vietQRPayload(.truncated, "62", _) = parseError(payload) else { Issue.record("overlong 62 accepted"); return }
        // Beneficiary declares 99 bytes inside a 38 that holds 42 after it.
        let inner = tlv("00", "A000000727") + "0199" + Parts.beneficiary + tlv("02", "QRIBFTTC")
        let nested = Parts.payload(replacing: ["38": tlv("38", inner)])
        guard case .vietQRPayload(.truncated, "38.01", _) = parseError(nested) else { Issue.record("overlong 38.01 accepted"); return }
    }

    @Test func truncatedPayloads() {
        let payload = Parts.payload()
        for cut in 1..<payload.utf8.count {
            let prefix = String(decoding: Array(payload.utf8)[0..<cut], as: UTF8.self)
            #expect(parseError(prefix) != nil, "prefix of \(cut) bytes accepted")
        }
        #expect(parseError("") == .vietQRPayload(.missing, tag: "63", offset: 0))
        #expect(parseError("000") == .vietQRPayload(.truncated(needed: 4, available: 3), tag: "", offset: 0))
    }

    @Test func wrongGUID() {
        let inner = tlv("00", "A000000775") + tlv("01", Parts.beneficiary) + tlv("02", "QRIBFTTC")
        let error = parseError(Parts.payload(replacing: ["38": tlv("38", inner)]))
        #expect(error == .vietQRPayload(.invalidValue(expected: "A000000727"), tag: "38.00", offset: 12 + 4))
        #expect(error?.detail.contains("tag 38.00 (NAPAS GUID)") == true)
        #expect(error?.detail.contains("expected A000000727") == true)
    }

    @Test(arguments: [
        ("9704031", "38.01.00"), ("97040A", "38.01.00"),
        ("ACCOUNT-1", "38.01.01"), ("12345678901234567890", "38.01.01"), ("", "38.01.01"),
    ])
    func badBeneficiary(_ value: String, _ path: String) {
        let beneficiary = path == "38.01.00" ? tlv("00", value) + tlv("01", "123") : tlv("00", "970403") + tlv("01", value)
        let inner = tlv("00", "A000000727") + tlv("01", beneficiary) + tlv("02", "QRIBFTTA")
        guard case .vietQRPayload(_, let tag, _) = parseError(Parts.payload(replacing: ["38": tlv("38", inner)])) else {
            Issue.record("beneficiary \(value) accepted"); return
        }
        #expect(tag == path)
    }

    @Test func missingBeneficiaryPartsAndServiceCode() {
        let noService = tlv("00", "A000000727") + tlv("01", Parts.beneficiary)
        guard case .vietQRPayload(.missing, "38.02", _) = parseError(Parts.payload(replacing: ["38": tlv("38", noService)])) else {
            Issue.record("missing 38.02 accepted"); return
        }
        let badService = noService + tlv("02", "QRPUSH")
        guard case .vietQRPayload(.invalidValue, "38.02", _) = parseError(Parts.payload(replacing: ["38": tlv("38", badService)])) else {
            Issue.record("unknown service accepted"); return
        }
        let noBIN = tlv("00", "A000000727") + tlv("01", tlv("01", "123")) + tlv("02", "QRIBFTTA")
        guard case .vietQRPayload(.missing, "38.01.00", _) = parseError(Parts.payload(replacing: ["38": tlv("38", noBIN)])) else {
            Issue.record("missing BIN accepted"); return
        }
    }

    @Test(arguments: ["18000.5", "1,000", "0180000", "0", "-5", "12345678901234", "180 000"])
    func nonDigitOrMalformedAmount(_ amount: String) {
        guard case .vietQRPayload(.invalidValue, "54", _) = parseError(Parts.payload(replacing: ["54": tlv("54", amount)])) else {
            Issue.record("amount \(amount) accepted"); return
        }
    }

    @Test func amountInStaticCodeIsAccepted() throws {
        // Decision (see VietQRPayload): EMVCo allows it and bank apps print such codes, so the parser reads it.
        let parsed = try VietQRPayload(parsing: Parts.payload(replacing: ["01": tlv("01", "11")]))
        #expect(parsed.initiation == .static)
        #expect(parsed.amount == 180_000)
    }

    @Test(arguments: [("00", "02"), ("01", "13"), ("53", "840"), ("58", "US")])
    func wrongFixedValue(_ tag: String, _ value: String) {
        guard case .vietQRPayload(.invalidValue, let at, _) = parseError(Parts.payload(replacing: [tag: tlv(tag, value)])) else {
            Issue.record("\(tag) = \(value) accepted"); return
        }
        #expect(at == tag)
    }

    @Test func tooLongNameCityAndPurpose() {
        let name = withCRC(Parts.all.map(\.1).joined() + tlv("59", String(repeating: "N", count: 26)))
        let nameError = parseError(name)
        guard case .vietQRPayload(.tooLong(25, 26), "59", _) = nameError else { Issue.record("26-byte name accepted"); return }
        #expect(nameError?.code == "payments.vietqr.tooLong")
        #expect(nameError?.detail.contains("tag 59 (merchant name)") == true)

        let city = withCRC(Parts.all.map(\.1).joined() + tlv("60", String(repeating: "C", count: 16)))
        guard case .vietQRPayload(.tooLong(15, 16), "60", _) = parseError(city) else { Issue.record("16-byte city accepted"); return }

        // Byte counts: 9 letters "ệ" are 27 UTF-8 bytes.
        let purpose = Parts.payload(replacing: ["62": tlv("62", tlv("08", String(repeating: "ệ", count: 9)))])
        guard case .vietQRPayload(.tooLong(25, 27), "62.08", _) = parseError(purpose) else { Issue.record("27-byte purpose accepted"); return }
        let bill = Parts.payload(replacing: ["62": tlv("62", tlv("01", String(repeating: "B", count: 26)))])
        guard case .vietQRPayload(.tooLong(25, 26), "62.01", _) = parseError(bill) else { Issue.record("26-byte bill accepted"); return }
    }

    @Test func nameAndCityAbsentOrPresent() throws {
        let payload = withCRC(Parts.all.map(\.1).joined() + tlv("59", "TRAM Y TE DONG HA") + tlv("60", "QUANG TRI"))
        let parsed = try VietQRPayload(parsing: payload)
        #expect(parsed.merchantName == "TRAM Y TE DONG HA")
        #expect(parsed.merchantCity == "QUANG TRI")
    }

    @Test func emptyName() {
        let payload = withCRC(Parts.all.map(\.1).joined() + "5900")
        guard case .vietQRPayload(.empty, "59", _) = parseError(payload) else { Issue.record("empty name accepted"); return }
    }

    @Test func duplicateTag() {
        let payload = withCRC(Parts.all.map(\.1).joined() + tlv("58", "VN"))
        guard case .vietQRPayload(.duplicate, "58", _) = parseError(payload) else { Issue.record("duplicate accepted"); return }
    }

    @Test func invalidUTF8InAnUnknownTag() {
        var bytes = Array((Parts.all.map(\.1).joined() + "8002").utf8) + [0xC3, 0x28]
        bytes += Array("6304".utf8)
        bytes += Array(CRC16.hex(CRC16.checksum(bytes)).utf8)
        #expect(throws: PaymentsError.vietQRPayload(.notUTF8, tag: "80", offset: bytes.count - 14)) {
            try VietQRPayload(parsing: bytes)
        }
    }

    @Test func overlongPayload() {
        let payload = String(repeating: "0", count: 513)
        #expect(parseError(payload) == .vietQRPayload(.tooLong(maximum: 512, actual: 513), tag: "", offset: 0))
    }

    @Test func unknownTagsAreKept() throws {
        let payload = String(Parts.payload(replacing: [
            "38": tlv("38", Parts.merchantAccount + tlv("05", "EXTRA")),
            "62": tlv("62", tlv("01", "NPS6869") + tlv("07", "KIOSK01") + tlv("08", "thanh toan don hang")),
            "58": tlv("58", "VN") + tlv("60", "HA NOI"),
        ]).dropLast(8)) + tlv("64", tlv("00", "vi"))
        let payloadWithCRC = withCRC(String(payload))
        let parsed = try VietQRPayload(parsing: payloadWithCRC)
        #expect(parsed.otherMerchantAccount == ["05": "EXTRA"])
        #expect(parsed.otherAdditionalData == ["07": "KIOSK01"])
        #expect(parsed.otherTopLevel == ["64": "0002vi"])
        #expect(parsed.merchantCity == "HA NOI")
        #expect(try parsed.encoded() == payloadWithCRC)
    }
}
