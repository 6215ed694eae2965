/// Which interfaces of a matched device its driver claims and which endpoints it uses, chosen
/// from the configuration's descriptors.
public struct ClaimPlan: Sendable, Hashable {
    /// Interfaces to claim, in order.
    public var interfaces: [UInt8]
    /// The endpoint the device sends on (interrupt IN for HID, bulk IN otherwise), if any.
    public var input: USBEndpoint?
    /// The endpoint the host sends on, if any.
    public var output: USBEndpoint?
    /// The CDC communication interface (for `SET_LINE_CODING`), when the device is CDC-ACM.
    public var cdcControlInterface: UInt8?
    /// The scanner mode after resolving `auto` (nil for other families).
    public var scannerMode: ScannerMode?

    /// The plan for `driver` on `device`, or an ``USBError/unsuitableDevice(_:)`` that says what is missing.
    public static func make(for driver: DeviceDriver, device: USBDeviceDescription) throws(USBError) -> ClaimPlan {
        let hid = device.interfaces.first { $0.interfaceClass == 3 && $0.endpoints.contains { $0.address & 0x80 != 0 && $0.transferType == 3 } }
        let cdcData = device.interfaces.first { $0.interfaceClass == 10 && bulkPair($0) != nil }
        let cdcComm = device.interfaces.first { $0.interfaceClass == 2 }
        let vendorBulk = device.interfaces.first { ($0.interfaceClass == 255 || $0.interfaceClass == 7) && bulkPair($0) != nil }
        let printerClass = device.interfaces.first { $0.interfaceClass == 7 && $0.endpoints.contains { $0.address & 0x80 == 0 && $0.transferType == 2 } }
        func cdcPlan(mode: ScannerMode?) throws(USBError) -> ClaimPlan {
            guard let data = cdcData, let pair = bulkPair(data) else {
                throw .unsuitableDevice("\(device.id): no CDC data interface (class 10) with bulk IN and OUT endpoints")
            }
            let comm = cdcComm?.number
            return ClaimPlan(interfaces: (comm.map { [$0] } ?? []) + [data.number], input: pair.input, output: pair.output,
                             cdcControlInterface: comm, scannerMode: mode)
        }
        switch driver {
        case .unsupported:
            throw .unsuitableDevice("\(device.id) is a known but unsupported model")
        case .scanner(let mode):
            var resolved = mode
            if mode == .auto {
                if cdcData != nil { resolved = .cdc }
                else if let hid { resolved = hid.subclass == 1 && hid.interfaceProtocol == 1 ? .hidKeyboard : .hidPOS }
                else { throw .unsuitableDevice("\(device.id): no HID or CDC interface to read scans from") }
            }
            if resolved == .cdc { return try cdcPlan(mode: .cdc) }
            guard let hid, let input = hid.endpoints.first(where: { $0.address & 0x80 != 0 && $0.transferType == 3 })?.usbEndpoint else {
                throw .unsuitableDevice("\(device.id): no HID interface with an interrupt IN endpoint")
            }
            let output = hid.endpoints.first { $0.address & 0x80 == 0 && $0.transferType == 3 }?.usbEndpoint
            return ClaimPlan(interfaces: [hid.number], input: input, output: output, cdcControlInterface: nil, scannerMode: resolved)
        case .escposPrinter:
            guard let interface = printerClass ?? vendorBulk,
                  let output = interface.endpoints.first(where: { $0.address & 0x80 == 0 && $0.transferType == 2 })?.usbEndpoint else {
                throw .unsuitableDevice("\(device.id): no printer-class (7) or vendor (255) interface with a bulk OUT endpoint")
            }
            let input = interface.endpoints.first { $0.address & 0x80 != 0 && $0.transferType == 2 }?.usbEndpoint
            return ClaimPlan(interfaces: [interface.number], input: input, output: output, cdcControlInterface: nil, scannerMode: nil)
        case .paymentTerminal:
            if cdcData != nil { return try cdcPlan(mode: nil) }
            guard let interface = vendorBulk, let pair = bulkPair(interface) else {
                throw .unsuitableDevice("\(device.id): no CDC data or vendor interface with bulk IN and OUT endpoints")
            }
            return ClaimPlan(interfaces: [interface.number], input: pair.input, output: pair.output, cdcControlInterface: nil, scannerMode: nil)
        }
    }

    private static func bulkPair(_ interface: USBDeviceDescription.Interface) -> (input: USBEndpoint, output: USBEndpoint)? {
        guard let i = interface.endpoints.first(where: { $0.address & 0x80 != 0 && $0.transferType == 2 })?.usbEndpoint,
              let o = interface.endpoints.first(where: { $0.address & 0x80 == 0 && $0.transferType == 2 })?.usbEndpoint else { return nil }
        return (i, o)
    }
}
