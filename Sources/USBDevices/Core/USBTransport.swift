/// An endpoint of a claimed interface: its address (bit 7 set = IN) and transfer type.
public struct USBEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// How the endpoint moves data.
    public enum Kind: Sendable, Hashable { case bulk, interrupt }

    public var address: UInt8
    public var kind: Kind
    public var maxPacketSize: Int

    public init(address: UInt8, kind: Kind, maxPacketSize: Int = 64) {
        self.address = address
        self.kind = kind
        self.maxPacketSize = maxPacketSize
    }

    /// True for device-to-host endpoints.
    public var isIn: Bool { address & 0x80 != 0 }

    public var description: String {
        "\(kind == .bulk ? "bulk" : "interrupt") \(isIn ? "IN" : "OUT") 0x\(String(address, radix: 16))"
    }
}

/// The 8-byte setup packet of a control transfer (USB 2.0 §9.3).
public struct USBControlSetup: Sendable, Hashable {
    public var requestType: UInt8
    public var request: UInt8
    public var value: UInt16
    public var index: UInt16

    public init(requestType: UInt8, request: UInt8, value: UInt16, index: UInt16) {
        self.requestType = requestType
        self.request = request
        self.value = value
        self.index = index
    }

    /// True when the data stage goes device-to-host.
    public var isIn: Bool { requestType & 0x80 != 0 }
}

/// The seam under every USB driver: transfers on one claimed device. Production uses
/// ``LibUSBTransport`` (libusb, also under umockdev); unit tests of decoding and protocols use
/// an in-memory peer. Every failure is a ``USBError``; an unplugged device is
/// ``USBError/disconnected(call:)``.
public protocol USBTransport: Sendable {
    /// Reads one transfer of at most `maxLength` bytes from an IN endpoint.
    func read(_ endpoint: USBEndpoint, maxLength: Int, timeout: Duration?) async throws(USBError) -> [UInt8]
    /// Writes `bytes` to an OUT endpoint as one transfer.
    func write(_ bytes: [UInt8], to endpoint: USBEndpoint, timeout: Duration?) async throws(USBError)
    /// A control transfer on endpoint 0; `data` is sent for OUT requests, `length` bytes are
    /// read for IN requests.
    func control(_ setup: USBControlSetup, data: [UInt8], length: Int, timeout: Duration?) async throws(USBError) -> [UInt8]
}

extension Duration {
    /// Whole milliseconds, at least 1, for libusb timeouts (0 there means "forever").
    var libusbMilliseconds: UInt32 {
        let (seconds, attoseconds) = components
        let ms = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return UInt32(clamping: max(1, ms))
    }
}
