/// A command APDU (ISO/IEC 7816-4 §5.1): header, optional command data, optional Le.
///
/// `le` is the number of response bytes expected, Nₑ: `nil` for no Le field, 1…256 fits the
/// short encoding (256 is written as `00`), up to 65536 needs the extended one (65536 is
/// written as `0000`).
public struct CommandAPDU: Hashable, Sendable {
    /// Largest Nₑ in the short encoding.
    public static let maximumShortLe = 256
    /// Largest Nₑ in the extended encoding.
    public static let maximumExtendedLe = 65536
    /// Largest Nc in the short encoding.
    public static let maximumShortDataLength = 255
    /// Largest Nc in the extended encoding.
    public static let maximumExtendedDataLength = 65535

    public var cla: UInt8
    public var ins: UInt8
    public var p1: UInt8
    public var p2: UInt8
    public var data: [UInt8]
    public var le: Int?

    public init(cla: UInt8, ins: UInt8, p1: UInt8, p2: UInt8, data: [UInt8] = [], le: Int? = nil) {
        self.cla = cla
        self.ins = ins
        self.p1 = p1
        self.p2 = p2
        self.data = data
        self.le = le
    }

    /// True when the command only fits the extended encoding.
    public var requiresExtendedLength: Bool {
        data.count > Self.maximumShortDataLength || (le ?? 0) > Self.maximumShortLe
    }

    /// Encodes the command; the short form is used whenever it fits, unless `extended` forces
    /// the extended form.
    public func encoded(extended: Bool = false) throws(SmartCardError) -> [UInt8] {
        guard data.count <= Self.maximumExtendedDataLength else {
            throw .invalidCommand("Nc \(data.count) exceeds \(Self.maximumExtendedDataLength)")
        }
        if let le, le < 1 || le > Self.maximumExtendedLe {
            throw .invalidCommand("Le \(le) outside 1…\(Self.maximumExtendedLe)")
        }
        var bytes: [UInt8] = [cla, ins, p1, p2]
        bytes.reserveCapacity(4 + 3 + data.count + 3)
        if extended || requiresExtendedLength {
            if !data.isEmpty {
                bytes += [0x00, UInt8(data.count >> 8), UInt8(data.count & 0xFF)]
                bytes += data
            }
            if let le {
                let field = le == Self.maximumExtendedLe ? 0 : le
                if data.isEmpty { bytes.append(0x00) }
                bytes += [UInt8(field >> 8), UInt8(field & 0xFF)]
            }
        } else {
            if !data.isEmpty {
                bytes.append(UInt8(data.count))
                bytes += data
            }
            if let le {
                bytes.append(UInt8(truncatingIfNeeded: le))
            }
        }
        return bytes
    }

    /// Decodes a command APDU in either encoding (the card side of a link uses this).
    public init(bytes: [UInt8]) throws(SmartCardError) {
        guard bytes.count >= 4 else { throw .invalidCommand("\(bytes.count) bytes, header needs 4") }
        self.init(cla: bytes[0], ins: bytes[1], p1: bytes[2], p2: bytes[3])
        let body = Array(bytes[4...])
        if body.isEmpty { return }
        if body.count == 1 {
            le = body[0] == 0 ? Self.maximumShortLe : Int(body[0])
            return
        }
        if body[0] != 0 {
            let nc = Int(body[0])
            switch body.count {
            case 1 + nc:
                data = Array(body[1...])
            case 2 + nc:
                data = Array(body[1..<(1 + nc)])
                le = body[1 + nc] == 0 ? Self.maximumShortLe : Int(body[1 + nc])
            default:
                throw .invalidCommand("short body of \(body.count) bytes does not match Lc \(nc)")
            }
            return
        }
        guard body.count >= 3 else { throw .invalidCommand("extended body of \(body.count) bytes") }
        let first = Int(body[1]) << 8 | Int(body[2])
        if body.count == 3 {
            le = first == 0 ? Self.maximumExtendedLe : first
            return
        }
        let nc = first
        guard nc > 0 else { throw .invalidCommand("extended Lc of 0") }
        switch body.count {
        case 3 + nc:
            data = Array(body[3...])
        case 5 + nc:
            data = Array(body[3..<(3 + nc)])
            let field = Int(body[3 + nc]) << 8 | Int(body[4 + nc])
            le = field == 0 ? Self.maximumExtendedLe : field
        default:
            throw .invalidCommand("extended body of \(body.count) bytes does not match Lc \(nc)")
        }
    }
}
