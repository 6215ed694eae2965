import Testing
@testable import Payments

/// The check values of the three checksums the module computes.
@Suite struct ChecksumTests {
    @Test func crc16CCITTFalseCheckValue() {
        #expect(CRC16.checksum(Array("123456789".utf8)) == 0x29B1)
        #expect(CRC16.hex(0x29B1) == "29B1")
        #expect(CRC16.hex(0x00AF) == "00AF")
    }

    @Test func crc32CheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum(Array("6789".utf8), continuing: CRC32.checksum(Array("12345".utf8))) == 0xCBF4_3926)
    }

    @Test func adler32CheckValues() {
        #expect(Adler32.checksum(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(Adler32.checksum([UInt8]()) == 1)
        // Long input crosses the periodic reduction: 100,000 bytes of 0xFF, computed independently.
        #expect(Adler32.checksum([UInt8](repeating: 0xFF, count: 100_000)) == 0x149A_302C)
    }
}
