import CLibUSB
import Synchronization

/// One asynchronous libusb transfer bridged to Swift concurrency: submitted from the calling
/// task, completed on the libusb event thread, cancelled through `libusb_cancel_transfer` when
/// the task is cancelled or the link closes. The callback only copies the result and resumes
/// the task; it never closes a handle (libusb would deadlock).
final class LibUSBTransfer: Sendable {
    /// A submitted `libusb_transfer *`; libusb owns it until the callback runs.
    struct RawTransfer: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<libusb_transfer>
    }

    enum Kind { case bulk, interrupt, control }

    private struct State {
        var transfer: RawTransfer?
        var cancelled = false
        var continuation: CheckedContinuation<Result<[UInt8], USBError>, Never>?
    }

    let call: String
    private let readsData: Bool
    private let state = Mutex(State())

    private init(call: String, readsData: Bool) {
        self.call = call
        self.readsData = readsData
    }

    /// Cancels the transfer if it is still in flight; its task then gets ``USBError/cancelled(call:)``.
    func cancel() {
        state.withLock { state in
            state.cancelled = true
            if let transfer = state.transfer { libusb_cancel_transfer(transfer.pointer) }
        }
    }

    private func resume(_ result: Result<[UInt8], USBError>) {
        let continuation = state.withLock { state in
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume(returning: result)
    }

    /// Submits one transfer and waits for it. For control transfers `bytes` starts with the
    /// 8-byte setup packet and the result is the data stage only. `track` sees the transfer
    /// while it is in flight (so that a closing link can cancel it).
    static func run(handle: OpaquePointer, endpoint: UInt8, kind: Kind, bytes: [UInt8], length: Int,
                    timeout: Duration?, call: String, track: (LibUSBTransfer, Bool) -> Void) async throws(USBError) -> [UInt8] {
        let readsData = kind == .control ? (bytes.first ?? 0) & 0x80 != 0 : endpoint & 0x80 != 0
        let box = LibUSBTransfer(call: call, readsData: readsData)
        track(box, true)
        defer { track(box, false) }
        let result: Result<[UInt8], USBError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                box.submit(handle: handle, endpoint: endpoint, kind: kind, bytes: bytes, length: length,
                           timeout: timeout, continuation: continuation)
            }
        } onCancel: {
            box.cancel()
        }
        return try result.get()
    }

    private func submit(handle: OpaquePointer, endpoint: UInt8, kind: Kind, bytes: [UInt8], length: Int,
                        timeout: Duration?, continuation: CheckedContinuation<Result<[UInt8], USBError>, Never>) {
        guard let transfer = libusb_alloc_transfer(0) else {
            state.withLock { $0.continuation = continuation }
            resume(.failure(.failed(call: "libusb_alloc_transfer", code: LIBUSB_ERROR_NO_MEM.rawValue, name: "LIBUSB_ERROR_NO_MEM")))
            return
        }
        let size = max(length, bytes.count, 1)
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        buffer.initialize(repeating: 0, count: size)
        bytes.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { buffer.update(from: base, count: bytes.count) }
        }
        transfer.pointee.dev_handle = handle
        transfer.pointee.endpoint = kind == .control ? 0 : endpoint
        transfer.pointee.type = switch kind {
        case .bulk: UInt8(LIBUSB_TRANSFER_TYPE_BULK.rawValue)
        case .interrupt: UInt8(LIBUSB_TRANSFER_TYPE_INTERRUPT.rawValue)
        case .control: UInt8(LIBUSB_TRANSFER_TYPE_CONTROL.rawValue)
        }
        transfer.pointee.timeout = timeout?.libusbMilliseconds ?? 0
        transfer.pointee.buffer = buffer
        transfer.pointee.length = Int32(max(length, bytes.count))
        transfer.pointee.user_data = Unmanaged.passRetained(self).toOpaque()
        transfer.pointee.callback = LibUSBTransfer.completed
        let raw = RawTransfer(pointer: transfer)
        let failure: USBError? = state.withLock { state in
            state.continuation = continuation
            if state.cancelled { return .cancelled(call: call) }
            let status = libusb_submit_transfer(raw.pointer)
            guard status >= 0 else { return USBError(call: "libusb_submit_transfer (\(call))", code: status) }
            state.transfer = raw
            return nil
        }
        if let failure {
            Unmanaged<LibUSBTransfer>.fromOpaque(transfer.pointee.user_data!).release()
            buffer.deallocate()
            libusb_free_transfer(transfer)
            resume(.failure(failure))
        }
    }

    /// The libusb callback, on the event thread.
    private static let completed: libusb_transfer_cb_fn = { transfer in
        guard let transfer, let user = transfer.pointee.user_data else { return }
        let box = Unmanaged<LibUSBTransfer>.fromOpaque(user).takeRetainedValue()
        box.state.withLock { $0.transfer = nil }
        let status = transfer.pointee.status
        let actual = Int(transfer.pointee.actual_length)
        var data: [UInt8] = []
        if box.readsData, let buffer = transfer.pointee.buffer {
            let offset = transfer.pointee.type == UInt8(LIBUSB_TRANSFER_TYPE_CONTROL.rawValue) ? 8 : 0
            data = Array(UnsafeBufferPointer(start: buffer + offset, count: actual))
        }
        transfer.pointee.buffer?.deallocate()
        transfer.pointee.buffer = nil
        libusb_free_transfer(transfer)
        if let error = USBError(call: box.call, transferStatus: status) {
            box.resume(.failure(error))
        } else {
            box.resume(.success(data))
        }
    }
}
