import Testing
@testable import EMRTD

@Suite("BER-TLV walker")
struct TLVTests {
    @Test("Multi-byte tags, long length forms and nested offsets")
    func nested() throws {
        let inner = TLV.encode(0x5F1F, [UInt8](repeating: 0x41, count: 200))
        let bytes = TLV.encode(0x7F61, TLV.encode(0x02, [0x01]) + inner)
        #expect(bytes.starts(with: [0x7F, 0x61, 0x81, 0xCF]))
        let root = try TLV.parseSingle(bytes)
        #expect(root.tag == 0x7F61)
        #expect(root.isConstructed)
        let children = try root.children()
        #expect(children.map(\.tag) == [0x02, 0x5F1F])
        #expect(children[1].offset == 7)
        #expect(children[1].headerLength == 4)
        #expect(root.encoded == bytes)
        #expect(TLV.encodeLength(0x1234) == [0x82, 0x12, 0x34])
    }

    @Test("Header of a partial buffer gives the total length")
    func header() throws {
        let h = try TLV.header([0x75, 0x82, 0x3A, 0x98, 0x7F])
        #expect(h.tag == 0x75 && h.headerLength == 4 && h.valueLength == 0x3A98)
    }

    @Test("Truncated value, length and tag are rejected with their offset")
    func truncated() {
        #expect(throws: EMRTDError.tlv(.truncated, offset: 2)) { try TLV.parseSingle([0x04, 0x05, 0x01, 0x02]) }
        #expect(throws: EMRTDError.tlv(.truncated, offset: 2)) { try TLV.parseSingle([0x04, 0x82, 0x01]) }
        #expect(throws: EMRTDError.tlv(.truncated, offset: 1)) { try TLV.parseSingle([0x5F]) }
        #expect(throws: EMRTDError.tlv(.truncated, offset: 1)) { try TLV.parseSingle([0x04]) }
        #expect(throws: EMRTDError.tlv(.truncated, offset: 0)) { try TLV.parseSingle([]) }
    }

    @Test("A child longer than its parent is reported at the child's absolute offset")
    func childOverrunsParent() throws {
        let root = try TLV.parseSingle([0x30, 0x04, 0x02, 0x01, 0x01, 0x04])
        #expect(throws: EMRTDError.tlv(.truncated, offset: 6)) { try root.children() }
    }

    @Test("Indefinite length is rejected")
    func indefinite() {
        #expect(throws: EMRTDError.tlv(.indefiniteLength, offset: 1)) { try TLV.parseSingle([0x30, 0x80, 0x02, 0x01, 0x01, 0x00, 0x00]) }
    }

    @Test("Length fields over four bytes and the reserved 0xFF form are rejected")
    func overlongLength() {
        #expect(throws: EMRTDError.tlv(.overlongLength, offset: 1)) { try TLV.parseSingle([0x04, 0x85, 0, 0, 0, 0, 1, 0xAA]) }
        #expect(throws: EMRTDError.tlv(.overlongLength, offset: 1)) { try TLV.parseSingle([0x04, 0xFF]) }
    }

    @Test("A huge declared length fails as truncated, without allocating it")
    func hugeLength() {
        #expect(throws: EMRTDError.tlv(.truncated, offset: 6)) { try TLV.parseSingle([0x04, 0x84, 0x7F, 0xFF, 0xFF, 0xFF, 0x00]) }
    }

    @Test("Tags over three bytes are rejected")
    func overlongTag() {
        #expect(throws: EMRTDError.tlv(.overlongTag, offset: 0)) { try TLV.parseSingle([0x5F, 0x81, 0x82, 0x03, 0x00]) }
    }

    @Test("Trailing bytes are an error unless allowed")
    func trailing() throws {
        #expect(throws: EMRTDError.tlv(.trailingBytes, offset: 3)) { try TLV.parseSingle([0x04, 0x01, 0xAA, 0xFF]) }
        #expect(try TLV.parseSingle([0x04, 0x01, 0xAA, 0xFF], allowTrailing: true).value == [0xAA])
    }

    @Test("Zero-length values and empty sequences")
    func empty() throws {
        #expect(try TLV.parseAll([0x04, 0x00, 0x30, 0x00]).count == 2)
        #expect(try TLV.parseAll([]).isEmpty)
    }
}
