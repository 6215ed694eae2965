public import KioskBase

/// One decoded scan: the AIM symbology identifier when the scanner sent one (`]Q1` = QR code),
/// the bytes exactly as received, the text when the bytes are UTF-8, and what the content is.
///
/// Its description never shows the content: a CCCD front QR carries the resident's ID
/// number, name, date of birth and address.
public struct ScanEvent: Sendable, Hashable, CustomStringConvertible {
    /// What the scanned content is.
    public enum Kind: Sendable, Hashable {
        /// The QR code on the front of a chip citizen ID card (CCCD): `ID|old ID|name|DOB|sex|address|issue date`.
        /// The card number is the key to the chip (with the date of birth).
        case cccdFrontQR(citizenID: Redacted<String>)
        /// An EMVCo merchant-presented QR (VietQR).
        case vietQR
        /// Anything else.
        case other
    }

    public var symbology: String?
    public var bytes: [UInt8]
    public var text: Redacted<String>?
    public var kind: Kind

    public init(symbology: String?, bytes: [UInt8]) {
        self.symbology = symbology
        self.bytes = bytes
        let decoded = String(validating: bytes, as: UTF8.self)
        self.text = decoded.map(Redacted.init)
        self.kind = Self.classify(decoded)
    }

    public var description: String {
        let what = switch kind {
        case .cccdFrontQR: "CCCD front QR"
        case .vietQR: "VietQR"
        case .other: "other"
        }
        return "scan(\(what), \(bytes.count) bytes, symbology \(symbology ?? "none"))"
    }

    /// The kind as logs and `kioskctl devices --json` name it: `cccd-front-qr`, `vietqr`, `other`.
    public var kindLabel: String {
        switch kind {
        case .cccdFrontQR: "cccd-front-qr"
        case .vietQR: "vietqr"
        case .other: "other"
        }
    }

    /// Recognises the CCCD front QR by its shape (7 `|`-separated fields, a 12-digit ID and
    /// an 8-digit date of birth) and VietQR by its EMVCo header and the NAPAS AID A000000727.
    static func classify(_ text: String?) -> Kind {
        guard let text else { return .other }
        let fields = text.split(separator: "|", omittingEmptySubsequences: false)
        if fields.count >= 6, fields[0].count == 12, fields[0].allSatisfy(\.isASCIIDigit),
           fields[3].count == 8, fields[3].allSatisfy(\.isASCIIDigit) {
            return .cccdFrontQR(citizenID: Redacted(String(fields[0])))
        }
        if text.hasPrefix("000201"), text.contains("A000000727") { return .vietQR }
        return .other
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
