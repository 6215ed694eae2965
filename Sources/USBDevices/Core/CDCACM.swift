/// CDC-ACM class requests (USB CDC PSTN subclass 1.2 §6.3) on the communication interface.
public enum CDCACM {
    /// Serial parameters for `SET_LINE_CODING`.
    public struct LineCoding: Sendable, Hashable {
        public var baudRate: UInt32
        /// 0 = 1 stop bit, 1 = 1.5, 2 = 2.
        public var stopBits: UInt8
        /// 0 none, 1 odd, 2 even, 3 mark, 4 space.
        public var parity: UInt8
        public var dataBits: UInt8

        public init(baudRate: UInt32, stopBits: UInt8 = 0, parity: UInt8 = 0, dataBits: UInt8 = 8) {
            self.baudRate = baudRate
            self.stopBits = stopBits
            self.parity = parity
            self.dataBits = dataBits
        }

        /// The 7-byte structure: dwDTERate (LE), bCharFormat, bParityType, bDataBits.
        public var bytes: [UInt8] {
            [UInt8(baudRate & 0xFF), UInt8((baudRate >> 8) & 0xFF), UInt8((baudRate >> 16) & 0xFF), UInt8(baudRate >> 24),
             stopBits, parity, dataBits]
        }

        /// 9600 baud, 8 data bits, no parity, 1 stop bit.
        public static let standard = LineCoding(baudRate: 9600)
        /// 9600 baud, 7 data bits, even parity, 1 stop bit: Ingenico Concert's serial setting.
        public static let concert = LineCoding(baudRate: 9600, stopBits: 0, parity: 2, dataBits: 7)
    }

    /// `SET_LINE_CODING` (20h) then `SET_CONTROL_LINE_STATE` (22h) with DTR and RTS set.
    public static func open(_ transport: any USBTransport, interface: UInt8, coding: LineCoding) async throws(USBError) {
        let setup = USBControlSetup(requestType: 0x21, request: 0x20, value: 0, index: UInt16(interface))
        _ = try await transport.control(setup, data: coding.bytes, length: 0, timeout: .seconds(1))
        let lines = USBControlSetup(requestType: 0x21, request: 0x22, value: 0x0003, index: UInt16(interface))
        _ = try await transport.control(lines, data: [], length: 0, timeout: .seconds(1))
    }
}
