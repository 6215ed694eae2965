import CLibUSB

/// What libusb reports about a device before it is opened: ids, position on the bus, and the
/// interfaces of the active (or first) configuration with their endpoints.
public struct USBDeviceDescription: Sendable, Hashable, Codable {
    /// One interface (alternate setting 0) of the configuration.
    public struct Interface: Sendable, Hashable, Codable {
        public var number: UInt8
        public var interfaceClass: UInt8
        public var subclass: UInt8
        public var interfaceProtocol: UInt8
        public var endpoints: [Endpoint]
    }

    /// One endpoint descriptor.
    public struct Endpoint: Sendable, Hashable, Codable {
        public var address: UInt8
        /// bmAttributes & 3: 0 control, 1 isochronous, 2 bulk, 3 interrupt.
        public var transferType: UInt8
        public var maxPacketSize: Int

        /// The endpoint as a transport endpoint (nil for control and isochronous ones).
        public var usbEndpoint: USBEndpoint? {
            switch transferType {
            case 2: USBEndpoint(address: address, kind: .bulk, maxPacketSize: maxPacketSize)
            case 3: USBEndpoint(address: address, kind: .interrupt, maxPacketSize: maxPacketSize)
            default: nil
            }
        }
    }

    public var vendorID: UInt16
    public var productID: UInt16
    public var bus: UInt8
    public var address: UInt8
    public var deviceClass: UInt8
    public var interfaces: [Interface]
    /// Index of the serial-number string descriptor (iSerialNumber), 0 when there is none.
    public var serialIndex: UInt8 = 0

    /// `vvvv:pppp` in lower-case hex, as `lsusb` and the device table write it.
    public var id: String { "\(Self.hex4(vendorID)):\(Self.hex4(productID))" }
    /// `BBB/DDD`, the device node under /dev/bus/usb.
    public var location: String {
        func pad(_ n: UInt8) -> String { String(repeating: "0", count: max(0, 3 - String(n).count)) + String(n) }
        return "\(pad(bus))/\(pad(address))"
    }

    static func hex4(_ value: UInt16) -> String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    /// Reads the descriptors of `device` (a `libusb_device *`) without opening it.
    static func read(_ device: OpaquePointer) throws(USBError) -> USBDeviceDescription {
        var descriptor = libusb_device_descriptor()
        try usbCall("libusb_get_device_descriptor") { libusb_get_device_descriptor(device, &descriptor) }
        var config: UnsafeMutablePointer<libusb_config_descriptor>?
        var status = libusb_get_active_config_descriptor(device, &config)
        if status < 0 { status = libusb_get_config_descriptor(device, 0, &config) }
        var interfaces: [Interface] = []
        if status >= 0, let config {
            defer { libusb_free_config_descriptor(config) }
            for i in 0..<Int(config.pointee.bNumInterfaces) {
                let interface = config.pointee.interface[i]
                guard interface.num_altsetting > 0, let alt = interface.altsetting else { continue }
                let setting = alt.pointee
                var endpoints: [Endpoint] = []
                for e in 0..<Int(setting.bNumEndpoints) {
                    let ep = setting.endpoint[e]
                    endpoints.append(Endpoint(address: ep.bEndpointAddress, transferType: ep.bmAttributes & 3,
                                              maxPacketSize: Int(ep.wMaxPacketSize)))
                }
                interfaces.append(Interface(number: setting.bInterfaceNumber, interfaceClass: setting.bInterfaceClass,
                                            subclass: setting.bInterfaceSubClass, interfaceProtocol: setting.bInterfaceProtocol,
                                            endpoints: endpoints))
            }
        }
        return USBDeviceDescription(vendorID: descriptor.idVendor, productID: descriptor.idProduct,
                                    bus: libusb_get_bus_number(device), address: libusb_get_device_address(device),
                                    deviceClass: descriptor.bDeviceClass, interfaces: interfaces, serialIndex: descriptor.iSerialNumber)
    }
}
