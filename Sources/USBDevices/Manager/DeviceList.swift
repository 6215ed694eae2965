import CLibUSB

/// The devices on the bus right now, matched against the table, without opening them
/// (`kioskctl devices`).
public enum DeviceList {
    public static func current(table: DeviceTable = .standard()) throws(USBError) -> [DeviceStatus] {
        let context = try LibUSBContext()
        var list: UnsafeMutablePointer<OpaquePointer?>?
        let count = try usbCall("libusb_get_device_list") { Int32(truncatingIfNeeded: libusb_get_device_list(context.raw, &list)) }
        defer { libusb_free_device_list(list, 1) }
        var result: [DeviceStatus] = []
        for i in 0..<Int(count) {
            guard let device = list?[i] else { continue }
            let description = try USBDeviceDescription.read(device)
            guard let entry = table.match(vendorID: description.vendorID, productID: description.productID, serial: nil) else {
                result.append(DeviceStatus(id: description.id, location: description.location, family: nil, model: nil, driver: nil, state: .unknown))
                continue
            }
            var status = DeviceStatus(id: description.id, location: description.location, family: entry.family, model: entry.model,
                                      driver: entry.driver.name, state: entry.driver == .unsupported ? .unsupported : .detected)
            if entry.driver != .unsupported {
                do { _ = try ClaimPlan.make(for: entry.driver, device: description) } catch {
                    status.state = .failed
                    status.lastError = error.description
                }
            }
            result.append(status)
        }
        return result.sorted { $0.location < $1.location }
    }

    /// `current` plus a `missing` row for each pinned device (configuration override) that is not on the bus.
    public static func current(table: DeviceTable, pinned: [DeviceTable.Entry]) throws(USBError) -> [DeviceStatus] {
        var result = try current(table: table)
        for entry in pinned where !result.contains(where: { $0.id == entry.id }) {
            result.append(DeviceStatus(id: entry.id, location: "-", family: entry.family, model: entry.model,
                                       driver: entry.driver.name, state: .missing, lastError: nil))
        }
        return result
    }
}
