import EMRTD
import Foundation
import SmartCard
import Testing
@testable import VirtualCard

/// Full reads of the virtual CCCD through the real stack: DocumentReader → pcscd → vpcd → TCP →
/// the virtual card in this process. Serialised: every test uses reader `Virtual PCD 00 01`.
extension LiveCardTests {
@Suite("CCCD read through pcscd + vpcd")
struct FullReadTests {
    let profile: VirtualCCCDProfile
    let card: VirtualCCCD

    init() throws {
        try CardEnvironment.requireAvailable()
        profile = try CardEnvironment.profile()
        card = try VirtualCCCD(profile: profile)
    }

    func client(_ card: VirtualCCCD, log: InstructionLog = InstructionLog()) throws -> VPCDClient {
        VPCDClient(applet: CountingApplet(inner: try card.applet(), log: log), options: .init(port: CardEnvironment.port))
    }

    func read(_ key: AccessKey, options: ReadOptions = ReadOptions(), card: VirtualCCCD? = nil) async throws -> DocumentContents {
        try await CardEnvironment.withCard(try client(card ?? self.card)) { connection in
            try await DocumentReader(channel: connection, options: options).read(key: key)
        }
    }

    @Test("PACE-CAN reads every file, byte for byte, over extended-length APDUs")
    func paceCAN() async throws {
        let contents = try await read(try .can(profile.effectiveCAN))
        #expect(contents.access == .paceCAN)
        for file in [LDSFile.cardAccess, .com, .dg1, .dg2, .dg13, .dg14, .dg15, .sod] {
            #expect(contents.files[file] == card.files[file], "\(file) differs")
        }
        #expect(contents.parseErrors.isEmpty)
        #expect(contents.dg2?.format == .jpeg)
        #expect((contents.dg2?.image.count ?? 0) > 10_000)
        #expect(contents.dg14?.chipAuthenticationPublicKeys.count == 1)
        #expect(contents.dg15 != nil)
        #expect(contents.dg1?.mrz.cccdIDNumber == profile.idNumber)
        #expect(contents.statistics.apdus < 30, "\(contents.statistics.apdus) APDUs")
    }

    @Test("BAC with the MRZ key reads every file")
    func bac() async throws {
        var options = ReadOptions()
        options.preferPACE = false
        let contents = try await read(.mrz(card.mrzKey), options: options)
        #expect(contents.access == .bac)
        for file in [LDSFile.com, .dg1, .dg2, .dg13, .dg14, .dg15, .sod] {
            #expect(contents.files[file] == card.files[file], "\(file) differs")
        }
    }

    @Test("DG13 keeps every Vietnamese field with its diacritics")
    func dg13Diacritics() async throws {
        let dg13 = try #require(try await read(try .can(profile.effectiveCAN)).dg13)
        #expect(dg13.idNumber == profile.idNumber)
        #expect(dg13.fullName == "Trần Thị Thu Hoà")
        #expect(dg13.dateOfBirth?.iso8601 == profile.dateOfBirth)
        #expect(dg13.sex == "Nữ")
        #expect(dg13.nationality == "Việt Nam")
        #expect(dg13.ethnicity == profile.ethnicity)
        #expect(dg13.religion == "Phật giáo")
        #expect(dg13.placeOfOrigin == profile.placeOfOrigin)
        #expect(dg13.placeOfResidence == profile.placeOfResidence)
        #expect(dg13.identifyingMarks == profile.identifyingMarks)
        #expect(dg13.issueDate?.iso8601 == profile.issueDate)
        #expect(dg13.expiryDate?.iso8601 == profile.expiryDate)
        #expect(dg13.fatherName == "Trần Văn Đức")
        #expect(dg13.motherName == "Lê Thị Ngọc Ánh")
        #expect(dg13.spouseName == profile.spouseName)
        #expect(dg13.oldIDNumber == profile.oldIdNumber)
    }

    @Test("a wrong CAN: wrongAccessKey after exactly one PACE attempt, and the card still opens with the right one")
    func wrongCAN() async throws {
        let log = InstructionLog()
        let wrong = String(profile.effectiveCAN.reversed()) == profile.effectiveCAN ? "000000" : String(profile.effectiveCAN.reversed())
        let outcome = try await CardEnvironment.withCard(try client(card, log: log)) { connection -> Result<DocumentContents, any Error> in
            do {
                let contents = try await DocumentReader(channel: connection).read(key: try .can(wrong))
                return .success(contents)
            } catch {
                return .failure(error)
            }
        }
        guard case .failure(let error) = outcome, case EMRTDError.wrongAccessKey = error else {
            Issue.record("expected wrongAccessKey, got \(outcome)")
            return
        }
        #expect(log.count(0x22) == 1, "MSE:Set AT sent \(log.count(0x22)) times")
        #expect(log.count(0x82) == 0, "BAC tried after PACE failed")
        #expect(log.count(0xB0) == 1, "only EF.CardAccess read before the failure")
        let contents = try await read(try .can(profile.effectiveCAN))
        #expect(contents.access == .paceCAN)
    }

    @Test("EF.SOD is a signed LDSSecurityObject whose hashes match the data groups read")
    func securityObjectHashes() async throws {
        let contents = try await read(try .can(profile.effectiveCAN))
        let sod = try #require(contents.files[.sod])
        let hashes = try SODHashes.hashes(sod)
        #expect(hashes.keys.sorted() == [1, 2, 13, 14, 15])
        for (file, number) in [(LDSFile.dg1, 1), (.dg2, 2), (.dg13, 13), (.dg14, 14), (.dg15, 15)] {
            let digest = try SecurityObjectSigner.sha256(try #require(contents.files[file]))
            #expect(hashes[number] == digest, "DG\(number) hash")
        }
    }

    @Test("--tamper dg13: DG13 still reads but its hash no longer matches EF.SOD")
    func tamperedDG13() async throws {
        let tampered = try VirtualCCCD(profile: profile, tamper: [.dg13])
        let contents = try await read(try .can(profile.effectiveCAN), card: tampered)
        let hashes = try SODHashes.hashes(try #require(contents.files[.sod]))
        let dg13 = try SecurityObjectSigner.sha256(try #require(contents.files[.dg13]))
        let dg1 = try SecurityObjectSigner.sha256(try #require(contents.files[.dg1]))
        #expect(hashes[13] != dg13)
        #expect(hashes[1] == dg1)
        #expect(contents.dg13 != nil)
    }
}
}
