import CLibUSB

/// A `libusb_device *` with a reference taken, safe to hand to another task.
struct DeviceRef: @unchecked Sendable {
    let raw: OpaquePointer
}

/// Arrivals and departures reported by libusb's hot-plug callback.
enum HotplugEvent: Sendable {
    case arrived(DeviceRef)
    case left(bus: UInt8, address: UInt8)
}

/// Registers a libusb hot-plug callback (with `LIBUSB_HOTPLUG_ENUMERATE`, so devices already
/// present arrive first) and turns it into an `AsyncStream`. The callback only takes a device
/// reference and yields: opening, claiming and closing happen in the manager's tasks.
final class HotplugSource: @unchecked Sendable {
    // Immutable after init; the continuation is thread-safe.
    private let context: LibUSBContext
    private var handle: libusb_hotplug_callback_handle = 0
    private let continuation: AsyncStream<HotplugEvent>.Continuation
    let events: AsyncStream<HotplugEvent>

    init(context: LibUSBContext) throws(USBError) {
        guard LibUSBContext.hasHotplug else {
            throw .unsuitableDevice("this libusb has no hot-plug support (LIBUSB_CAP_HAS_HOTPLUG)")
        }
        self.context = context
        (events, continuation) = AsyncStream.makeStream(of: HotplugEvent.self, bufferingPolicy: .unbounded)
        let user = Unmanaged.passUnretained(self).toOpaque()
        let events = Int32(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED.rawValue | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT.rawValue)
        let flags = Int32(LIBUSB_HOTPLUG_ENUMERATE.rawValue)
        var registered: libusb_hotplug_callback_handle = 0
        try usbCall("libusb_hotplug_register_callback") {
            libusb_hotplug_register_callback(context.raw, events, flags, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY,
                                             LIBUSB_HOTPLUG_MATCH_ANY, HotplugSource.callback, user, &registered)
        }
        handle = registered
    }

    /// Deregisters the callback and finishes the stream.
    func stop() {
        libusb_hotplug_deregister_callback(context.raw, handle)
        continuation.finish()
    }

    private static let callback: libusb_hotplug_callback_fn = { _, device, event, user in
        guard let device, let user else { return 0 }
        let source = Unmanaged<HotplugSource>.fromOpaque(user).takeUnretainedValue()
        if event == LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED {
            source.continuation.yield(.arrived(DeviceRef(raw: libusb_ref_device(device))))
        } else {
            source.continuation.yield(.left(bus: libusb_get_bus_number(device), address: libusb_get_device_address(device)))
        }
        return 0
    }
}
