public import SmartCard

/// A card holding plain transparent files, read without any access control: SELECT by file
/// identifier (or an application by name), READ BINARY with offsets (even INS `B0`, short EF
/// identifiers, odd INS `B1` for offsets past 32767) and GET RESPONSE.
///
/// It is the unprotected baseline for link benchmarks and the card for PC/SC tests; the
/// ``Behaviour`` switches make it answer `61xx` or `6Cxx` the way some chips do.
public struct FileSystemApplet: CardApplet {
    /// How the card delivers READ BINARY data.
    public struct Behaviour: Sendable, Hashable {
        /// Answer READ BINARY with `61xx` and no data, then hand the data out through GET RESPONSE
        /// in pieces of at most this many bytes (as T=0 cards do).
        public var getResponseChunk: Int?
        /// Answer `6Cxx` (the exact length) whenever Le differs from the bytes available.
        public var requireExactLe: Bool
        /// Accept extended-length commands; otherwise answer them with `6700`.
        public var extendedLength: Bool

        public init(getResponseChunk: Int? = nil, requireExactLe: Bool = false, extendedLength: Bool = true) {
            self.getResponseChunk = getResponseChunk
            self.requireExactLe = requireExactLe
            self.extendedLength = extendedLength
        }
    }

    /// An ATR offering T=0 and T=1 whose historical bytes announce extended Lc/Le.
    public static let defaultAnswerToReset: [UInt8] = withChecksum([0x3B, 0x85, 0x80, 0x01, 0x80, 0x73, 0x00, 0x00, 0x40])

    /// Largest data field a vpcd frame can carry with the status word.
    public static let maximumResponseData = 0xFFFF - 2

    public var answerToReset: [UInt8]
    public var files: [UInt16: [UInt8]]
    public var applications: Set<[UInt8]>
    public var behaviour: Behaviour

    private var selected: UInt16?
    private var pending: [UInt8] = []

    /// - Parameters:
    ///   - files: file contents by file identifier (`0x011E` EF.COM, `0x0101` DG1 …). A short EF
    ///     identifier addresses the file whose identifier's low byte equals it.
    ///   - applications: names (AIDs) that SELECT by name accepts.
    public init(files: [UInt16: [UInt8]], applications: Set<[UInt8]> = [],
                answerToReset: [UInt8] = FileSystemApplet.defaultAnswerToReset, behaviour: Behaviour = Behaviour()) {
        self.files = files
        self.applications = applications
        self.answerToReset = answerToReset
        self.behaviour = behaviour
    }

    public mutating func reset() {
        selected = nil
        pending = []
    }

    public mutating func handle(_ command: CommandAPDU) -> ResponseAPDU {
        if !behaviour.extendedLength && command.requiresExtendedLength {
            return ResponseAPDU(statusWord: .wrongLength)
        }
        if command.ins != 0xC0 { pending = [] }
        switch command.ins {
        case 0xA4: return select(command)
        case 0xB0: return readBinary(command)
        case 0xB1: return readBinaryOdd(command)
        case 0xC0: return getResponse(command)
        default: return ResponseAPDU(statusWord: .instructionNotSupported)
        }
    }

    private mutating func select(_ command: CommandAPDU) -> ResponseAPDU {
        switch command.p1 {
        case 0x00 where command.data.isEmpty:
            selected = nil
            return ResponseAPDU(statusWord: .success)
        case 0x00, 0x01, 0x02:
            guard command.data.count == 2 else { return ResponseAPDU(statusWord: .wrongLength) }
            let fid = UInt16(command.data[0]) << 8 | UInt16(command.data[1])
            if fid == 0x3F00 {
                selected = nil
                return ResponseAPDU(statusWord: .success)
            }
            guard files[fid] != nil else { return ResponseAPDU(statusWord: .fileNotFound) }
            selected = fid
            return ResponseAPDU(statusWord: .success)
        case 0x04:
            guard applications.contains(command.data) else { return ResponseAPDU(statusWord: .fileNotFound) }
            selected = nil
            return ResponseAPDU(statusWord: .success)
        default:
            return ResponseAPDU(statusWord: .incorrectParameters)
        }
    }

    private mutating func readBinary(_ command: CommandAPDU) -> ResponseAPDU {
        let offset: Int
        if command.p1 & 0x80 != 0 {
            let shortID = UInt16(command.p1 & 0x1F)
            guard let fid = files.keys.first(where: { $0 & 0xFF == shortID }) else {
                return ResponseAPDU(statusWord: .fileNotFound)
            }
            selected = fid
            offset = Int(command.p2)
        } else {
            offset = Int(command.p1) << 8 | Int(command.p2)
        }
        return read(offset: offset, le: command.le, wrap: false)
    }

    private mutating func readBinaryOdd(_ command: CommandAPDU) -> ResponseAPDU {
        let data = command.data
        guard data.count >= 3, data[0] == 0x54, Int(data[1]) == data.count - 2, data.count - 2 <= 3 else {
            return ResponseAPDU(statusWord: .incorrectData)
        }
        let offset = data[2...].reduce(0) { $0 << 8 | Int($1) }
        return read(offset: offset, le: command.le, wrap: true)
    }

    private mutating func read(offset: Int, le: Int?, wrap: Bool) -> ResponseAPDU {
        guard let fid = selected, let content = files[fid] else {
            return ResponseAPDU(statusWord: .conditionsNotSatisfied)
        }
        guard let le else { return ResponseAPDU(statusWord: .wrongLength) }
        guard offset <= content.count else { return ResponseAPDU(statusWord: .wrongParameters) }
        let overhead = wrap ? 4 : 0
        let available = min(content.count - offset, Self.maximumResponseData - overhead)
        let count = min(available, max(0, le - overhead))
        if behaviour.requireExactLe && le != available + overhead && available + overhead <= CommandAPDU.maximumShortLe {
            return ResponseAPDU(statusWord: .correctLength(available + overhead))
        }
        var data = Array(content[offset..<(offset + count)])
        if wrap { data = [0x53] + Self.berLength(data.count) + data }
        if let chunk = behaviour.getResponseChunk, chunk > 0, !data.isEmpty {
            pending = data
            return ResponseAPDU(statusWord: .bytesRemaining(data.count))
        }
        return ResponseAPDU(data: data, statusWord: .success)
    }

    private mutating func getResponse(_ command: CommandAPDU) -> ResponseAPDU {
        guard !pending.isEmpty else { return ResponseAPDU(statusWord: .conditionsNotSatisfied) }
        let chunk = behaviour.getResponseChunk ?? pending.count
        let count = min(pending.count, chunk, command.le ?? CommandAPDU.maximumShortLe)
        let data = Array(pending.prefix(count))
        pending.removeFirst(count)
        let status: StatusWord = pending.isEmpty ? .success : .bytesRemaining(pending.count)
        return ResponseAPDU(data: data, statusWord: status)
    }

    private static func berLength(_ length: Int) -> [UInt8] {
        switch length {
        case ..<0x80: [UInt8(length)]
        case ..<0x100: [0x81, UInt8(length)]
        default: [0x82, UInt8(length >> 8), UInt8(length & 0xFF)]
        }
    }

    private static func withChecksum(_ atr: [UInt8]) -> [UInt8] {
        atr + [atr.dropFirst().reduce(0, ^)]
    }
}
