import CFreeType
import Foundation

/// Renders a line of text into a 1-bit raster for `GS v 0`, with FreeType and a TrueType font
/// from Debian (fonts-dejavu-core by default): the path for printers without a Vietnamese code
/// page. Text is composed to NFC first, so every Vietnamese letter is one precomposed glyph
/// (DejaVu Sans has them all) and no shaping engine is needed.
public struct TextRaster: Sendable {
    /// A 1-bit image, rows of `widthBytes` bytes, most significant bit = leftmost dot.
    public struct Image: Sendable, Hashable {
        public var widthBytes: Int
        public var height: Int
        public var dots: [UInt8]

        /// True when the dot at (x, y) is black.
        public func isSet(x: Int, y: Int) -> Bool {
            dots[y * widthBytes + x / 8] & (0x80 >> UInt8(x % 8)) != 0
        }
    }

    public static let defaultFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

    public var fontPath: String
    /// Printable width in dots (576 for 80 mm paper at 203 dpi, 384 for 58 mm).
    public var widthDots: Int

    public init(fontPath: String = TextRaster.defaultFont, widthDots: Int = 576) {
        self.fontPath = fontPath
        self.widthDots = widthDots
    }

    /// Renders `text` at `pixelHeight` dots per em, centred, clipped to the width.
    public func render(_ text: String, pixelHeight: Int = 28) throws(USBError) -> Image {
        try open().render(text, pixelHeight: pixelHeight)
    }

    /// The font opened once, for several lines (a ticket's).
    public func open() throws(USBError) -> OpenFont {
        try OpenFont(fontPath: fontPath, widthDots: widthDots)
    }
}

/// A TrueType font loaded by FreeType, ready to render lines; released with the value.
public final class OpenFont {
    private let library: FT_Library
    private let face: FT_Face
    private let fontPath: String
    private let widthDots: Int

    // FreeType load flags (freetype.h): FT_LOAD_RENDER, FT_LOAD_TARGET_MONO (function-like
    // macro, not imported: FT_RENDER_MODE_MONO << 16).
    private static let loadRender: Int32 = 1 << 2
    private static let loadTargetMono: Int32 = 2 << 16

    init(fontPath: String, widthDots: Int) throws(USBError) {
        var library: FT_Library?
        guard FT_Init_FreeType(&library) == 0, let library else { throw .invalidRequest("FreeType cannot start") }
        var face: FT_Face?
        guard FT_New_Face(library, fontPath, 0, &face) == 0, let face else {
            FT_Done_FreeType(library)
            throw .invalidRequest("font \(fontPath) cannot be loaded (Debian package fonts-dejavu-core)")
        }
        self.library = library
        self.face = face
        self.fontPath = fontPath
        self.widthDots = widthDots
    }

    deinit {
        FT_Done_Face(face)
        FT_Done_FreeType(library)
    }

    /// Renders `text` at `pixelHeight` dots per em, centred, clipped to the width.
    public func render(_ text: String, pixelHeight: Int = 28) throws(USBError) -> TextRaster.Image {
        guard FT_Set_Pixel_Sizes(face, 0, FT_UInt(pixelHeight)) == 0 else {
            throw .invalidRequest("font \(fontPath) has no size \(pixelHeight) px")
        }
        let metrics = face.pointee.size.pointee.metrics
        let ascender = Int(metrics.ascender >> 6)
        let height = max(1, Int((metrics.ascender - metrics.descender) >> 6) + 2)
        struct Glyph { var bits: [UInt8]; var pitch: Int; var rows: Int; var width: Int; var left: Int; var top: Int; var advance: Int }
        var glyphs: [Glyph] = []
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            let index = FT_Get_Char_Index(face, FT_ULong(scalar.value))
            guard index != 0 else {
                throw .invalidRequest("font \(fontPath) has no glyph for U+\(String(scalar.value, radix: 16, uppercase: true))")
            }
            guard FT_Load_Glyph(face, index, Self.loadRender | Self.loadTargetMono) == 0 else {
                throw .invalidRequest("FreeType cannot render U+\(String(scalar.value, radix: 16, uppercase: true))")
            }
            let slot = face.pointee.glyph.pointee
            let bitmap = slot.bitmap
            let pitch = Int(abs(bitmap.pitch))
            let bits = bitmap.buffer.map { Array(UnsafeBufferPointer(start: $0, count: pitch * Int(bitmap.rows))) } ?? []
            glyphs.append(Glyph(bits: bits, pitch: pitch, rows: Int(bitmap.rows), width: Int(bitmap.width),
                                left: Int(slot.bitmap_left), top: Int(slot.bitmap_top), advance: Int(slot.advance.x >> 6)))
        }
        let widthBytes = (widthDots + 7) / 8
        var dots = [UInt8](repeating: 0, count: widthBytes * height)
        let total = glyphs.reduce(0) { $0 + $1.advance }
        var penX = max(0, (widthDots - total) / 2)
        for glyph in glyphs {
            for row in 0..<glyph.rows {
                let y = ascender - glyph.top + row + 1
                guard y >= 0, y < height else { continue }
                for column in 0..<glyph.width where glyph.bits[row * glyph.pitch + column / 8] & (0x80 >> UInt8(column % 8)) != 0 {
                    let x = penX + glyph.left + column
                    guard x >= 0, x < widthDots else { continue }
                    dots[y * widthBytes + x / 8] |= 0x80 >> UInt8(x % 8)
                }
            }
            penX += glyph.advance
        }
        return TextRaster.Image(widthBytes: widthBytes, height: height, dots: dots)
    }
}
