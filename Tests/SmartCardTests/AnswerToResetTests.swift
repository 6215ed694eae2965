import SmartCard
import Testing
import VirtualCard

@Suite("Answer to reset")
struct AnswerToResetTests {
    @Test("historical bytes behind TD1/TD2, extended length announced in card capabilities")
    func virtualCardATR() {
        let atr = AnswerToReset(FileSystemApplet.defaultAnswerToReset)
        #expect(atr.historicalBytes == [0x80, 0x73, 0x00, 0x00, 0x40])
        #expect(atr.supportsExtendedLength == true)
    }

    @Test("no card capabilities → unknown; capabilities without the bit → false")
    func capabilities() {
        // 3B 88 80 01 + 8 bytes of ISO 14443-B application data (not compact-TLV) + TCK.
        let typeB = AnswerToReset([0x3B, 0x88, 0x80, 0x01, 0x00, 0x00, 0x00, 0x00, 0x77, 0x81, 0x81, 0x71, 0x7E])
        #expect(typeB.supportsExtendedLength == nil)
        let shortOnly = AnswerToReset([0x3B, 0x85, 0x80, 0x01, 0x80, 0x73, 0x00, 0x00, 0x00, 0x00])
        #expect(shortOnly.supportsExtendedLength == false)
        #expect(AnswerToReset([0x3B]).historicalBytes.isEmpty)
    }
}
