/// A response APDU: response data followed by the status word.
public struct ResponseAPDU: Hashable, Sendable {
    public var data: [UInt8]
    public var statusWord: StatusWord

    public init(data: [UInt8] = [], statusWord: StatusWord) {
        self.data = data
        self.statusWord = statusWord
    }

    /// Splits raw bytes from the card into data and status word.
    public init(bytes: [UInt8]) throws(SmartCardError) {
        guard bytes.count >= 2 else {
            throw .malformedResponse("\(bytes.count) bytes, a status word needs 2")
        }
        data = Array(bytes[..<(bytes.count - 2)])
        statusWord = StatusWord(sw1: bytes[bytes.count - 2], sw2: bytes[bytes.count - 1])
    }

    /// Data followed by SW1 SW2, as sent over the wire.
    public var bytes: [UInt8] { data + [statusWord.sw1, statusWord.sw2] }

    /// True for `9000`.
    public var isSuccess: Bool { statusWord.isSuccess }
}
