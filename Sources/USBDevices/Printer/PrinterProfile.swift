/// What a printer model can do with text: the `ESC t` page of Windows-1258 if it has one,
/// and the text path chosen when it has none.
public struct PrinterProfile: Sendable, Hashable {
    /// How Vietnamese text reaches paper.
    public enum TextMode: String, Sendable, Hashable {
        /// Windows-1258 code page (base letter + combining tone mark bytes).
        case codePage
        /// Folded to ASCII (diacritics dropped); only when the configuration allows it.
        case asciiFolding
    }

    public var name: String
    /// `ESC t n` value of Windows-1258 (WPC1258), nil when the model has none.
    public var cp1258Page: UInt8?
    /// Printable width in characters of font A.
    public var columns: Int
    /// Allow ASCII folding when the model has no Vietnamese code page.
    public var allowASCIIFolding: Bool

    public init(name: String, cp1258Page: UInt8?, columns: Int = 48, allowASCIIFolding: Bool = false) {
        self.name = name
        self.cp1258Page = cp1258Page
        self.columns = columns
        self.allowASCIIFolding = allowASCIIFolding
    }

    /// Epson TM-T20/T82/T88 class: page 52 is WPC1258.
    public static let epsonTM = PrinterProfile(name: "epson-tm", cp1258Page: 52)
    /// A generic clone without a known Vietnamese page.
    public static let generic = PrinterProfile(name: "generic", cp1258Page: nil, columns: 48, allowASCIIFolding: true)

    /// The text mode for this profile, or an error when Vietnamese cannot be printed as text.
    public func textMode() throws(USBError) -> TextMode {
        if cp1258Page != nil { return .codePage }
        if allowASCIIFolding { return .asciiFolding }
        throw .invalidRequest("printer profile \(name) has no Windows-1258 code page and ASCII folding is off (set it in the configuration)")
    }
}
