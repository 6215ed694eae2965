import SmartCard
import Testing

@Suite("Command and response APDU encoding (ISO/IEC 7816-4 §5.1, §5.6)")
struct APDUEncodingTests {
    @Test("case 1: header only")
    func case1() throws {
        let apdu = CommandAPDU(cla: 0x00, ins: 0xA4, p1: 0x00, p2: 0x00)
        #expect(try apdu.encoded() == [0x00, 0xA4, 0x00, 0x00])
        #expect(try apdu.encoded(extended: true) == [0x00, 0xA4, 0x00, 0x00])
    }

    @Test("case 2 short: Le 1…255 as is, Le 256 as 00")
    func case2Short() throws {
        #expect(try CommandAPDU(cla: 0, ins: 0xB0, p1: 0, p2: 0, le: 0xDF).encoded() == [0x00, 0xB0, 0x00, 0x00, 0xDF])
        #expect(try CommandAPDU(cla: 0, ins: 0xB0, p1: 0, p2: 0, le: 256).encoded() == [0x00, 0xB0, 0x00, 0x00, 0x00])
    }

    @Test("case 2 extended: Le 257 as 00 01 01, Le 65536 as 00 00 00")
    func case2Extended() throws {
        #expect(try CommandAPDU(cla: 0, ins: 0xB0, p1: 0, p2: 0, le: 257).encoded() == [0, 0xB0, 0, 0, 0x00, 0x01, 0x01])
        #expect(try CommandAPDU(cla: 0, ins: 0xB0, p1: 0, p2: 0, le: 65536).encoded() == [0, 0xB0, 0, 0, 0x00, 0x00, 0x00])
        #expect(try CommandAPDU(cla: 0, ins: 0xB0, p1: 0, p2: 0, le: 256).encoded(extended: true) == [0, 0xB0, 0, 0, 0x00, 0x01, 0x00])
    }

    @Test("case 3 short and extended")
    func case3() throws {
        let select = CommandAPDU(cla: 0x00, ins: 0xA4, p1: 0x02, p2: 0x0C, data: [0x01, 0x1E])
        #expect(try select.encoded() == [0x00, 0xA4, 0x02, 0x0C, 0x02, 0x01, 0x1E])
        #expect(try select.encoded(extended: true) == [0x00, 0xA4, 0x02, 0x0C, 0x00, 0x00, 0x02, 0x01, 0x1E])
        let long = CommandAPDU(cla: 0x00, ins: 0xD6, p1: 0, p2: 0, data: [UInt8](repeating: 0xAB, count: 256))
        #expect(long.requiresExtendedLength)
        let bytes = try long.encoded()
        #expect(Array(bytes.prefix(7)) == [0x00, 0xD6, 0x00, 0x00, 0x00, 0x01, 0x00])
        #expect(bytes.count == 7 + 256)
    }

    @Test("case 4 short: Lc, data, Le (256 as 00)")
    func case4Short() throws {
        let apdu = CommandAPDU(cla: 0x0C, ins: 0xB0, p1: 0, p2: 0, data: [0x97, 0x01, 0x00], le: 256)
        #expect(try apdu.encoded() == [0x0C, 0xB0, 0x00, 0x00, 0x03, 0x97, 0x01, 0x00, 0x00])
    }

    @Test("case 4 extended: 00 Lc(2) data Le(2), Le 65536 as 00 00")
    func case4Extended() throws {
        let apdu = CommandAPDU(cla: 0x00, ins: 0xB1, p1: 0, p2: 0, data: [0x54, 0x02, 0x80, 0x00], le: 65536)
        #expect(try apdu.encoded() == [0x00, 0xB1, 0x00, 0x00, 0x00, 0x00, 0x04, 0x54, 0x02, 0x80, 0x00, 0x00, 0x00])
        let le300 = CommandAPDU(cla: 0, ins: 0x88, p1: 0, p2: 0, data: [1, 2], le: 300)
        #expect(try le300.encoded() == [0, 0x88, 0, 0, 0x00, 0x00, 0x02, 1, 2, 0x01, 0x2C])
    }

