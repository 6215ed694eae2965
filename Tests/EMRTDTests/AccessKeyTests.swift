import Foundation
import Testing
@testable import EMRTD

@Suite("CCCD front QR and access keys")
struct AccessKeyTests {
    let seven = "079190012345|123456789|Nguyễn Thị Hồng Nhung|17051990|Nữ|Số 12, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|10042021"

    @Test("Seven-field QR with old ID")
    func sevenFields() throws {
        let qr = try CCCDFrontQR(seven)
        #expect(qr.idNumber == "079190012345")
        #expect(qr.oldIDNumber == "123456789")
        #expect(qr.fullName == "Nguyễn Thị Hồng Nhung")
        #expect(qr.dateOfBirth == CalendarDate(year: 1990, month: 5, day: 17))
        #expect(qr.sex == "Nữ")
        #expect(qr.issueDate == CalendarDate(year: 2021, month: 4, day: 10))
        #expect(qr.extraFields.isEmpty)
        #expect(!"\(qr)".contains("Nguy"))
        #expect(try qr.can == AccessKey.can("012345"))
        // Issued at 30 → valid to the 40th birthday.
        #expect(try qr.mrzKey() == MRZKey(documentNumber: "190012345", dateOfBirth: "900517", dateOfExpiry: "300517"))
    }

    @Test("Eight-field QR, empty old ID, trailing newline")
    func eightFieldsEmptyOldID() throws {
        let qr = try CCCDFrontQR("001099001122||Lê Văn Đức|01012000|Nam|Hà Nội|05062022|extra\n")
        #expect(qr.oldIDNumber == nil)
        #expect(qr.extraFields == ["extra"])
        #expect(try qr.mrzKey().dateOfExpiry == "250101")
    }

    @Test("Malformed QR strings give specific errors")
    func malformed() {
        #expect(throws: EMRTDError.qr(.fieldCount(6))) { try CCCDFrontQR("079190012345|123456789|A|17051990|Nam|x") }
        #expect(throws: EMRTDError.qr(.fieldCount(9))) { try CCCDFrontQR(seven + "|a|b") }
        #expect(throws: EMRTDError.qr(.idNumber)) { try CCCDFrontQR(seven.replacingOccurrences(of: "079190012345", with: "07919001234X")) }
        #expect(throws: EMRTDError.qr(.oldIDNumber)) { try CCCDFrontQR(seven.replacingOccurrences(of: "123456789", with: "12345")) }
        #expect(throws: EMRTDError.qr(.emptyName)) { try CCCDFrontQR(seven.replacingOccurrences(of: "Nguyễn Thị Hồng Nhung", with: " ")) }
        #expect(throws: EMRTDError.qr(.date("date of birth"))) { try CCCDFrontQR(seven.replacingOccurrences(of: "17051990", with: "31021990")) }
        #expect(throws: EMRTDError.qr(.date("issue date"))) { try CCCDFrontQR(seven.replacingOccurrences(of: "10042021", with: "2021-04-10")) }
    }

    @Test("Error details never carry the scanned values")
    func noPersonalDataInErrors() {
        do {
            _ = try CCCDFrontQR(seven.replacingOccurrences(of: "17051990", with: "99999999"))
        } catch let error as EMRTDError {
            #expect(!error.detail.contains("9999"))
            #expect(error.code == "emrtd.qr.date")
        } catch { Issue.record("unexpected error type") }
    }

    @Test("CCCD renewal ages: 14-22 → 25, 23-37 → 40, 38-57 → 60, 58+ → none")
    func renewalAges() throws {
        let dob = try #require(CalendarDate(year: 1980, month: 3, day: 1))
        func expiry(atAge age: Int) -> CalendarDate? {
            CCCDValidity.expiry(dateOfBirth: dob, issueDate: dob.adding(years: age))
        }
        #expect(expiry(atAge: 14) == dob.adding(years: 25))
        #expect(expiry(atAge: 22) == dob.adding(years: 25))
        #expect(expiry(atAge: 23) == dob.adding(years: 40))
        #expect(expiry(atAge: 37) == dob.adding(years: 40))
        #expect(expiry(atAge: 38) == dob.adding(years: 60))
        #expect(expiry(atAge: 57) == dob.adding(years: 60))
        #expect(expiry(atAge: 58) == nil)
        // The day before the 23rd birthday is still age 22.
        let dayBefore = try #require(CalendarDate(year: 2003, month: 2, day: 28))
        #expect(CCCDValidity.expiry(dateOfBirth: dob, issueDate: dayBefore) == dob.adding(years: 25))
        #expect(CalendarDate(year: 2000, month: 2, day: 29)!.adding(years: 25) == CalendarDate(year: 2025, month: 2, day: 28))
    }

    @Test("ID number + date of birth: CAN first, then candidate MRZ keys, valid ones first")
    func candidatesFromIDAndBirthDate() throws {
        let dob = try #require(CalendarDate(year: 1999, month: 6, day: 1))
        let today = try #require(CalendarDate(year: 2026, month: 11, day: 28))
        // Born 1999: chip cards since 2021 were issued at 21 or later → 25 (expired 2024) or 40.
        let expiries = CCCDValidity.candidateExpiries(dateOfBirth: dob, today: today)
        #expect(expiries == [dob.adding(years: 40), dob.adding(years: 25)])
        let keys = try CCCDValidity.accessKeys(idNumber: "001099012345", dateOfBirth: dob, today: today)
        #expect(keys.count == 3)
        #expect(keys[0] == (try AccessKey.can("012345")))
        #expect(keys[1].mrz == (try MRZKey(documentNumber: "099012345", dateOfBirth: "990601", dateOfExpiry: "390601")))
        #expect(keys[2].mrz?.dateOfExpiry == "240601")
        let elder = try #require(CalendarDate(year: 1950, month: 1, day: 1))
        #expect(CCCDValidity.candidateExpiries(dateOfBirth: elder, today: today) == [nil])
        #expect(throws: EMRTDError.invalidAccessKey("ID number must be 12 digits")) {
            try CCCDValidity.accessKeys(idNumber: "12345", dateOfBirth: dob, today: today)
        }
    }

    @Test("Far-future dates from a hostile QR do not trap")
    func farFutureDates() throws {
        let qr = try CCCDFrontQR("079190012345||A|17059990|Nam|x|10049999")
        #expect(try qr.mrzKey().dateOfExpiry.count == 6)
        let dob = try #require(CalendarDate(year: 9990, month: 1, day: 1))
        #expect(CCCDValidity.candidateExpiries(dateOfBirth: dob, today: dob).isEmpty)
    }

    @Test("Access keys validate and print without values")
    func keys() throws {
        #expect(throws: EMRTDError.self) { try AccessKey.can("12345") }
        #expect(throws: EMRTDError.self) { try MRZKey(documentNumber: "AB-1", dateOfBirth: "900101", dateOfExpiry: "300101") }
        #expect(throws: EMRTDError.self) { try MRZKey(documentNumber: "AB1", dateOfBirth: "9001", dateOfExpiry: "300101") }
        let can = try AccessKey.can("123456")
        #expect("\(can)" == "AccessKey(can)")
        #expect(try can.pacePassword() == Array("123456".utf8))
        #expect("\(try MRZKey(documentNumber: "190012345", dateOfBirth: "900517", dateOfExpiry: "300517"))" == "MRZKey(<redacted>)")
    }
}
