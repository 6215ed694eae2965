/// A zlib stream (RFC 1950) whose deflate data (RFC 1951) is made only of stored, uncompressed blocks.
///
/// Written here rather than linked: Foundation on Linux has no compression API, and the QR images
/// this module makes are 1 bit per pixel (about 12 KB for a 300-pixel code), so compressing them
/// would save little and cost a zlib dependency. Any PNG decoder accepts stored blocks.
enum StoredZlib {
    /// Largest stored block: LEN is 16 bits.
    static let maxBlock = 65535

    static func wrap(_ data: [UInt8]) -> [UInt8] {
        // CMF 0x78 (deflate, 32 KiB window), FLG 0x01 (fastest level, no dictionary; 0x7801 % 31 == 0).
        var out: [UInt8] = [0x78, 0x01]
        out.reserveCapacity(data.count + data.count / maxBlock * 5 + 11)
        var start = 0
        repeat {
            let end = min(start + maxBlock, data.count)
            let length = UInt16(end - start)
            out.append(end == data.count ? 0x01 : 0x00) // BFINAL, BTYPE = 00 (stored)
            out.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)])
            out.append(contentsOf: data[start..<end])
            start = end
        } while start < data.count
        let adler = Adler32.checksum(data)
        out.append(contentsOf: [UInt8(adler >> 24), UInt8(adler >> 16 & 0xFF), UInt8(adler >> 8 & 0xFF), UInt8(adler & 0xFF)])
        return out
    }
}
