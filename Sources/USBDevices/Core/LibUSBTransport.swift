import CLibUSB
import Synchronization

/// A libusb device handle with its claimed interfaces: the production ``USBTransport``.
///
/// Claiming detaches the kernel driver (usbhid, usblp, cdc_acm) first and ``close()``
/// re-attaches it. Under umockdev `libusb_kernel_driver_active` answers
/// `LIBUSB_ERROR_OTHER`/`NOT_SUPPORTED`; that is treated as "no driver to detach" and the
/// claim itself then decides (a real failure still surfaces as the claim's error, which then says
/// that the driver check could not tell). libusb's auto-detach is not used: under umockdev it makes
/// the claim fail, and it would hide which driver was detached.
public final class LibUSBTransport: USBTransport, @unchecked Sendable {
    // `handle` is immutable; libusb handles are safe to use from several threads. The mutable
    // parts are behind `state`.
    let handle: OpaquePointer
    public let device: USBDeviceDescription
    private struct State {
        var claimed: [UInt8: Bool] = [:]  // interface → kernel driver was detached
        var inFlight: [ObjectIdentifier: LibUSBTransfer] = [:]
        var closed = false
    }
    private let state = Mutex(State())

    /// Opens `device` (a `libusb_device *`). Fails with ``USBError/accessDenied(call:)`` while
    /// udev has not applied permissions yet; the manager retries with backoff.
    init(device: OpaquePointer, description: USBDeviceDescription) throws(USBError) {
        var opened: OpaquePointer?
        try usbCall("libusb_open \(description.location)") { libusb_open(device, &opened) }
        guard let opened else { throw USBError.failed(call: "libusb_open", code: -99, name: "no handle") }
        handle = opened
        self.device = description
    }

    /// Claims `interface`, detaching a bound kernel driver first.
    public func claim(interface: UInt8) throws(USBError) {
        let number = Int32(interface)
        var detached = false
        var unknownDriver = false
        let active = libusb_kernel_driver_active(handle, number)
        switch active {
        case 1:
            try usbCall("libusb_detach_kernel_driver(\(interface))") { libusb_detach_kernel_driver(handle, number) }
            detached = true
        case 0:
            break
        case LIBUSB_ERROR_NOT_SUPPORTED.rawValue, LIBUSB_ERROR_OTHER.rawValue:
            unknownDriver = true  // the platform (umockdev) cannot tell: let the claim decide
        default:
            throw USBError(call: "libusb_kernel_driver_active(\(interface))", code: active)
        }
        let call = unknownDriver
            ? "libusb_claim_interface(\(interface)) after libusb_kernel_driver_active could not tell whether a kernel driver is bound"
            : "libusb_claim_interface(\(interface))"
        try usbCall(call) { libusb_claim_interface(handle, number) }
        state.withLock { $0.claimed[interface] = detached }
    }

    public func read(_ endpoint: USBEndpoint, maxLength: Int, timeout: Duration?) async throws(USBError) -> [UInt8] {
        try await transfer(endpoint: endpoint.address, kind: endpoint.kind == .bulk ? .bulk : .interrupt,
                           bytes: [], length: maxLength, timeout: timeout, call: "read \(endpoint)")
    }

    public func write(_ bytes: [UInt8], to endpoint: USBEndpoint, timeout: Duration?) async throws(USBError) {
        _ = try await transfer(endpoint: endpoint.address, kind: endpoint.kind == .bulk ? .bulk : .interrupt,
                               bytes: bytes, length: bytes.count, timeout: timeout, call: "write \(endpoint)")
    }

    public func control(_ setup: USBControlSetup, data: [UInt8], length: Int, timeout: Duration?) async throws(USBError) -> [UInt8] {
        let wLength = UInt16(setup.isIn ? length : data.count)
        var packet: [UInt8] = [setup.requestType, setup.request,
                               UInt8(setup.value & 0xFF), UInt8(setup.value >> 8),
                               UInt8(setup.index & 0xFF), UInt8(setup.index >> 8),
                               UInt8(wLength & 0xFF), UInt8(wLength >> 8)]
        if !setup.isIn { packet += data }
        return try await transfer(endpoint: 0, kind: .control, bytes: packet, length: 8 + Int(wLength), timeout: timeout,
                                  call: "control request 0x\(String(setup.request, radix: 16))")
    }

    private func transfer(endpoint: UInt8, kind: LibUSBTransfer.Kind, bytes: [UInt8], length: Int,
                          timeout: Duration?, call: String) async throws(USBError) -> [UInt8] {
        if state.withLock({ $0.closed }) { throw USBError.closed }
        return try await LibUSBTransfer.run(handle: handle, endpoint: endpoint, kind: kind, bytes: bytes, length: length,
                                            timeout: timeout, call: call) { transfer, active in
            state.withLock { state in
                if active { state.inFlight[ObjectIdentifier(transfer)] = transfer } else { state.inFlight[ObjectIdentifier(transfer)] = nil }
            }
        }
    }

    /// Cancels transfers in flight, releases the interfaces, re-attaches the kernel drivers it
    /// detached and closes the handle. Never call it from a transfer callback.
    public func close() async {
        let taken = state.withLock { state -> ([LibUSBTransfer], [UInt8: Bool])? in
            if state.closed { return nil }
            state.closed = true
            return (Array(state.inFlight.values), state.claimed)
        }
        guard let (inFlight, claimed) = taken else { return }
        for transfer in inFlight { transfer.cancel() }
        // Wait (bounded) for the callbacks of the cancelled transfers before closing.
        for _ in 0..<200 where !state.withLock({ $0.inFlight.isEmpty }) {
            try? await Task.sleep(for: .milliseconds(5))
        }
        for (interface, detached) in claimed {
            _ = libusb_release_interface(handle, Int32(interface))
            if detached { _ = libusb_attach_kernel_driver(handle, Int32(interface)) }
        }
        libusb_close(handle)
    }
}
