import CLibUSB

/// Runs one `libusb_*` function and turns a negative return code into a ``USBError`` naming
/// the function. Every libusb call that returns a status goes through here. Returns the
/// non-negative result (a count or a length) unchanged.
@inline(__always) @discardableResult
func usbCall(_ name: String, _ body: () -> Int32) throws(USBError) -> Int32 {
    let result = body()
    guard result >= 0 else { throw USBError(call: name, code: result) }
    return result
}

extension USBError {
    /// Maps a `libusb_error` code returned by `call` to its case.
    init(call: String, code: Int32) {
        switch code {
        case LIBUSB_ERROR_NO_DEVICE.rawValue: self = .disconnected(call: call)
        case LIBUSB_ERROR_ACCESS.rawValue: self = .accessDenied(call: call)
        case LIBUSB_ERROR_BUSY.rawValue: self = .busy(call: call)
        case LIBUSB_ERROR_TIMEOUT.rawValue: self = .timeout(call: call)
        case LIBUSB_ERROR_PIPE.rawValue: self = .stall(call: call)
        case LIBUSB_ERROR_OVERFLOW.rawValue: self = .overflow(call: call)
        case LIBUSB_ERROR_INTERRUPTED.rawValue: self = .cancelled(call: call)
        default: self = .failed(call: call, code: code, name: String(cString: libusb_error_name(code)))
        }
    }

    /// Maps the completion status of an asynchronous transfer to its case (nil: completed).
    init?(call: String, transferStatus: libusb_transfer_status) {
        switch transferStatus {
        case LIBUSB_TRANSFER_COMPLETED: return nil
        case LIBUSB_TRANSFER_NO_DEVICE: self = .disconnected(call: call)
        case LIBUSB_TRANSFER_TIMED_OUT: self = .timeout(call: call)
        case LIBUSB_TRANSFER_CANCELLED: self = .cancelled(call: call)
        case LIBUSB_TRANSFER_STALL: self = .stall(call: call)
        case LIBUSB_TRANSFER_OVERFLOW: self = .overflow(call: call)
        default: self = .failed(call: call, code: Int32(bitPattern: transferStatus.rawValue), name: "LIBUSB_TRANSFER_ERROR")
        }
    }
}
