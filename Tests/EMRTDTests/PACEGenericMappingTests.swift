import Foundation
import Testing
import SmartCard
@testable import EMRTD

/// Hands out fixed private keys in order (the worked examples' ephemeral keys).
final class ScalarQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [[UInt8]]
    init(_ values: [[UInt8]]) { self.values = values }
    func next() throws -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        guard !values.isEmpty else { throw VectorError.missing("scalar") }
        return values.removeFirst()
    }
}

/// ICAO 9303-11 Appendix G.1: PACE ECDH Generic Mapping on brainpoolP256r1, AES-128, MRZ password.
@Suite("ICAO 9303-11 App. G.1 (PACE ECDH-GM, brainpoolP256r1)")
struct PACEGenericMappingTests {
    let v: VectorFile
    init() throws { v = try VectorFile("icao-9303-11-pace-ecdh-gm") }

    var password: [UInt8] {
        get throws {
            try AccessKey.mrz(MRZKey(documentNumber: "T22000129", dateOfBirth: "640812", dateOfExpiry: "101031")).pacePassword()
        }
    }

    @Test("ICAO 9303-11 App. G.1 step 1: EF.CardAccess PACEInfo names ECDH-GM-AES-128 on parameter 13")
    func cardAccess() throws {
        let access = try SecurityInfos(bytes: try v.bytes("ef_cardaccess"))
        #expect(access.paceInfos.count == 1)
        let info = try #require(access.paceInfos.first)
        #expect(info.protocol == .ecdhGenericMappingAES128)
        #expect(info.parameterID == 13)
        #expect(info.version == 2)
        #expect(try SecurityOIDs.contentBytes(info.protocol.oid) == (try v.bytes("protocol_oid")))
    }

    @Test("ICAO 9303-11 App. G.1 step 2: MRZ password K and K_pi")
    func passwordKey() throws {
        #expect(try password == (try v.bytes("K", in: "2 password")))
        #expect(try PACEMessages.passwordKey(password, suite: .aes(keyLength: 16)) == (try v.bytes("K_pi")))
    }

    @Test("ICAO 9303-11 App. G.1 steps 3-8: nonce, mapping, generator G~, shared secret, session keys")
    func stepByStep() throws {
        let curve = try StandardDomainParameters.curve(id: 13)
        let kPi = try v.bytes("K_pi")
        let s = try PACEMessages.nonceCipher(try v.bytes("z"), key: kPi, suite: .aes(keyLength: 16), encrypt: false)
        #expect(s == (try v.bytes("s")))
        #expect(try curve.multiply(try v.bytes("SK_map_IFD")) == (try v.bytes("PK_map_IFD")))
        #expect(try curve.multiply(try v.bytes("SK_map_IC")) == (try v.bytes("PK_map_IC")))
        let h = try curve.multiply(try v.bytes("SK_map_IFD"), try v.bytes("PK_map_IC"))
        #expect(h == (try v.bytes("H")))
        #expect(try curve.multiply(try v.bytes("SK_map_IC"), try v.bytes("PK_map_IFD")) == h)
        let g = try curve.multiplyGeneratorAndAdd(s, h)
        #expect(g == (try v.bytes("G_mapped")))
        #expect(try curve.multiply(try v.bytes("SK_DH_IFD"), g) == (try v.bytes("PK_DH_IFD")))
        #expect(try curve.multiply(try v.bytes("SK_DH_IC"), g) == (try v.bytes("PK_DH_IC")))
        let shared = try curve.xCoordinate(try curve.multiply(try v.bytes("SK_DH_IFD"), try v.bytes("PK_DH_IC")))
        #expect(shared == (try v.bytes("K_shared")))
        let suite = CipherSuite.aes(keyLength: 16)
        #expect(try suite.deriveKey(shared, counter: 1) == (try v.bytes("KSenc")))
        #expect(try suite.deriveKey(shared, counter: 2) == (try v.bytes("KSmac")))
    }

