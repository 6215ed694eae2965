import Foundation
import Testing
import HealthID
import Store

@Suite("Identifier validation")
struct ValidationTests {
    struct IDCase: Sendable, CustomTestStringConvertible {
        let text: String
        var dob: String?
        var sex: ResidentSex?
        let detail: String?
        var testDescription: String { "\(text) dob=\(dob ?? "-")" }
    }

    static let idCases: [IDCase] = [
        IDCase(text: "001090012345", detail: nil),
        IDCase(text: " 079195000777 ", dob: "1995-07-01", sex: .female, detail: nil),
        IDCase(text: "096203001234", dob: "2003-12-31", sex: .male, detail: nil),
        IDCase(text: "0010990123", detail: "id number: expected 12 digits, found 10 characters"),
        IDCase(text: "0010901234567", detail: "id number: expected 12 digits, found 13 characters"),
        IDCase(text: "00109001234A", detail: "id number: expected 12 digits, found a non-digit at character 12"),
        IDCase(text: "", detail: "id number: expected 12 digits, found 0 characters"),
        IDCase(text: "099090012345", detail: "id number, characters 1–3 (province code): expected one of the 63 province codes between 001 and 096, found an unassigned code"),
        IDCase(text: "003090012345", detail: "id number, characters 1–3 (province code): expected one of the 63 province codes between 001 and 096, found an unassigned code"),
        IDCase(text: "000090012345", detail: "id number, characters 1–3 (province code): expected one of the 63 province codes between 001 and 096, found an unassigned code"),
        IDCase(text: "001290012345", detail: "id number, characters 4–6 (century and birth year): expected a birth year not after 2026, found a year in the future"),
        IDCase(text: "001490012345", detail: "id number, characters 4–6 (century and birth year): expected a birth year not after 2026, found a year in the future"),
        IDCase(text: "001090012345", dob: "2090-01-01", detail: "id number, character 4 (century and sex): expected a digit for births in 2000–2099, as the date of birth, found a digit for 1900–1999"),
        IDCase(text: "001090012345", dob: "1991-01-01", detail: "id number, characters 5–6 (birth year): expected the last two digits of the year of birth, found other digits"),
        IDCase(text: "001090012345", sex: .female, detail: "id number, character 4 (century and sex): expected an odd digit (female), as the sex given, found an even digit"),
        IDCase(text: "001190012345", sex: .male, detail: "id number, character 4 (century and sex): expected an even digit (male), as the sex given, found an odd digit"),
    ]

    @Test(arguments: idCases)
    func citizenID(_ example: IDCase) throws {
        let dob = try example.dob.map { try BirthDate($0) }
        do {
            let id = try CitizenID(example.text, dateOfBirth: dob, sex: example.sex, today: testToday)
            #expect(example.detail == nil, "accepted")
            #expect(id.digits == example.text.trimmingCharacters(in: .whitespaces))
            #expect("\(id)" == "<redacted>")
        } catch {
            #expect(error.detail == example.detail)
            #expect(error.code == "healthid.invalidIDNumber")
        }
    }

    @Test func citizenIDDecodesCenturySexYearAndProvince() throws {
        let female2003 = try CitizenID("079303000001")
        #expect(female2003.sex == .female)
        #expect(female2003.birthYear == 2003)
        #expect(female2003.provinceName == "Hồ Chí Minh")
        let male1950 = try CitizenID("048050000001")
        #expect(male1950.sex == .male)
        #expect(male1950.centuryStart == 1900)
        #expect(male1950.birthYear == 1950)
        #expect(try CitizenID("001890000001").centuryStart == 2300)
    }

    @Test func theErrorShowsTheValueOnlyWhenAsked() {
        #expect(throws: HealthIDError.self) { try CitizenID("0010990123") }
        do {
            _ = try CitizenID("0010990123")
        } catch {
            #expect(!error.detail.contains("0010990123"))
            #expect(error.detail(showing: "0010990123") == "id number 0010990123: expected 12 digits, found 10 characters")
            #expect(error.description == "healthid.invalidIDNumber: id number: expected 12 digits, found 10 characters")
        }
    }

    static let cardCases: [(String, String?)] = [
        ("DN4010123456789", nil),
        ("ht3790987654321", nil),
        ("TE1011234567890", nil),
        ("DN401012345678", "insurance code: expected 15 characters (2 letters, 13 digits), found 14 characters"),
        ("D14010123456789", "insurance code, characters 1–2 (beneficiary group): expected two letters A–Z, found a digit or other sign"),
        ("DN6010123456789", "insurance code, character 3 (benefit level): expected a digit 1–5"),
        ("DN0010123456789", "insurance code, character 3 (benefit level): expected a digit 1–5"),
        ("DN4000123456789", "insurance code, characters 4–5 (province code): expected two digits 01–99"),
        ("DN4A10123456789", "insurance code, characters 4–5 (province code): expected two digits 01–99"),
        ("DN40101234X6789", "insurance code, characters 6–15 (social-insurance number): expected 10 digits, found a non-digit at character 11"),
    ]

    @Test(arguments: cardCases)
    func cardCode(_ text: String, _ detail: String?) {
        do {
            let card = try InsuranceCardCode(text)
            #expect(detail == nil)
            #expect(card.code == text.uppercased())
        } catch {
            #expect(error.detail == detail)
            #expect(error.code == "healthid.invalidCardCode")
        }
    }

    @Test func cardCodeParts() throws {
        let card = try InsuranceCardCode("HT3790987654321")
        #expect(card.beneficiaryGroup == "HT")
        #expect(card.benefitLevel == 3)
        #expect(card.provinceCode == "79")
        #expect(card.socialInsuranceNumber.digits == "0987654321")
    }

    @Test func socialInsuranceNumber() throws {
        #expect(try SocialInsuranceNumber("0123456789").digits == "0123456789")
        for (text, detail) in [("012345678", "social-insurance number: expected 10 digits, found 9 characters"),
                               ("01234x6789", "social-insurance number: expected 10 digits, found a non-digit at character 6")] {
            #expect(throws: HealthIDError(.invalidSocialInsuranceNumber, what: "social-insurance number", expected: "10 digits",
                                          found: String(detail.split(separator: ", found ").last ?? ""))) {
                try SocialInsuranceNumber(text)
            }
        }
    }

    @Test func birthDates() throws {
        #expect(try BirthDate("2000-02-29").iso == "2000-02-29")
        #expect(throws: HealthIDError.self) { try BirthDate("1900-02-29") }
        #expect(throws: HealthIDError.self) { try BirthDate("1990-13-01") }
        #expect(throws: HealthIDError.self) { try BirthDate("14/03/1990") }
        #expect(BirthDate(Date(timeIntervalSince1970: 1_795_831_200)).iso == "2026-11-28")
        #expect(BirthDate(Date(timeIntervalSince1970: 1_795_888_800)).iso == "2026-11-29") // 18:00 UTC is past midnight in Hanoi
    }
}
