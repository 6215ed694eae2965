import Testing
@testable import Payments

/// PNG structure: signature, IHDR, chunk CRCs, the zlib stream of stored blocks, and pixels that
/// decode back to the bitmap.
@Suite struct PNGTests {
    struct Chunk {
        let type: String
        let data: [UInt8]
        let crc: UInt32
    }

    private func bigEndian(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }

    private func chunks(_ png: [UInt8]) throws -> [Chunk] {
        try #require(png.count >= 8 && Array(png[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var result: [Chunk] = []
        var position = 8
        while position < png.count {
            try #require(position + 12 <= png.count)
            let length = Int(bigEndian(png[position..<position + 4]))
            try #require(position + 12 + length <= png.count)
            let type = String(decoding: png[position + 4..<position + 8], as: UTF8.self)
            let data = Array(png[position + 8..<position + 8 + length])
            result.append(Chunk(type: type, data: data, crc: bigEndian(png[position + 8 + length..<position + 12 + length])))
            position += 12 + length
        }
        return result
    }

    /// Undoes the zlib stream, accepting only stored blocks, and checks its header and Adler-32.
    private func inflateStored(_ stream: [UInt8]) throws -> [UInt8] {
        try #require(stream.count >= 6)
        #expect(stream[0] & 0x0F == 8, "compression method deflate")
        #expect((UInt16(stream[0]) << 8 | UInt16(stream[1])) % 31 == 0, "FCHECK")
        var out: [UInt8] = []
        var position = 2
        var final = false
        while !final {
            try #require(position + 5 <= stream.count)
            final = stream[position] & 1 == 1
            try #require(stream[position] >> 1 & 3 == 0, "stored block")
            let length = Int(stream[position + 1]) | Int(stream[position + 2]) << 8
            let complement = Int(stream[position + 3]) | Int(stream[position + 4]) << 8
            try #require(length ^ complement == 0xFFFF)
            out += stream[position + 5..<position + 5 + length]
            position += 5 + length
        }
        try #require(position + 4 == stream.count)
        #expect(bigEndian(stream[position...]) == Adler32.checksum(out))
        return out
    }

    private func check(_ matrix: QRCodeMatrix, layout: QRLayout) throws {
        let png = matrix.png(layout: layout)
        let list = try chunks(png)
        #expect(list.map(\.type) == ["IHDR", "IDAT", "IEND"])
        for chunk in list {
            #expect(chunk.crc == CRC32.checksum(chunk.data, continuing: CRC32.checksum(Array(chunk.type.utf8))), "\(chunk.type) CRC")
        }
        let header = list[0].data
        let side = layout.side(for: matrix)
        #expect(header.count == 13)
        #expect(bigEndian(header[0..<4]) == UInt32(side))
        #expect(bigEndian(header[4..<8]) == UInt32(side))
        #expect(Array(header[8..<13]) == [1, 0, 0, 0, 0])
        #expect(list[2].data.isEmpty)

        let scanlines = try inflateStored(list[1].data)
        let bitmap = matrix.bitmap(layout: layout)
        try #require(scanlines.count == side * (bitmap.bytesPerRow + 1))
        for y in 0..<side {
            let row = y * (bitmap.bytesPerRow + 1)
            #expect(scanlines[row] == 0, "filter type None")
            for x in 0..<side {
                let white = scanlines[row + 1 + x / 8] & (0x80 >> UInt8(x % 8)) != 0
                guard white != bitmap.isDark(x: x, y: y) else { Issue.record("pixel \(x),\(y)"); return }
            }
        }
    }

    @Test func screenSizedPNG() throws {
        let matrix = try QRCodeMatrix(encoding: VietQRVectors.all[2].payload)
        let png = try matrix.png(side: 300)
        let side = Int(bigEndian(png[16..<20]))
        #expect((250...350).contains(side), "about 300 px, got \(side)")
        try check(matrix, layout: try QRLayout.fitting(matrix, into: 300))
    }

    @Test func smallAndMultiBlockPNGs() throws {
        let matrix = try QRCodeMatrix(encoding: VietQRVectors.all[2].payload)
        try check(matrix, layout: try QRLayout(scale: 1, quietZone: 0))
        // 64 px per module: well over 65,535 bytes of scanlines, so several stored blocks.
        try check(matrix, layout: try QRLayout(scale: 64, quietZone: 4))
    }

    @Test func storedZlibOfEmptyAndExactBlockSizes() throws {
        for count in [0, 1, StoredZlib.maxBlock, StoredZlib.maxBlock + 1] {
            let data = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            #expect(try inflateStored(StoredZlib.wrap(data)) == data)
        }
    }
}
