public import KioskBase

/// Every failure of the USB layer: a libusb return code or transfer status mapped to a case
/// that names the call, and the protocol errors of the drivers above it (what arrived, where,
/// what was expected).
public enum USBError: KioskError, Equatable {
    /// The device went away (unplugged, reset, or powered down) during `call`.
    case disconnected(call: String)
    /// The device node is not accessible yet (udev has not applied the rules) or not at all.
    case accessDenied(call: String)
    /// Another process or a kernel driver holds the interface.
    case busy(call: String)
    /// The transfer did not complete within its timeout.
    case timeout(call: String)
    /// The transfer was cancelled (the driver stopped or the device left).
    case cancelled(call: String)
    /// The endpoint stalled (the device refused the request).
    case stall(call: String)
    /// The device sent more data than the buffer could take.
    case overflow(call: String)
    /// Any other libusb failure, with its code and name.
    case failed(call: String, code: Int32, name: String)
    /// The device does not have what its driver needs (interface, endpoint, descriptor).
    case unsuitableDevice(String)
    /// Bytes from the device that do not follow its protocol.
    case malformedInput(where: String, problem: String)
    /// The peer broke the link protocol (no ACK, too many retries, unexpected control byte).
    case protocolViolation(where: String, problem: String)
    /// A value that cannot be sent (amount out of range, text the printer cannot carry).
    case invalidRequest(String)
    /// The driver's link is closed; the manager opens a new one when the device comes back.
    case closed

    /// True when the device is gone and the caller should wait for it to come back.
    public var isDisconnect: Bool {
        if case .disconnected = self { return true }
        return false
    }

    public var code: String {
        switch self {
        case .disconnected: "usb.disconnected"
        case .accessDenied: "usb.accessDenied"
        case .busy: "usb.busy"
        case .timeout: "usb.timeout"
        case .cancelled: "usb.cancelled"
        case .stall: "usb.stall"
        case .overflow: "usb.overflow"
        case .failed: "usb.failed"
        case .unsuitableDevice: "usb.unsuitableDevice"
        case .malformedInput: "usb.malformedInput"
        case .protocolViolation: "usb.protocolViolation"
        case .invalidRequest: "usb.invalidRequest"
        case .closed: "usb.closed"
        }
    }

    public var detail: String {
        switch self {
        case .disconnected(let call): "\(call): the device is no longer connected"
        case .accessDenied(let call): "\(call): access denied to the USB device node (check the udev rule and group kiosk)"
        case .busy(let call): "\(call): the interface is busy (claimed by another process or driver)"
        case .timeout(let call): "\(call): timed out"
        case .cancelled(let call): "\(call): cancelled"
        case .stall(let call): "\(call): the endpoint stalled"
        case .overflow(let call): "\(call): the device sent more data than requested"
        case .failed(let call, let code, let name): "\(call) failed with \(code) (\(name))"
        case .unsuitableDevice(let why): "unsuitable device: \(why)"
        case .malformedInput(let place, let problem): "malformed input from \(place): \(problem)"
        case .protocolViolation(let place, let problem): "protocol violation on \(place): \(problem)"
        case .invalidRequest(let why): "invalid request: \(why)"
        case .closed: "the device link is closed"
        }
    }
}
