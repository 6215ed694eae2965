/// The ECR link layer shared by Ingenico Concert and PAX POSLink: single control bytes
/// (ENQ, ACK, NAK, EOT) and frames `STX message ETX LRC`, where LRC is the XOR of every byte
/// after STX up to and including ETX.
public enum ECRFrame {
    public static let stx: UInt8 = 0x02, etx: UInt8 = 0x03, eot: UInt8 = 0x04, enq: UInt8 = 0x05
    public static let ack: UInt8 = 0x06, nak: UInt8 = 0x15

    /// XOR of `message` and ETX.
    public static func lrc(_ message: some Sequence<UInt8>) -> UInt8 {
        message.reduce(etx) { $0 ^ $1 }
    }

    /// `STX message ETX LRC`. The message must not contain STX or ETX.
    public static func encode(_ message: [UInt8]) throws(USBError) -> [UInt8] {
        if let bad = message.firstIndex(where: { $0 == stx || $0 == etx }) {
            throw .invalidRequest("ECR message byte \(bad) is a frame delimiter (0x\(String(message[bad], radix: 16)))")
        }
        return [stx] + message + [etx, lrc(message)]
    }
}

/// What the ECR link receives: a control byte, a frame with a correct LRC, or a frame that
/// must be answered with NAK.
public enum ECRToken: Sendable, Hashable {
    case enq, ack, nak, eot
    case frame([UInt8])
    case badFrame(String)
}

/// Splits the byte stream from the terminal into ``ECRToken``s. Bytes outside a frame that are
/// not control bytes are skipped (line noise); a frame longer than `maxMessage` is dropped as
/// bad. Never fails: every input gives tokens.
public struct ECRFrameReader: Sendable {
    public var maxMessage: Int
    private var inFrame = false
    private var message: [UInt8] = []
    private var awaitingLRC = false

    public init(maxMessage: Int = 1024) { self.maxMessage = maxMessage }

    public mutating func feed(_ bytes: [UInt8]) -> [ECRToken] {
        var tokens: [ECRToken] = []
        for byte in bytes {
            if awaitingLRC {
                let expected = ECRFrame.lrc(message)
                tokens.append(byte == expected ? .frame(message)
                              : .badFrame("LRC 0x\(String(byte, radix: 16)), expected 0x\(String(expected, radix: 16)) after \(message.count) message bytes"))
                awaitingLRC = false
                inFrame = false
                message = []
                continue
            }
            if inFrame {
                switch byte {
                case ECRFrame.etx: awaitingLRC = true
                case ECRFrame.stx:
                    tokens.append(.badFrame("STX inside a frame after \(message.count) bytes"))
                    message = []
                default:
                    message.append(byte)
                    if message.count > maxMessage {
                        tokens.append(.badFrame("frame longer than \(maxMessage) bytes without ETX"))
                        inFrame = false
                        message = []
                    }
                }
                continue
            }
            switch byte {
            case ECRFrame.stx: inFrame = true; message = []
            case ECRFrame.enq: tokens.append(.enq)
            case ECRFrame.ack: tokens.append(.ack)
            case ECRFrame.nak: tokens.append(.nak)
            case ECRFrame.eot: tokens.append(.eot)
            default: continue
            }
        }
        return tokens
    }
}
