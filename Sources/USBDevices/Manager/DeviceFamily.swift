/// The USB peripheral families kioskd drives itself (card readers go through pcscd).
public enum DeviceFamily: String, Sendable, Hashable, Codable, CaseIterable {
    case qrScanner = "qr-scanner"
    case receiptPrinter = "receipt-printer"
    case paymentTerminal = "payment-terminal"
}

/// How a scanner delivers its data; `auto` picks the mode from the interface descriptors.
public enum ScannerMode: String, Sendable, Hashable, Codable {
    case hidKeyboard = "hid-keyboard"
    case hidPOS = "hid-pos"
    case cdc = "cdc-acm"
    case auto
}

/// The driver that runs a matched device.
public enum DeviceDriver: Sendable, Hashable, Codable {
    /// A QR scanner in the given mode.
    case scanner(ScannerMode)
    /// An ESC/POS receipt printer (USB printer class or vendor-defined bulk interface).
    case escposPrinter
    /// A payment terminal link; the message protocol comes from the configuration.
    case paymentTerminal
    /// Known, but not usable (the hardware-docs page says why).
    case unsupported

    /// Short name for `kioskctl devices` and logs.
    public var name: String {
        switch self {
        case .scanner(let mode): "scanner/\(mode.rawValue)"
        case .escposPrinter: "escpos"
        case .paymentTerminal: "terminal"
        case .unsupported: "unsupported"
        }
    }
}