    @Test("ICAO 9303-11 App. G.1 step 9: authentication tokens T_IFD and T_IC")
    func tokens() throws {
        let oid = PACEProtocol.ecdhGenericMappingAES128.oid
        let mac = try v.bytes("KSmac")
        #expect(try PACEMessages.token(suite: .aes(keyLength: 16), macKey: mac, oid: oid, publicKey: try v.bytes("PK_DH_IC")) == (try v.bytes("T_IFD")))
        #expect(try PACEMessages.token(suite: .aes(keyLength: 16), macKey: mac, oid: oid, publicKey: try v.bytes("PK_DH_IFD")) == (try v.bytes("T_IC")))
    }

    /// The data field of the response APDU stored under `key`.
    func data(_ key: String) throws -> [UInt8] {
        let bytes = try v.bytes(key)
        return try ResponseAPDU(bytes: bytes).data
    }

    @Test("ICAO 9303-11 App. G.1 step 10: the terminal's APDUs match the published transcript")
    func terminalTranscript() throws {
        let keys = ScalarQueue([try v.bytes("SK_map_IFD"), try v.bytes("SK_DH_IFD")])
        var terminal = try PACETerminal(protocol: .ecdhGenericMappingAES128, parameterID: 13, password: try password, scalars: keys.next)
        let mse = try PACEMessages.mseSetAT(protocol: .ecdhGenericMappingAES128, passwordReference: 0x01, parameterID: nil)
        #expect(try mse.wireBytes() == (try v.bytes("mse_set_at_cmd")))
        #expect(try terminal.nonceRequest().wireBytes() == (try v.bytes("ga1_cmd")))
        #expect(try terminal.mappingCommand(nonceResponse: try data("ga1_rsp")).wireBytes() == (try v.bytes("ga2_cmd")))
        #expect(try terminal.keyAgreementCommand(mappingResponse: try data("ga2_rsp")).wireBytes() == (try v.bytes("ga3_cmd")))
        #expect(try terminal.tokenCommand(agreementResponse: try data("ga3_rsp")).wireBytes() == (try v.bytes("ga4_cmd")))
        let sm = try terminal.finish(tokenResponse: try data("ga4_rsp"))
        #expect(sm.ssc == (try v.bytes("sm_ssc_initial")))
    }

    @Test("ICAO 9303-11 App. G.1 step 10: the chip side answers with the published responses")
    func chipTranscript() throws {
        var chip = try PACEChip(protocol: .ecdhGenericMappingAES128, parameterID: 13, password: try password)
        let nonce = try v.bytes("s")
        chip.random = { _ in nonce }
        let queue = ScalarQueue([try v.bytes("SK_map_IC"), try v.bytes("SK_DH_IC")])
        chip.scalars = { try queue.next() }
        for step in 1...4 {
            let command = try CommandAPDU.parse(try v.bytes("ga\(step)_cmd"))
            let answer = try chip.respond(command.data)
            #expect(answer.data + [0x90, 0x00] == (try v.bytes("ga\(step)_rsp")))
            #expect((answer.session != nil) == (step == 4))
        }
    }

    @Test("A wrong terminal token makes the chip report a wrong access key")
    func chipRejectsWrongToken() throws {
        var chip = try PACEChip(protocol: .ecdhGenericMappingAES128, parameterID: 13, password: try password)
        let nonce = try v.bytes("s")
        chip.random = { _ in nonce }
        let queue = ScalarQueue([try v.bytes("SK_map_IC"), try v.bytes("SK_DH_IC")])
        chip.scalars = { try queue.next() }
        for step in 1...3 { _ = try chip.respond(try CommandAPDU.parse(try v.bytes("ga\(step)_cmd")).data) }
        var bad = try CommandAPDU.parse(try v.bytes("ga4_cmd")).data
        bad[bad.count - 1] ^= 0xFF
        #expect(throws: EMRTDError.wrongAccessKey(during: "PACE")) { _ = try chip.respond(bad) }
    }

    func aesSession() throws -> SecureMessaging {
        SecureMessaging(suite: .aes(keyLength: 16), encryptionKey: try v.bytes("KSenc"), macKey: try v.bytes("KSmac"),
                        ssc: try v.bytes("sm_ssc_initial"))
    }

