import Testing
import SmartCard
@testable import EMRTD

/// ICAO 9303-11 Appendix D: BAC key derivation, mutual authentication and 3DES secure messaging.
@Suite("ICAO 9303-11 App. D (BAC and 3DES secure messaging)")
struct BACAppendixDTests {
    let v: VectorFile
    init() throws { v = try VectorFile("icao-9303-11-appD") }

    @Test("ICAO 9303-11 App. D.2: K_seed, K_enc, K_mac from the MRZ")
    func keyDerivation() throws {
        let key = try MRZKey(documentNumber: "L898902C", dateOfBirth: "690806", dateOfExpiry: "940623")
        #expect(key.mrzInformation == (try v.text("mrz_information")))
        let seed = try key.keySeed()
        #expect(seed == (try v.bytes("Kseed")))
        let keys = try BAC.keys(seed: seed)
        #expect(keys.enc == (try v.bytes("Kenc")))
        #expect(keys.mac == (try v.bytes("Kmac")))
    }

    @Test("ICAO 9303-11 App. D.3: EXTERNAL AUTHENTICATE cryptogram and MAC (terminal)")
    func terminalMutualAuthentication() throws {
        let keys = try BAC.keys(seed: try v.bytes("Kseed"))
        let data = try BAC.terminalCryptogram(enc: keys.enc, mac: keys.mac, rndIC: try v.bytes("RND.IC"),
                                              rndIFD: try v.bytes("RND.IFD"), kIFD: try v.bytes("K.IFD"))
        #expect(Array(data.prefix(32)) == (try v.bytes("E.IFD")))
        #expect(Array(data.suffix(8)) == (try v.bytes("M.IFD")))
    }

    @Test("ICAO 9303-11 App. D.3/D.4: chip response verified, session keys and SSC derived")
    func terminalSession() throws {
        let keys = try BAC.keys(seed: try v.bytes("Kseed"))
        let sm = try BAC.terminalSession(response: try v.bytes("response", in: "mutual"), enc: keys.enc, mac: keys.mac,
                                         rndIC: try v.bytes("RND.IC"), rndIFD: try v.bytes("RND.IFD"), kIFD: try v.bytes("K.IFD"))
        #expect(sm.ssc == (try v.bytes("SSC")))
        let session = try BAC.keys(seed: try v.bytes("KSseed"))
        #expect(session.enc == (try v.bytes("KSenc")))
        #expect(session.mac == (try v.bytes("KSmac")))
        #expect(Bytes.xor(try v.bytes("K.IFD"), try v.bytes("K.IC")) == (try v.bytes("KSseed")))
    }

    @Test("ICAO 9303-11 App. D.3: chip side answers the terminal cryptogram with the published response")
    func chipMutualAuthentication() throws {
        let keys = try BAC.keys(seed: try v.bytes("Kseed"))
        let command = try v.bytes("E.IFD") + (try v.bytes("M.IFD"))
        let (response, sm) = try BAC.chipRespond(command: command, enc: keys.enc, mac: keys.mac,
                                                 rndIC: try v.bytes("RND.IC"), kIC: try v.bytes("K.IC"))
        #expect(response == (try v.bytes("response", in: "mutual")))
        #expect(sm.ssc == (try v.bytes("SSC")))
    }

