public import KioskBase
public import Foundation

/// The queue ticket: station name, queue number, service, time, the resident's name (masked as
/// configured) and a QR code with the visit reference, rendered to ESC/POS bytes.
public struct Ticket: Sendable {
    /// How much of the resident's name is printed.
    public enum NameMasking: String, Sendable {
        /// Not printed at all.
        case hidden
        /// Family name in full, other words as initials: "Nguyễn V. A.".
        case initials
        /// Printed in full.
        case full
    }

    public var stationName: String
    public var queueNumber: String
    public var service: String
    public var time: Date
    public var residentName: Redacted<String>?
    public var visitReference: String

    public init(stationName: String, queueNumber: String, service: String, time: Date, residentName: Redacted<String>?, visitReference: String) {
        self.stationName = stationName
        self.queueNumber = queueNumber
        self.service = service
        self.time = time
        self.residentName = residentName
        self.visitReference = visitReference
    }

    /// The name as it will be printed.
    public static func mask(_ name: String, _ masking: NameMasking) -> String? {
        switch masking {
        case .hidden: return nil
        case .full: return name
        case .initials:
            let words = name.split(separator: " ")
            guard let family = words.first else { return nil }
            return ([String(family)] + words.dropFirst().map { "\($0.prefix(1))." }).joined(separator: " ")
        }
    }

    /// The ESC/POS bytes of the ticket for `profile`.
    public func render(profile: PrinterProfile, masking: NameMasking, timeZone: TimeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!) throws(USBError) -> [UInt8] {
        let mode = try profile.textMode()
        // The font is opened once for the ticket's lines.
        let font = mode == .raster
            ? try TextRaster(fontPath: profile.rasterFont ?? TextRaster.defaultFont, widthDots: profile.widthDots).open() : nil
        var p = ESCPOS()
        /// One line of Vietnamese text in the profile's text mode; `scale` for the queue number.
        func text(_ line: String, scale: UInt8 = 1) throws(USBError) {
            switch mode {
            case .codePage:
                p.size(width: scale, height: scale)
                p.line(try CP1258.encode(line))
                p.size(width: 1, height: 1)
            case .asciiFolding:
                p.size(width: scale, height: scale)
                p.line(TextFolding.ascii(line))
                p.size(width: 1, height: 1)
            case .raster:
                guard let font else { return }
                let image = try font.render(line, pixelHeight: 28 * Int(scale))
                try p.raster(widthBytes: image.widthBytes, height: image.height, dots: image.dots)
            }
        }
        p.initialize()
        if mode == .codePage, let page = profile.cp1258Page { p.codePage(page) }
        p.align(.center)
        p.bold(true)
        try text(stationName)
        p.bold(false)
        try text(service)
        try text(queueNumber, scale: 4)
        if let name = residentName.flatMap({ Self.mask($0.unredacted, masking) }) {
            try text(name)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: time)
        func two(_ n: Int?) -> String { String(format: "%02d", n ?? 0) }
        p.line(Array("\(two(c.hour)):\(two(c.minute)) \(two(c.day))/\(two(c.month))/\(c.year ?? 0)".utf8))
        try p.qrCode(Array(visitReference.utf8), moduleSize: 6, errorCorrection: .medium)
        p.line(Array(visitReference.utf8))
        p.feed(lines: 2)
        p.cut()
        return p.bytes
    }
}
