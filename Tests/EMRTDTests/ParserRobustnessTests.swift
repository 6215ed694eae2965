import KioskBase
import Testing
import SmartCard
@testable import EMRTD


/// Mutation runs over every parser that meets card or scanner input: each mutated input must
/// either parse or throw ``EMRTDError`` — never trap, never throw anything else.
@Suite("Parser robustness (deterministic mutation runs)")
struct ParserRobustnessTests {
    static let iterations = 1500

    static func mutate(_ input: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            switch Int.random(in: 0..<5, using: &rng) {
            case 0 where !bytes.isEmpty: bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            case 1 where !bytes.isEmpty: bytes.removeLast(Int.random(in: 0...bytes.count, using: &rng))
            case 2: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: Int.random(in: 0...bytes.count, using: &rng))
            case 3 where !bytes.isEmpty: bytes[Int.random(in: 0..<bytes.count, using: &rng)] = [0x80, 0x81, 0x82, 0x84, 0x85, 0xFF, 0x1F][Int.random(in: 0..<7, using: &rng)]
            default: if bytes.count > 2 { bytes.remove(at: Int.random(in: 0..<bytes.count, using: &rng)) }
            }
        }
        return bytes
    }

    static func run(_ seed: [UInt8], _ body: ([UInt8]) throws -> Void) {
        var rng = SplitMix64(seed: UInt64(seed.count) &* 0x1234_5678)
        for _ in 0..<iterations {
            let input = mutate(seed, &rng)
            do { try body(input) } catch is EMRTDError {} catch {
                Issue.record("non-EMRTD error \(type(of: error))")
            }
        }
    }

    @Test("TLV, EF.COM, DG1, DG2, DG13, DG14 and EF.CardAccess survive mutated input")
    func files() throws {
        let all = try SyntheticCCCD.files(photoSize: 300)
        Self.run(all[.dg13]!) { _ = try DG13(bytes: $0) }
        Self.run(all[.dg13]!) { _ = try TLV.parseAll($0) }
        Self.run(all[.com]!) { _ = try EFCOM(bytes: $0) }
        Self.run(all[.dg1]!) { _ = try DG1(bytes: $0) }
        Self.run(all[.dg2]!) { _ = try DG2(bytes: $0) }
        Self.run(all[.cardAccess]!) { _ = try SecurityInfos(bytes: $0) }
        Self.run(all[.sod]!) { _ = try SecurityObject(bytes: $0) }
    }

    @Test("MRZ and CCCD QR text survive mutated input")
    func text() {
        Self.run(Array(SyntheticCCCD.mrzText.utf8)) { _ = try MRZ(String(decoding: $0, as: UTF8.self)) }
        let qr = "079190012345|123456789|Nguyễn Thị Hồng Nhung|17051990|Nữ|Hà Nội|10042021"
        Self.run(Array(qr.utf8)) { _ = try CCCDFrontQR(String(decoding: $0, as: UTF8.self)) }
    }

    @Test("Secure-messaging responses and chip commands survive mutated input")
    func secureMessaging() throws {
        let keys = try BAC.keys(seed: hex("0036D272F5C350ACAC50C3F572D23600"))
        let protected = hex("871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D74")
        Self.run(protected) { bytes in
            var sm = SecureMessaging(suite: .tdes, encryptionKey: keys.enc, macKey: keys.mac, ssc: hex("887022120C06C22B"))
            _ = try sm.unprotect(ResponseAPDU(data: bytes, sw: 0x9000))
        }
        var chip = try SyntheticCCCD.chip()
        Self.run(hex("0CB000040D9701128E082EA28A70F3C7B53500")) { bytes in _ = chip.handle(bytes: bytes) }
        Self.run(hex("10860000457C438141047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E54")) { bytes in
            _ = chip.handle(bytes: hex("0022C1A40F800A04007F00070202040202830102"))
            _ = chip.handle(bytes: hex("10860000027C0000"))
            _ = chip.handle(bytes: bytes)
        }
    }
}
