public import USBDevices

/// A simulated ESC/POS printer: decodes what it receives into ``Event``s and answers
/// `DLE EOT n` from its ``status``.
public struct SimulatedPrinter: SimulatedPeripheral {
    /// What the printer did with the bytes it received.
    public enum Event: Sendable, Hashable {
        case initialize
        case codePage(UInt8)
        case align(UInt8)
        case bold(Bool)
        case size(UInt8)
        /// A printed line, as raw bytes in the selected code page.
        case line([UInt8])
        case qrCode([UInt8])
        case image(widthBytes: Int, height: Int)
        case feed(UInt8)
        case cut
        case statusRequest(UInt8)
        /// Bytes it could not interpret (offset in the stream).
        case unknown(offset: Int, byte: UInt8)
    }

    public var status: PrinterStatus
    public var inEndpoint: UInt8
    public private(set) var events: [Event] = []
    private var stream: [UInt8] = []
    private var qrStore: [UInt8] = []

    public init(status: PrinterStatus = PrinterStatus(), inEndpoint: UInt8 = 0x81) {
        self.status = status
        self.inEndpoint = inEndpoint
    }

    public mutating func received(_ bytes: [UInt8], on endpoint: UInt8) -> [(endpoint: UInt8, bytes: [UInt8])] {
        // Commands may be split across transfers: decode what is complete, keep the rest.
        stream += bytes
        let (decoded, consumed) = Self.decodeComplete(stream)
        stream.removeFirst(consumed)
        events += decoded
        return decoded.compactMap { event in
            if case .statusRequest(let n) = event { return (inEndpoint, [answer(n)]) }
            return nil
        }
    }

    /// The answer byte to `DLE EOT n` for the current status.
    public func answer(_ n: UInt8) -> UInt8 {
        var byte: UInt8 = 0x12
        switch n {
        case 1: if !status.canPrint { byte |= 0x08 }
        case 2:
            if status.coverOpen { byte |= 0x04 }
            if status.paperEnd { byte |= 0x20 }
            if status.error { byte |= 0x40 }
        case 4:
            if status.paperNearEnd { byte |= 0x0C }
            if status.paperEnd { byte |= 0x60 }
        default: break
        }
        return byte
    }

    /// Decodes a whole ESC/POS byte stream (the commands ``ESCPOS`` emits) into events.
    public static func decode(_ bytes: [UInt8]) -> [Event] {
        var (events, consumed) = decodeComplete(bytes)
        if consumed < bytes.count { events.append(.line(Array(bytes[consumed...]))) }
        return events
    }

    /// Decodes the complete commands and lines at the start of `bytes`; returns them and how
    /// many bytes they took (the rest is an unfinished command or line).
    static func decodeComplete(_ bytes: [UInt8]) -> ([Event], Int) {
        var events: [Event] = []
        var line: [UInt8] = []
        var i = 0
        var consumed = 0
        func at(_ k: Int) -> UInt8? { k < bytes.count ? bytes[k] : nil }
        func need(_ n: Int) -> Bool { i + n <= bytes.count }
        while i < bytes.count {
            if line.isEmpty { consumed = i }
            let b = bytes[i]
            let fixed: Int? = switch (b, at(i + 1)) {
            case (0x1B, 0x40): 2
            case (0x1B, _), (0x10, _), (0x1D, 0x21): 3
            case (0x1D, 0x56): (at(i + 2) ?? 0) >= 0x41 ? 4 : 3
            case (0x1D, 0x28): at(i + 4) == nil ? 5 : 5 + (Int(at(i + 3) ?? 0) | Int(at(i + 4) ?? 0) << 8)
            case (0x1D, 0x76): at(i + 7) == nil ? 8 : 8 + (Int(at(i + 4) ?? 0) | Int(at(i + 5) ?? 0) << 8) * (Int(at(i + 6) ?? 0) | Int(at(i + 7) ?? 0) << 8)
            case (0x1D, _): 2
            default: nil
            }
            if let fixed, !need(fixed) { return (events, consumed) }
            switch (b, at(i + 1)) {
            case (0x1B, 0x40): events.append(.initialize); i += 2
            case (0x1B, 0x74): events.append(.codePage(at(i + 2) ?? 0)); i += 3
            case (0x1B, 0x61): events.append(.align(at(i + 2) ?? 0)); i += 3
            case (0x1B, 0x45): events.append(.bold((at(i + 2) ?? 0) != 0)); i += 3
            case (0x1B, 0x2D): i += 3
            case (0x1B, 0x64): events.append(.feed(at(i + 2) ?? 0)); i += 3
            case (0x1D, 0x21): events.append(.size(at(i + 2) ?? 0)); i += 3
            case (0x1D, 0x56): events.append(.cut); i += (at(i + 2) ?? 0) >= 0x41 ? 4 : 3
            case (0x10, 0x04): events.append(.statusRequest(at(i + 2) ?? 0)); i += 3
            case (0x1D, 0x28) where at(i + 2) == 0x6B:
                let length = Int(at(i + 3) ?? 0) | Int(at(i + 4) ?? 0) << 8
                let fn = at(i + 6)
                if fn == 0x50 { events.append(.qrCode(Array(bytes[min(i + 8, bytes.count)..<min(i + 5 + length, bytes.count)]))) }
                i += 5 + length
            case (0x1D, 0x76) where at(i + 2) == 0x30:
                let w = Int(at(i + 4) ?? 0) | Int(at(i + 5) ?? 0) << 8
                let h = Int(at(i + 6) ?? 0) | Int(at(i + 7) ?? 0) << 8
                events.append(.image(widthBytes: w, height: h))
                i += 8 + w * h
            case (0x0A, _):
                events.append(.line(line)); line = []; i += 1
            default:
                if b < 0x20 { events.append(.unknown(offset: i, byte: b)) } else { line.append(b) }
                i += 1
            }
        }
        return (events, line.isEmpty ? bytes.count : consumed)
    }
}