    @Test("Le and Nc outside the encodable range are refused", arguments: [0, -1, 65537])
    func invalidLe(le: Int) {
        #expect(throws: SmartCardError.self) { try CommandAPDU(cla: 0, ins: 0xB0, p1: 0, p2: 0, le: le).encoded() }
    }

    @Test("data longer than 65535 bytes is refused")
    func invalidNc() {
        let apdu = CommandAPDU(cla: 0, ins: 0xD6, p1: 0, p2: 0, data: [UInt8](repeating: 0, count: 65536))
        #expect(throws: SmartCardError.self) { try apdu.encoded() }
    }

    @Test("decoding reverses encoding for all seven cases", arguments: [
        CommandAPDU(cla: 0, ins: 0xA4, p1: 0, p2: 0),
        CommandAPDU(cla: 0, ins: 0xB0, p1: 0, p2: 0, le: 1),
        CommandAPDU(cla: 0, ins: 0xB0, p1: 0, p2: 0, le: 256),
        CommandAPDU(cla: 0, ins: 0xB0, p1: 0, p2: 0, le: 65536),
        CommandAPDU(cla: 0, ins: 0xB0, p1: 0, p2: 0, le: 4000),
        CommandAPDU(cla: 0, ins: 0xA4, p1: 2, p2: 0x0C, data: [0x01, 0x01]),
        CommandAPDU(cla: 0, ins: 0xD6, p1: 0, p2: 0, data: [UInt8](repeating: 7, count: 300)),
        CommandAPDU(cla: 0x0C, ins: 0xB0, p1: 0, p2: 0, data: [1, 2, 3], le: 256),
        CommandAPDU(cla: 0x0C, ins: 0xB0, p1: 0, p2: 0, data: [UInt8](repeating: 9, count: 1000), le: 65536),
    ])
    func roundTrip(apdu: CommandAPDU) throws {
        #expect(try CommandAPDU(bytes: apdu.encoded()) == apdu)
    }

    @Test("malformed command bytes are refused", arguments: [
        [0x00, 0xA4, 0x00] as [UInt8],
        [0x00, 0xA4, 0x00, 0x00, 0x03, 0x01],
        [0x00, 0xA4, 0x00, 0x00, 0x00, 0x01],
        [0x00, 0xA4, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01],
    ])
    func malformedCommand(bytes: [UInt8]) {
        #expect(throws: SmartCardError.self) { try CommandAPDU(bytes: bytes) }
    }

    @Test("response APDU splits data and status word")
    func response() throws {
        let response = try ResponseAPDU(bytes: [0x60, 0x14, 0x90, 0x00])
        #expect(response.data == [0x60, 0x14])
        #expect(response.statusWord == .success)
        #expect(response.isSuccess)
        #expect(response.bytes == [0x60, 0x14, 0x90, 0x00])
        #expect(throws: SmartCardError.self) { try ResponseAPDU(bytes: [0x90]) }
    }

    @Test("status word helpers: 61xx, 6Cxx, warnings")
    func statusWords() {
        #expect(StatusWord(rawValue: 0x6110).remainingBytes == 16)
        #expect(StatusWord(rawValue: 0x6100).remainingBytes == 256)
        #expect(StatusWord(rawValue: 0x6C64).exactLength == 100)
        #expect(StatusWord(rawValue: 0x6C00).exactLength == 256)
        #expect(StatusWord.success.remainingBytes == nil)
        #expect(StatusWord.bytesRemaining(1000) == StatusWord(rawValue: 0x6100))
        #expect(StatusWord.correctLength(0x20) == StatusWord(rawValue: 0x6C20))
        #expect(StatusWord.endOfFile.isWarning)
        #expect(StatusWord.verificationFailed.isWarning)
        #expect(!StatusWord.fileNotFound.isWarning)
        #expect(StatusWord.securityStatusNotSatisfied.description == "6982")
        #expect(StatusWord(sw1: 0x90, sw2: 0x00) == .success)
    }
}