    @Test("ICAO 9303-11 App. D.3: a wrong MRZ key fails the chip's MAC check")
    func wrongKeyRejected() throws {
        let good = try BAC.keys(seed: try v.bytes("Kseed"))
        let wrong = try BAC.keys(seed: try MRZKey(documentNumber: "L898902C", dateOfBirth: "690806", dateOfExpiry: "940624").keySeed())
        let command = try BAC.terminalCryptogram(enc: wrong.enc, mac: wrong.mac, rndIC: try v.bytes("RND.IC"),
                                                 rndIFD: try v.bytes("RND.IFD"), kIFD: try v.bytes("K.IFD"))
        #expect(throws: EMRTDError.self) {
            _ = try BAC.chipRespond(command: command, enc: good.enc, mac: good.mac, rndIC: try v.bytes("RND.IC"), kIC: try v.bytes("K.IC"))
        }
    }

    func session() throws -> SecureMessaging {
        let k = try BAC.keys(seed: try v.bytes("KSseed"))
        return SecureMessaging(suite: .tdes, encryptionKey: k.enc, macKey: k.mac, ssc: try v.bytes("SSC"))
    }

    @Test("ICAO 9303-11 App. D.4: protected SELECT EF.COM and its response")
    func protectedSelect() throws {
        var sm = try session()
        let plain = try CommandAPDU.parse(hex("00A4020C02011E"))
        let protected = try sm.protect(plain)
        #expect(try protected.wireBytes() == (try v.bytes("protected_apdu", in: "SELECT EF.COM")))
        let response = try ResponseAPDU(bytes: try v.bytes("response", in: "SELECT EF.COM"))
        let unwrapped = try sm.unprotect(response)
        #expect(unwrapped.sw == 0x9000)
        #expect(unwrapped.data.isEmpty)
    }

    @Test("ICAO 9303-11 App. D.4: protected READ BINARY (4 bytes, then 0x12 bytes at offset 4)")
    func protectedReadBinary() throws {
        var sm = try session()
        _ = try sm.protect(try CommandAPDU.parse(hex("00A4020C02011E")))
        _ = try sm.unprotect(try ResponseAPDU(bytes: try v.bytes("response", in: "SELECT EF.COM")))

        let first = try sm.protect(CommandAPDU(cla: 0, ins: 0xB0, p1: 0, p2: 0, le: 4))
        #expect(try first.wireBytes() == (try v.bytes("protected_apdu", in: "READ BINARY first")))
        let r1 = try sm.unprotect(try ResponseAPDU(bytes: try v.bytes("response", in: "READ BINARY first")))
        #expect(r1.data == (try v.bytes("plain_data", in: "READ BINARY first")))

        let second = try sm.protect(CommandAPDU(cla: 0, ins: 0xB0, p1: 0, p2: 4, le: 0x12))
        #expect(try second.wireBytes() == (try v.bytes("protected_apdu", in: "READ BINARY 0x12")))
        let r2 = try sm.unprotect(try ResponseAPDU(bytes: try v.bytes("response", in: "READ BINARY 0x12")))
        #expect(r2.data == (try v.bytes("plain_data", in: "READ BINARY 0x12")))
        #expect(r2.sw == 0x9000)
    }

    @Test("ICAO 9303-11 App. D.4: chip side unwraps the protected SELECT and wraps its answer identically")
    func chipSideSecureMessaging() throws {
        var chip = try session()
        let plain = try chip.unprotect(command: try CommandAPDU.parse(try v.bytes("protected_apdu", in: "SELECT EF.COM")))
        #expect(try plain.wireBytes() == hex("00A4020C02011E"))
        let answer = try chip.protect(response: ResponseAPDU(sw: 0x9000))
        #expect(answer.bytes == (try v.bytes("response", in: "SELECT EF.COM")))

        _ = try chip.unprotect(command: try CommandAPDU.parse(try v.bytes("protected_apdu", in: "READ BINARY first")))
        let data = try chip.protect(response: ResponseAPDU(data: try v.bytes("plain_data", in: "READ BINARY first"), sw: 0x9000))
        #expect(data.bytes == (try v.bytes("response", in: "READ BINARY first")))
    }

    @Test("A response with a flipped MAC byte is rejected")
    func tamperedResponseRejected() throws {
        var sm = try session()
        _ = try sm.protect(try CommandAPDU.parse(hex("00A4020C02011E")))
        var bytes = try v.bytes("response", in: "SELECT EF.COM")
        bytes[bytes.count - 3] ^= 0x01
        #expect(throws: EMRTDError.secureMessaging("MAC mismatch")) { _ = try sm.unprotect(try ResponseAPDU(bytes: bytes)) }
    }
}
