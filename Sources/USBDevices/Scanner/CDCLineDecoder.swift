/// Decodes a scanner in USB CDC-ACM mode: a byte stream on the bulk IN endpoint, one scan per
/// line (ended by CR, LF or CR LF). Bytes are kept as received, so UTF-8 content stays intact.
public struct CDCLineDecoder: Sendable {
    public var maxLength: Int
    public var aimPrefix: Bool
    private var line: [UInt8] = []
    private var lastWasCR = false

    public init(maxLength: Int = 8192, aimPrefix: Bool = false) {
        self.maxLength = maxLength
        self.aimPrefix = aimPrefix
    }

    /// Feeds a chunk of the stream; returns the scans it completed.
    public mutating func feed(_ bytes: [UInt8]) throws(USBError) -> [ScanEvent] {
        var scans: [ScanEvent] = []
        for byte in bytes {
            if byte == 0x0D || byte == 0x0A {
                if !(byte == 0x0A && lastWasCR), !line.isEmpty {
                    scans.append(ScanEvent.terminated(line, aimPrefix: aimPrefix))
                }
                line = []
                lastWasCR = byte == 0x0D
                continue
            }
            lastWasCR = false
            line.append(byte)
            if line.count > maxLength {
                line = []
                throw .malformedInput(where: "CDC scanner stream", problem: "more than \(maxLength) bytes without CR or LF")
            }
        }
        return scans
    }
}
