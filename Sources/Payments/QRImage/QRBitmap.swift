/// A 1-bit image of a symbol: rows of bytes, most significant bit first, 1 = dark (a printed dot),
/// each row padded with light bits to whole bytes. This is the layout an ESC/POS `GS v 0` raster
/// command carries after its xL xH yL yH header (x = ``bytesPerRow``, y = ``height``).
public struct QRBitmap: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels (rows).
    public let height: Int
    /// Bytes per row: `(width + 7) / 8`.
    public let bytesPerRow: Int
    /// `height * bytesPerRow` bytes, top row first.
    public let bytes: [UInt8]

    /// Draws `matrix` with `layout`.
    public init(_ matrix: QRCodeMatrix, layout: QRLayout) {
        let side = layout.side(for: matrix)
        width = side
        height = side
        bytesPerRow = (side + 7) / 8
        var bytes = [UInt8](repeating: 0, count: side * bytesPerRow)
        var row = [UInt8](repeating: 0, count: bytesPerRow)
        for moduleRow in 0..<matrix.size {
            for index in row.indices { row[index] = 0 }
            for moduleColumn in 0..<matrix.size where matrix[moduleRow, moduleColumn] {
                let x0 = (moduleColumn + layout.quietZone) * layout.scale
                for x in x0..<x0 + layout.scale { row[x >> 3] |= 0x80 >> UInt8(x & 7) }
            }
            let y0 = (moduleRow + layout.quietZone) * layout.scale
            for y in y0..<y0 + layout.scale {
                bytes.replaceSubrange(y * bytesPerRow..<(y + 1) * bytesPerRow, with: row)
            }
        }
        self.bytes = bytes
    }

    /// Whether the pixel at `x`, `y` is dark.
    public func isDark(x: Int, y: Int) -> Bool {
        bytes[y * bytesPerRow + (x >> 3)] & (0x80 >> UInt8(x & 7)) != 0
    }
}