    @Test("AES secure messaging after ICAO 9303-11 App. G.1 (section 11 of the vector file): SELECT and READ BINARY")
    func aesSecureMessaging() throws {
        var sm = try aesSession()
        let select = try sm.protect(try CommandAPDU.parse(hex("00A4020C02011E")))
        #expect(try select.wireBytes() == (try v.bytes("sm1_protected_cmd")))
        let r1 = try sm.unprotect(try ResponseAPDU(bytes: try v.bytes("sm1_protected_rsp")))
        #expect(r1.sw == 0x9000)
        let read = try sm.protect(CommandAPDU(cla: 0, ins: 0xB0, p1: 0, p2: 0, le: 4))
        #expect(try read.wireBytes() == (try v.bytes("sm2_protected_cmd")))
        let r2 = try sm.unprotect(try ResponseAPDU(bytes: try v.bytes("sm2_protected_rsp")))
        #expect(r2.data == (try v.bytes("sm2_plain_data")))
    }

    @Test("AES secure messaging, chip side, reproduces section 11 of the vector file")
    func aesSecureMessagingChipSide() throws {
        var chip = try aesSession()
        _ = try chip.unprotect(command: try CommandAPDU.parse(try v.bytes("sm1_protected_cmd")))
        #expect(try chip.protect(response: ResponseAPDU(sw: 0x9000)).bytes == (try v.bytes("sm1_protected_rsp")))
        let read = try chip.unprotect(command: try CommandAPDU.parse(try v.bytes("sm2_protected_cmd")))
        #expect(read.le == 4)
        #expect(try chip.protect(response: ResponseAPDU(data: hex("60145F01"), sw: 0x9000)).bytes == (try v.bytes("sm2_protected_rsp")))
    }

    @Test("BSI Worked Example for EAC v1.01 (PACE part, PIN): every step and the AES-SM fragments")
    func bsiWorkedExample() throws {
        let suite = CipherSuite.aes(keyLength: 16)
        let kPi = try PACEMessages.passwordKey(try v.bytes("bsi_password_ascii"), suite: suite)
        #expect(kPi == (try v.bytes("bsi_K_pi")))
        let s = try PACEMessages.nonceCipher(try v.bytes("bsi_z"), key: kPi, suite: suite, encrypt: false)
        #expect(s == (try v.bytes("bsi_s")))
        let curve = try StandardDomainParameters.curve(id: 13)
        #expect(try curve.multiply(try v.bytes("bsi_SK_map_PCD")) == (try v.bytes("bsi_PK_map_PCD")))
        let h = try curve.multiply(try v.bytes("bsi_SK_map_PCD"), try v.bytes("bsi_PK_map_PICC"))
        #expect(h == (try v.bytes("bsi_H")))
        let g = try curve.multiplyGeneratorAndAdd(s, h)
        #expect(g == (try v.bytes("bsi_G_mapped")))
        #expect(try curve.multiply(try v.bytes("bsi_SK_DH_PCD"), g) == (try v.bytes("bsi_PK_DH_PCD")))
        let shared = try curve.xCoordinate(try curve.multiply(try v.bytes("bsi_SK_DH_PICC"), try v.bytes("bsi_PK_DH_PCD")))
        #expect(shared == (try v.bytes("bsi_K_shared")))
        let enc = try suite.deriveKey(shared, counter: 1)
        let mac = try suite.deriveKey(shared, counter: 2)
        #expect(enc == (try v.bytes("bsi_KSenc")))
        #expect(mac == (try v.bytes("bsi_KSmac")))
        let oid = PACEProtocol.ecdhGenericMappingAES128.oid
        #expect(try PACEMessages.token(suite: suite, macKey: mac, oid: oid, publicKey: try v.bytes("bsi_PK_DH_PICC")) == (try v.bytes("bsi_T_PCD")))
        #expect(try PACEMessages.token(suite: suite, macKey: mac, oid: oid, publicKey: try v.bytes("bsi_PK_DH_PCD")) == (try v.bytes("bsi_T_PICC")))
        let iv = try Primitives.aesECB(key: enc, try v.bytes("bsi_sm_enc_ssc"))
        let cryptogram = try Primitives.aesCBC(key: enc, iv: iv, Bytes.pad(try v.bytes("bsi_sm_enc_plain"), blockSize: 16), encrypt: true)
        #expect(cryptogram == (try v.bytes("bsi_sm_enc_cryptogram")))
        let macInput = Bytes.pad(try v.bytes("bsi_sm_mac_ssc") + (try v.bytes("bsi_sm_mac_data")), blockSize: 16)
        #expect(try suite.mac(key: mac, padded: macInput) == (try v.bytes("bsi_sm_mac")))
    }

