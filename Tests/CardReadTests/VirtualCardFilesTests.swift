import EMRTD
import Foundation
import SmartCard
import Testing
@testable import VirtualCard

/// The virtual CCCD's files and ATR, without the reader.
@Suite("virtual CCCD files")
struct VirtualCardFilesTests {
    @Test("the contactless ATR has a valid checksum and announces extended length")
    func answerToReset() {
        let atr = EMRTDChipApplet.contactlessAnswerToReset
        #expect(Array(atr.prefix(4)) == [0x3B, 0x87, 0x80, 0x01])
        #expect(atr.dropFirst().reduce(0, ^) == 0)
        #expect(AnswerToReset(atr).supportsExtendedLength == true)
    }

    @Test("the profile builds a parseable card: TD1 MRZ with the CCCD layout, DG14, DG15, SOD")
    func files() throws {
        let profile = try CardEnvironment.profile()
        let card = try VirtualCCCD(profile: profile)
        let mrz = try DG1(bytes: try #require(card.files[.dg1])).mrz
        #expect(mrz.lines.count == 3 && mrz.lines.allSatisfy { $0.count == 30 })
        #expect(mrz.lines[0].hasPrefix("IDVNM" + profile.idNumber.suffix(9)))
        #expect(mrz.cccdIDNumber == profile.idNumber)
        let key = try mrz.key
        #expect(key == card.mrzKey)
        #expect(mrz.primaryIdentifier == "TRAN")
        #expect(card.can == String(profile.idNumber.suffix(6)))
        let com = try EFCOM(bytes: try #require(card.files[.com]))
        #expect(com.files == VirtualCCCD.dataGroups)
        let cardAccess = try SecurityInfos(bytes: try #require(card.files[.cardAccess]))
        #expect(cardAccess.preferredPACE?.parameterID == 13)
        let hashes = try SODHashes.hashes(try #require(card.files[.sod]))
        #expect(hashes.count == 5)
        let image = try DG2(bytes: try #require(card.files[.dg2])).image
        #expect(image.count > 10_000 && image.count < 20_000)
    }

    @Test("EF.SOD's CMS signature verifies with the openssl command against the test CSCA",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
    func sodVerifiesWithOpenSSL() throws {
        let card = try VirtualCCCD(profile: try CardEnvironment.profile())
        let contentInfo = try SecurityObject(bytes: try #require(card.files[.sod])).contentInfo
        let path = "/tmp/cccd-sod-\(UUID().uuidString.prefix(8)).der"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(contentInfo).write(to: URL(fileURLWithPath: path))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["cms", "-verify", "-inform", "DER", "-in", path, "-purpose", "any", "-out", "/dev/null",
                             "-CAfile", CardEnvironment.fixtures.appendingPathComponent("csca.pem").path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test("a missing photo is a fixture error naming the path")
    func missingPhoto() throws {
        var profile = try CardEnvironment.profile()
        profile.photo = "no-such-photo.jpg"
        #expect(throws: VirtualCardError.self) { try VirtualCCCD(profile: profile) }
    }
}
