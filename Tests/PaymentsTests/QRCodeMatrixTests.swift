import Testing
import Payments

/// Symbols from libqrencode and the printer raster drawn from them.
@Suite struct QRCodeMatrixTests {
    static let payload = VietQRVectors.all[2].payload

    /// Whether the 7 × 7 finder pattern sits with its top left corner at `row`, `column`.
    private func hasFinder(_ matrix: QRCodeMatrix, row: Int, column: Int) -> Bool {
        (0..<7).allSatisfy { r in
            (0..<7).allSatisfy { c in
                let ring = max(abs(r - 3), abs(c - 3))
                return matrix[row + r, column + c] == (ring != 2)
            }
        }
    }

    @Test func symbolShape() throws {
        let matrix = try QRCodeMatrix(encoding: Self.payload)
        #expect((1...40).contains(matrix.version))
        #expect(matrix.size == 17 + 4 * matrix.version)
        #expect(matrix.modules.count == matrix.size * matrix.size)
        #expect(hasFinder(matrix, row: 0, column: 0))
        #expect(hasFinder(matrix, row: 0, column: matrix.size - 7))
        #expect(hasFinder(matrix, row: matrix.size - 7, column: 0))
        #expect(!hasFinder(matrix, row: matrix.size - 7, column: matrix.size - 7))
        #expect(try QRCodeMatrix(encoding: Self.payload) == matrix)
    }

    @Test func higherErrorCorrectionNeedsALargerSymbol() throws {
        let low = try QRCodeMatrix(encoding: Self.payload, errorCorrection: .low)
        let high = try QRCodeMatrix(encoding: Self.payload, errorCorrection: .high)
        #expect(high.version > low.version)
    }

    @Test func encodingErrors() {
        #expect(throws: PaymentsError.qrEncoding(reason: "the text is too long for a QR Code symbol (ERANGE)")) {
            try QRCodeMatrix(encoding: String(repeating: "x", count: 4000), errorCorrection: .high)
        }
        #expect(throws: PaymentsError.qrEncoding(reason: "the text contains a NUL byte")) {
            try QRCodeMatrix(encoding: "a\u{0}b")
        }
    }

    @Test func layoutRanges() throws {
        #expect(throws: PaymentsError.self) { try QRLayout(scale: 0) }
        #expect(throws: PaymentsError.self) { try QRLayout(scale: 65) }
        #expect(throws: PaymentsError.self) { try QRLayout(scale: 4, quietZone: -1) }
        let matrix = try QRCodeMatrix(encoding: Self.payload)
        let fitted = try QRLayout.fitting(matrix, into: 300)
        #expect(abs(fitted.side(for: matrix) - 300) <= (matrix.size + 8) / 2 + 1)
    }

    @Test(arguments: [(1, 0), (3, 4), (5, 2), (8, 4)])
    func bitmapMatchesModules(_ scale: Int, _ quietZone: Int) throws {
        let matrix = try QRCodeMatrix(encoding: Self.payload)
        let layout = try QRLayout(scale: scale, quietZone: quietZone)
        let bitmap = matrix.bitmap(layout: layout)
        let side = (matrix.size + 2 * quietZone) * scale
        #expect(bitmap.width == side && bitmap.height == side)
        #expect(bitmap.bytesPerRow == (side + 7) / 8)
        #expect(bitmap.bytes.count == side * bitmap.bytesPerRow)
        for y in 0..<side {
            for x in 0..<side {
                let row = y / scale - quietZone, column = x / scale - quietZone
                let dark = (0..<matrix.size).contains(row) && (0..<matrix.size).contains(column) && matrix[row, column]
                guard bitmap.isDark(x: x, y: y) == dark else {
                    Issue.record("pixel \(x),\(y) differs"); return
                }
            }
        }
        // Padding bits at the end of each row stay light (0).
        let padding = bitmap.bytesPerRow * 8 - side
        if padding > 0 {
            let mask = UInt8(0xFF >> (8 - padding))
            #expect((0..<side).allSatisfy { bitmap.bytes[$0 * bitmap.bytesPerRow + bitmap.bytesPerRow - 1] & mask == 0 })
        }
    }

    @Test func rasterIsMostSignificantBitFirst() throws {
        // A 21-module symbol of which only the top left module is dark, no quiet zone, scale 1.
        var modules = [Bool](repeating: false, count: 21 * 21)
        modules[0] = true
        modules[9] = true
        let bitmap = try QRCodeMatrix(size: 21, modules: modules).bitmap(layout: try QRLayout(scale: 1, quietZone: 0))
        #expect(Array(bitmap.bytes[0..<3]) == [0x80, 0x40, 0x00])
        #expect(bitmap.bytesPerRow == 3)
        #expect(throws: PaymentsError.self) { try QRCodeMatrix(size: 22, modules: [Bool](repeating: false, count: 22 * 22)) }
        #expect(throws: PaymentsError.self) { try QRCodeMatrix(size: 21, modules: Array(modules.dropLast())) }
    }
}