    @Test("Every PACE standardized ECC domain parameter (IDs 8-18) opens and does ECDH", arguments: Array(8...18))
    func standardCurves(id: Int) throws {
        let curve = try StandardDomainParameters.curve(id: id)
        let a = try curve.randomScalar(), b = try curve.randomScalar()
        let pa = try curve.multiply(a), pb = try curve.multiply(b)
        #expect(try curve.multiply(a, pb) == (try curve.multiply(b, pa)))
        #expect(StandardDomainParameters.curveName(id: id) != nil)
    }

    @Test("Points off the curve are rejected")
    func offCurvePoint() throws {
        let curve = try StandardDomainParameters.curve(id: 13)
        var point = try v.bytes("PK_DH_IC")
        point[point.count - 1] ^= 0x01
        #expect(throws: EMRTDError.self) { try curve.validate(point) }
        #expect(throws: EMRTDError.self) { _ = try curve.multiply(try v.bytes("SK_DH_IFD"), point) }
    }
}

@Suite("PACE ECDH-GM round trips between terminal and chip")
struct PACERoundTripTests {
    static let cases: [(UInt, Int)] = [(1, 13), (2, 13), (3, 15), (4, 17), (2, 8), (2, 12), (4, 18), (2, 14)]

    @Test("Terminal and chip agree for every cipher suite on several standard curves", arguments: cases)
    func roundTrip(suiteID: UInt, parameterID: Int) throws {
        let proto = try #require(PACEProtocol(oid: SecurityOIDs.pace + [2, suiteID]))
        let password = Array("654321".utf8)
        var terminal = try PACETerminal(protocol: proto, parameterID: parameterID, password: password)
        var chip = try PACEChip(protocol: proto, parameterID: parameterID, password: password)
        let nonce = try chip.respond(terminal.nonceRequest().data).data
        let map = try chip.respond(try terminal.mappingCommand(nonceResponse: nonce).data).data
        let agree = try chip.respond(try terminal.keyAgreementCommand(mappingResponse: map).data).data
        let final = try chip.respond(try terminal.tokenCommand(agreementResponse: agree).data)
        var terminalSM = try terminal.finish(tokenResponse: final.data)
        var chipSM = try #require(final.session)
        let command = try terminalSM.protect(CommandAPDU(cla: 0, ins: 0xB0, p1: 0x81, p2: 0, le: 223))
        #expect(try chipSM.unprotect(command: command) == CommandAPDU(cla: 0, ins: 0xB0, p1: 0x81, p2: 0, le: 223))
        let answer = try chipSM.protect(response: ResponseAPDU(data: [1, 2, 3], sw: 0x9000))
        #expect(try terminalSM.unprotect(answer).data == [1, 2, 3])
    }

    @Test("Different passwords fail at the token step")
    func mismatch() throws {
        let proto = PACEProtocol.ecdhGenericMappingAES128
        var terminal = try PACETerminal(protocol: proto, parameterID: 13, password: Array("111111".utf8))
        var chip = try PACEChip(protocol: proto, parameterID: 13, password: Array("222222".utf8))
        let nonce = try chip.respond(terminal.nonceRequest().data).data
        let map = try chip.respond(try terminal.mappingCommand(nonceResponse: nonce).data).data
        let agree = try chip.respond(try terminal.keyAgreementCommand(mappingResponse: map).data).data
        let token = try terminal.tokenCommand(agreementResponse: agree)
        #expect(throws: EMRTDError.wrongAccessKey(during: "PACE")) { _ = try chip.respond(token.data) }
    }

    @Test("Unsupported PACE variants are refused with a typed error")
    func unsupported() throws {
        let im = try #require(PACEProtocol(oid: SecurityOIDs.pace + [4, 2]))
        #expect(!im.isSupported)
        #expect(throws: EMRTDError.self) { _ = try PACETerminal(protocol: im, parameterID: 13, password: [1]) }
        #expect(throws: EMRTDError.self) { _ = try PACETerminal(protocol: .ecdhGenericMappingAES128, parameterID: 2, password: [1]) }
        #expect(PACEProtocol(oid: [1, 2, 3]) == nil)
    }
}
