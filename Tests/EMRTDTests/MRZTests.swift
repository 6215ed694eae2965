import Foundation
import Testing
@testable import EMRTD

/// A synthetic CCCD MRZ (TD1) with correct check digits.
func cccdMRZ(id: String, dob: String, sex: String, expiry: String, name: String) -> String {
    let doc = String(id.suffix(9))
    let line1 = "IDVNM" + doc + String(MRZCheckDigit.compute(doc)!) + id + "<<<"
    let dobField = dob + String(MRZCheckDigit.compute(dob)!)
    let expField = expiry + String(MRZCheckDigit.compute(expiry)!)
    let opt2 = String(repeating: "<", count: 11)
    let composite = String(line1.dropFirst(5)) + dobField + expField + opt2
    let line2 = dobField + sex + expField + "VNM" + opt2 + String(MRZCheckDigit.compute(composite)!)
    var line3 = name
    while line3.count < 30 { line3 += "<" }
    return line1 + "\n" + line2 + "\n" + line3
}

@Suite("MRZ (ICAO 9303-3/4/5)")
struct MRZTests {
    @Test("ICAO 9303-3 §4.9 check digits")
    func checkDigits() {
        #expect(MRZCheckDigit.compute("L898902C<") == "3")
        #expect(MRZCheckDigit.compute("690806") == "1")
        #expect(MRZCheckDigit.compute("940623") == "6")
        #expect(MRZCheckDigit.compute("D23145890") == "7")
        #expect(MRZCheckDigit.compute("<<<<<<") == "0")
        #expect(MRZCheckDigit.compute("abc") == nil)
    }

    @Test("ICAO 9303-5 TD1 specimen")
    func td1Specimen() throws {
        let mrz = try MRZ("I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<")
        #expect(mrz.format == .td1)
        #expect(mrz.documentNumber == "D23145890")
        #expect(mrz.dateOfBirth == "740812" && mrz.dateOfExpiry == "120415" && mrz.sex == "F")
        #expect(mrz.primaryIdentifier == "ERIKSSON" && mrz.secondaryIdentifier == "ANNA MARIA")
        #expect(mrz.cccdIDNumber == nil)
    }

    @Test("ICAO 9303-4 TD3 specimen")
    func td3Specimen() throws {
        let mrz = try MRZ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10")
        #expect(mrz.format == .td3)
        #expect(mrz.documentNumber == "L898902C3")
        #expect(mrz.optionalData1 == "ZE184226B<<<<<")
        #expect(try mrz.key.mrzInformation == "L898902C3674081221204159")
    }

    @Test("Each wrong check digit is named")
    func wrongCheckDigits() {
        let lines = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]
        func damaged(_ line: Int, _ index: Int, _ ch: Character) -> String {
            var l = Array(lines[line]); l[index] = ch
            var copy = lines; copy[line] = String(l)
            return copy.joined(separator: "\n")
        }
        #expect(throws: EMRTDError.mrzCheckDigit(field: "document number")) { try MRZ(damaged(0, 14, "8")) }
        #expect(throws: EMRTDError.mrzCheckDigit(field: "date of birth")) { try MRZ(damaged(1, 6, "3")) }
        #expect(throws: EMRTDError.mrzCheckDigit(field: "date of expiry")) { try MRZ(damaged(1, 14, "1")) }
        #expect(throws: EMRTDError.mrzCheckDigit(field: "composite")) { try MRZ(damaged(1, 29, "7")) }
        #expect(throws: EMRTDError.self) { try MRZ("I<UTOD23145890") }
        #expect(throws: EMRTDError.mrz("character outside A-Z, 0-9 and <")) { try MRZ(damaged(2, 0, "é")) }
    }

    @Test("CCCD DG1: IDVNM, 9-digit document number, full 12-digit ID in the optional data")
    func cccd() throws {
        let text = cccdMRZ(id: "079203001234", dob: "030215", sex: "M", expiry: "280215", name: "TRAN<<VAN<AN")
        let mrz = try MRZ(text)
        #expect(mrz.documentCode == "ID" && mrz.issuingState == "VNM")
        #expect(mrz.documentNumber == "203001234")
        #expect(mrz.cccdIDNumber == "079203001234")
        #expect(try mrz.key == MRZKey(documentNumber: "203001234", dateOfBirth: "030215", dateOfExpiry: "280215"))
        let dg1 = try DG1(bytes: ChipFiles.dg1(mrz: text.replacingOccurrences(of: "\n", with: "")))
        #expect(dg1.mrz == mrz)
    }

    @Test("TD1 long document number continues in the optional data")
    func longDocumentNumber() throws {
        let number = "D23145890734"
        let head = String(number.prefix(9)), tail = String(number.dropFirst(9))
        let cd = MRZCheckDigit.compute(number)!
        let line1 = "I<UTO" + head + "<" + tail + String(cd) + String(repeating: "<", count: 15 - tail.count - 1)
        let dob = "7408122", exp = "1204159"
        let composite = String(line1.dropFirst(5)) + dob + exp + String(repeating: "<", count: 11)
        let line2 = dob + "F" + exp + "UTO" + String(repeating: "<", count: 11) + String(MRZCheckDigit.compute(composite)!)
        let mrz = try MRZ(line1 + line2 + "ERIKSSON<<ANNA<MARIA<<<<<<<<<<")
        #expect(mrz.documentNumber == number)
    }
}
