/// Writes a ``QRBitmap`` as a PNG file (ISO/IEC 15948): 1-bit greyscale, no interlace, filter type 0
/// on every row, one IDAT chunk holding a ``StoredZlib`` stream.
enum PNGEncoder {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func encode(_ bitmap: QRBitmap) -> [UInt8] {
        // In 1-bit greyscale 0 is black, so the bitmap's dark bits (1) are inverted; the padding
        // bits at the end of a row become 1 too, which decoders ignore.
        var scanlines: [UInt8] = []
        scanlines.reserveCapacity(bitmap.height * (bitmap.bytesPerRow + 1))
        for row in 0..<bitmap.height {
            scanlines.append(0) // filter type None
            for byte in bitmap.bytes[row * bitmap.bytesPerRow..<(row + 1) * bitmap.bytesPerRow] {
                scanlines.append(~byte)
            }
        }
        var header: [UInt8] = []
        appendBigEndian(UInt32(bitmap.width), to: &header)
        appendBigEndian(UInt32(bitmap.height), to: &header)
        header += [1, 0, 0, 0, 0] // bit depth 1, colour type 0 (greyscale), deflate, filter 0, no interlace

        var png = signature
        appendChunk("IHDR", header, to: &png)
        appendChunk("IDAT", StoredZlib.wrap(scanlines), to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    private static func appendChunk(_ type: String, _ data: [UInt8], to png: inout [UInt8]) {
        appendBigEndian(UInt32(data.count), to: &png)
        let typeBytes = Array(type.utf8)
        png += typeBytes
        png += data
        appendBigEndian(CRC32.checksum(data, continuing: CRC32.checksum(typeBytes)), to: &png)
    }

    private static func appendBigEndian(_ value: UInt32, to out: inout [UInt8]) {
        out += [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
