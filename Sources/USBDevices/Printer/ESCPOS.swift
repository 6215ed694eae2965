/// ESC/POS command bytes (Epson ESC/POS command reference), built into one buffer that goes
/// to the printer's bulk OUT endpoint.
public struct ESCPOS: Sendable, Hashable {
    /// Horizontal alignment (`ESC a n`).
    public enum Alignment: UInt8, Sendable { case left = 0, center = 1, right = 2 }
    /// QR error-correction level (`GS ( k` function 169).
    public enum QRErrorCorrection: UInt8, Sendable { case low = 48, medium = 49, quartile = 50, high = 51 }

    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// `ESC @`: clears the buffer and resets modes.
    public mutating func initialize() { bytes += [0x1B, 0x40] }
    /// `ESC a n`.
    public mutating func align(_ alignment: Alignment) { bytes += [0x1B, 0x61, alignment.rawValue] }
    /// `ESC E n`: emphasized (bold) on or off.
    public mutating func bold(_ on: Bool) { bytes += [0x1B, 0x45, on ? 1 : 0] }
    /// `ESC - n`: underline off, 1 dot or 2 dots.
    public mutating func underline(_ dots: UInt8) { bytes += [0x1B, 0x2D, min(dots, 2)] }
    /// `GS ! n`: character size, width and height multipliers 1–8.
    public mutating func size(width: UInt8, height: UInt8) {
        let w = min(max(width, 1), 8) - 1, h = min(max(height, 1), 8) - 1
        bytes += [0x1D, 0x21, (w << 4) | h]
    }
    /// `ESC t n`: selects the character code table.
    public mutating func codePage(_ page: UInt8) { bytes += [0x1B, 0x74, page] }
    /// Raw bytes already encoded for the selected code page, followed by LF.
    public mutating func line(_ encoded: [UInt8]) { bytes += encoded + [0x0A] }
    /// `ESC d n`: prints and feeds n lines.
    public mutating func feed(lines: UInt8) { bytes += [0x1B, 0x64, lines] }
    /// `GS V 66 n`: feeds n dots and cuts (partial cut, the only one every model has).
    public mutating func cut(feed: UInt8 = 3) { bytes += [0x1D, 0x56, 0x42, feed] }

    /// A native QR code: `GS ( k` functions 165 (model 2), 167 (module size), 169 (error
    /// correction), 180 (store the data) and 181 (print).
    public mutating func qrCode(_ data: [UInt8], moduleSize: UInt8 = 6, errorCorrection: QRErrorCorrection = .medium) throws(USBError) {
        guard !data.isEmpty, data.count <= 7089 else {
            throw .invalidRequest("QR data of \(data.count) bytes: expected 1 to 7089")
        }
        bytes += [0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]             // 165: model 2
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, min(max(moduleSize, 1), 16)]  // 167: module size
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, errorCorrection.rawValue]  // 169: error correction
        let stored = data.count + 3
        bytes += [0x1D, 0x28, 0x6B, UInt8(stored & 0xFF), UInt8(stored >> 8), 0x31, 0x50, 0x30] + data  // 180: store
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30]                      // 181: print
    }

    /// `GS v 0`: a raster image, 1 bit per dot, rows of `widthBytes` bytes, MSB = leftmost dot.
    public mutating func raster(widthBytes: Int, height: Int, dots: [UInt8]) throws(USBError) {
        guard widthBytes > 0, widthBytes <= 0xFFFF, height > 0, height <= 2303, dots.count == widthBytes * height else {
            throw .invalidRequest("raster image \(widthBytes) bytes x \(height) rows with \(dots.count) bytes of dots: expected width 1–65535, height 1–2303 and width x height bytes")
        }
        bytes += [0x1D, 0x76, 0x30, 0x00, UInt8(widthBytes & 0xFF), UInt8(widthBytes >> 8), UInt8(height & 0xFF), UInt8(height >> 8)]
        bytes += dots
    }

    /// `DLE EOT n`: real-time status request (1 printer, 2 offline cause, 4 roll paper sensor).
    public static func statusRequest(_ n: UInt8) -> [UInt8] { [0x10, 0x04, n] }
}
