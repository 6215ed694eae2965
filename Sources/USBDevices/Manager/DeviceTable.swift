/// VID:PID[:serial] → family and driver: the one table of USB peripherals the daemon drives.
/// Each row names the model and its page in `hardware-docs/`; `hardware-docs/devices.tsv` and
/// `udev/` are checked against it by `DeviceTableTests`. Configuration overrides come first.
public struct DeviceTable: Sendable {
    /// One row of the table.
    public struct Entry: Sendable, Hashable, Codable {
        public var vendorID: UInt16
        public var productID: UInt16
        /// Matches one unit only (config overrides); nil matches every serial number.
        public var serial: String?
        public var family: DeviceFamily
        public var driver: DeviceDriver
        public var model: String

        public init(vendorID: UInt16, productID: UInt16, serial: String? = nil, family: DeviceFamily, driver: DeviceDriver, model: String) {
            self.vendorID = vendorID
            self.productID = productID
            self.serial = serial
            self.family = family
            self.driver = driver
            self.model = model
        }

        /// `vvvv:pppp` in lower-case hex.
        public var id: String { "\(USBDeviceDescription.hex4(vendorID)):\(USBDeviceDescription.hex4(productID))" }
    }

    public private(set) var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// The built-in table with `overrides` (from the configuration) taking precedence.
    public static func standard(overrides: [Entry] = []) -> DeviceTable {
        DeviceTable(entries: overrides + builtIn)
    }

    /// The entry for a device: an exact serial match first, then the VID:PID row.
    public func match(vendorID: UInt16, productID: UInt16, serial: String?) -> Entry? {
        let candidates = entries.filter { $0.vendorID == vendorID && $0.productID == productID }
        if let serial, let exact = candidates.first(where: { $0.serial == serial }) { return exact }
        return candidates.first { $0.serial == nil }
    }

    /// Parses a config override `vvvv:pppp[:serial]` with its family and driver names
    /// (`qr-scanner` + `hid-pos|hid-keyboard|cdc-acm|auto`, `receipt-printer` + `escpos`,
    /// `payment-terminal` + `terminal`).
    public static func override(id: String, family: String, driver: String, model: String = "configured device") throws(USBError) -> Entry {
        let parts = id.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, parts[0].count == 4, parts[1].count == 4,
              let vid = UInt16(parts[0], radix: 16), let pid = UInt16(parts[1], radix: 16) else {
            throw .invalidRequest("device id '\(id)': expected vvvv:pppp[:serial] with 4 hex digits each")
        }
        guard let fam = DeviceFamily(rawValue: family) else {
            throw .invalidRequest("device \(id): unknown family '\(family)' (expected qr-scanner, receipt-printer or payment-terminal)")
        }
        let drv: DeviceDriver
        switch (fam, driver) {
        case (.qrScanner, let mode) where ScannerMode(rawValue: mode) != nil: drv = .scanner(ScannerMode(rawValue: mode)!)
        case (.receiptPrinter, "escpos"): drv = .escposPrinter
        case (.paymentTerminal, "terminal"): drv = .paymentTerminal
        default:
            throw .invalidRequest("device \(id): driver '\(driver)' does not fit family \(family) (expected hid-pos, hid-keyboard, cdc-acm or auto for a scanner, escpos for a printer, terminal for a payment terminal)")
        }
        return Entry(vendorID: vid, productID: pid, serial: parts.count == 3 && !parts[2].isEmpty ? parts[2] : nil,
                     family: fam, driver: drv, model: model)
    }

    private static func scanner(_ vid: UInt16, _ pid: UInt16, _ mode: ScannerMode, _ model: String) -> Entry {
        Entry(vendorID: vid, productID: pid, family: .qrScanner, driver: .scanner(mode), model: model)
    }
    private static func printer(_ vid: UInt16, _ pid: UInt16, _ model: String) -> Entry {
        Entry(vendorID: vid, productID: pid, family: .receiptPrinter, driver: .escposPrinter, model: model)
    }
    private static func terminal(_ vid: UInt16, _ pid: UInt16, _ model: String) -> Entry {
        Entry(vendorID: vid, productID: pid, family: .paymentTerminal, driver: .paymentTerminal, model: model)
    }
    private static func unsupported(_ vid: UInt16, _ pid: UInt16, _ family: DeviceFamily, _ model: String) -> Entry {
        Entry(vendorID: vid, productID: pid, family: family, driver: .unsupported, model: model)
    }

    static let builtIn: [Entry] = [
        // QR scanners: hardware-docs/qr-scanners.md
        scanner(0x1EAB, 0x1D10, .hidPOS, "Newland FM430, HID-POS mode"),
        scanner(0x1EAB, 0x1D06, .cdc, "Newland FM430, USB CDC mode"),
        scanner(0x1EAB, 0x1D03, .hidKeyboard, "Newland FM430, HID keyboard mode"),
        scanner(0x1EAB, 0x1A10, .hidPOS, "Newland HR22, HID-POS mode"),
        scanner(0x1EAB, 0x1A06, .cdc, "Newland HR22, USB CDC mode"),
        scanner(0x0C2E, 0x0B61, .auto, "Honeywell Vuquest 3310g"),
        scanner(0x0C2E, 0x0B81, .auto, "Honeywell Voyager 1400g series (2D variants only)"),
        scanner(0x05E0, 0x1200, .hidKeyboard, "Zebra/Symbol scanner, HID keyboard emulation (2D models, e.g. DS2208)"),
        scanner(0x05E0, 0x0600, .auto, "Zebra/Symbol scanner, Simple COM Port Emulation (2D models)"),
        scanner(0x05E0, 0x1701, .cdc, "Zebra/Symbol scanner, USB CDC host mode (2D models)"),
        unsupported(0x05E0, 0x1900, .qrScanner, "Zebra/Symbol scanner, SNAPI mode"),
        unsupported(0x05E0, 0x1300, .qrScanner, "Zebra/Symbol scanner, IBM hand-held USB (OPOS) mode"),
        // Payment terminals: hardware-docs/payment-terminals.md
        terminal(0x11CA, 0x0220, "Verifone VX 805 PIN pad"),
        terminal(0x11CA, 0x0207, "Verifone VX 810 PIN pad"),
        // Receipt printers: hardware-docs/receipt-printers.md
        printer(0x04B8, 0x0202, "Epson TM printers in USB vendor-defined class mode (TM-T20III, TM-T20IIIL, TM-T88VI; TM-T88IV with UB-U05)"),
        printer(0x04B8, 0x0E28, "Epson TM-T20III, USB printer class mode"),
        printer(0x04B8, 0x0E27, "Epson TM-T20IIIL, USB printer class mode"),
        printer(0x04B8, 0x0E21, "Epson TM-T88VI, USB printer class mode"),
        printer(0x04B8, 0x0E03, "Epson TM-T20"),
        printer(0x04B8, 0x0E15, "Epson TM-T20II"),
        printer(0x0416, 0x5011, "Generic 58/80 mm ESC/POS printers on a Winbond/Nuvoton USB controller (e.g. Xprinter)"),
        printer(0x1504, 0x001F, "Bixolon SRP-350II"),
    ]
}
