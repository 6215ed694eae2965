import Foundation

/// What a printer model can do with text: the `ESC t` page of Windows-1258 if it has one, the
/// font for rendering text as a raster image when it has none, and whether ASCII folding is
/// allowed as the last resort.
public struct PrinterProfile: Sendable, Hashable {
    /// How Vietnamese text reaches paper, best first.
    public enum TextMode: String, Sendable, Hashable {
        /// Windows-1258 code page (base letter + combining tone mark bytes).
        case codePage
        /// Rendered with FreeType into `GS v 0` raster images.
        case raster
        /// Folded to ASCII (diacritics dropped); only when the configuration allows it.
        case asciiFolding
    }

    public var name: String
    /// `ESC t n` value of Windows-1258 (WPC1258), nil when the model has none.
    public var cp1258Page: UInt8?
    /// TrueType font for raster text, nil for none.
    public var rasterFont: String?
    /// Printable width in dots (576 for 80 mm at 203 dpi, 384 for 58 mm).
    public var widthDots: Int
    /// Allow ASCII folding when neither a code page nor raster text is available.
    public var allowASCIIFolding: Bool

    public init(name: String, cp1258Page: UInt8?, rasterFont: String? = TextRaster.defaultFont, widthDots: Int = 576,
                allowASCIIFolding: Bool = false) {
        self.name = name
        self.cp1258Page = cp1258Page
        self.rasterFont = rasterFont
        self.widthDots = widthDots
        self.allowASCIIFolding = allowASCIIFolding
    }

    /// Epson TM-T20/T82/T88 class: page 52 is WPC1258.
    public static let epsonTM = PrinterProfile(name: "epson-tm", cp1258Page: 52)
    /// A clone without a known Vietnamese page: text as raster images.
    public static let generic = PrinterProfile(name: "generic", cp1258Page: nil)

    /// The text mode for this profile, or an error when Vietnamese cannot be printed.
    public func textMode() throws(USBError) -> TextMode {
        if cp1258Page != nil { return .codePage }
        if let rasterFont, FileManager.default.isReadableFile(atPath: rasterFont) { return .raster }
        if allowASCIIFolding { return .asciiFolding }
        throw .invalidRequest("printer profile \(name) has no Windows-1258 code page, its raster font \(rasterFont ?? "(none)") is not readable (Debian package fonts-dejavu-core), and ASCII folding is off")
    }
}
