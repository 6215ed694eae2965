/// Decodes a scanner in HID-POS mode (HID usage page 8Ch, bar code scanner): input reports of a
/// fixed layout carrying a length, the AIM symbology identifier, a slice of the data and a
/// "more data follows" flag. Slices are joined until a report without the flag. The bytes are
/// kept exactly as scanned (no keyboard layout), so UTF-8 content stays intact.
public struct HIDPOSDecoder: Sendable {
    /// Where the fields sit in the input report. The default is the Honeywell-style layout; a
    /// scanner with another layout gets its own value in its device profile.
    public struct Layout: Sendable, Hashable {
        public var reportID: UInt8
        public var lengthOffset: Int
        public var symbologyOffset: Int
        public var symbologyLength: Int
        public var dataOffset: Int
        public var dataCapacity: Int
        public var continuationOffset: Int
        public var continuationMask: UInt8

        public init(reportID: UInt8, lengthOffset: Int, symbologyOffset: Int, symbologyLength: Int, dataOffset: Int,
                    dataCapacity: Int, continuationOffset: Int, continuationMask: UInt8) {
            self.reportID = reportID
            self.lengthOffset = lengthOffset
            self.symbologyOffset = symbologyOffset
            self.symbologyLength = symbologyLength
            self.dataOffset = dataOffset
            self.dataCapacity = dataCapacity
            self.continuationOffset = continuationOffset
            self.continuationMask = continuationMask
        }

        /// Report 02h: length (byte 1), AIM identifier (bytes 2–4), data (bytes 5–60),
        /// continuation flag (byte 63, bit 0).
        public static let honeywell = Layout(reportID: 0x02, lengthOffset: 1, symbologyOffset: 2, symbologyLength: 3,
                                             dataOffset: 5, dataCapacity: 56, continuationOffset: 63, continuationMask: 0x01)

        /// The report size this layout needs.
        public var reportLength: Int { max(continuationOffset + 1, dataOffset + dataCapacity) }
    }

    public var layout: Layout
    public var maxLength: Int
    private var pending: [UInt8] = []
    private var symbology: String?

    public init(layout: Layout = .honeywell, maxLength: Int = 8192) {
        self.layout = layout
        self.maxLength = maxLength
    }

    /// Feeds one input report; returns the scan it completed, or nil (other report, or more to follow).
    public mutating func feed(_ report: [UInt8]) throws(USBError) -> ScanEvent? {
        guard let id = report.first else { throw .malformedInput(where: "HID-POS report", problem: "empty report") }
        guard id == layout.reportID else { return nil }
        guard report.count >= layout.reportLength else {
            throw .malformedInput(where: "HID-POS report 0x\(String(id, radix: 16))",
                                  problem: "\(report.count) bytes, expected at least \(layout.reportLength)")
        }
        let length = Int(report[layout.lengthOffset])
        guard length <= layout.dataCapacity else {
            pending = []
            throw .malformedInput(where: "HID-POS report length byte (offset \(layout.lengthOffset))",
                                  problem: "\(length) data bytes, at most \(layout.dataCapacity) fit")
        }
        let aim = report[layout.symbologyOffset..<(layout.symbologyOffset + layout.symbologyLength)]
        if symbology == nil, aim.first == UInt8(ascii: "]") { symbology = String(decoding: aim, as: UTF8.self) }
        pending += report[layout.dataOffset..<(layout.dataOffset + length)]
        guard pending.count <= maxLength else {
            pending = []
            symbology = nil
            throw .malformedInput(where: "HID-POS scan", problem: "more than \(maxLength) bytes in continued reports")
        }
        if report[layout.continuationOffset] & layout.continuationMask != 0 { return nil }
        defer { pending = []; symbology = nil }
        return ScanEvent(symbology: symbology, bytes: pending)
    }

    /// The feature report (SET_REPORT, type feature) that switches a Honeywell-style scanner
    /// into HID-POS scanning with host acknowledgement off: report id 04h, enable = 1.
    public static func enableFeatureReport(reportID: UInt8 = 0x04) -> [UInt8] { [reportID, 0x01] }
}
