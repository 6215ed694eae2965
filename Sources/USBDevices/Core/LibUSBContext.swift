import CLibUSB
import Foundation
import Synchronization

/// One libusb context with its event loop on a dedicated thread (never on Swift's cooperative
/// pool). The thread blocks in `libusb_handle_events_completed` and wakes only for events:
/// there is no polling loop, so an idle context costs no CPU.
public final class LibUSBContext: @unchecked Sendable {
    // The raw context is immutable after init and libusb is thread-safe for it.
    let raw: OpaquePointer
    private let stopping = Atomic<Int32>(0)
    private let thread = Mutex<Thread?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    /// Creates a context; the event thread starts with ``startEventThread()``.
    public init() throws(USBError) {
        var context: OpaquePointer?
        try usbCall("libusb_init") { libusb_init(&context) }
        guard let context else { throw USBError.failed(call: "libusb_init", code: -99, name: "no context") }
        raw = context
    }

    /// True when this libusb can report hot-plug (`LIBUSB_CAP_HAS_HOTPLUG`).
    public static var hasHotplug: Bool {
        libusb_has_capability(UInt32(LIBUSB_CAP_HAS_HOTPLUG.rawValue)) != 0
    }

    /// Starts the event thread once; later calls do nothing.
    public func startEventThread() {
        thread.withLock { current in
            guard current == nil else { return }
            let started = Thread { [self] in
                while stopping.load(ordering: .acquiring) == 0 {
                    var completed: Int32 = 0
                    // Blocks until an event or libusb_interrupt_event_handler; errors other than
                    // an interruption are not expected here and do not stop the loop.
                    _ = libusb_handle_events_completed(raw, &completed)
                }
                finished.signal()
            }
            started.name = "libusb-events"
            started.start()
            current = started
        }
    }

    /// Stops the event thread and waits for it. Transfers must be finished or cancelled first.
    public func stopEventThread() {
        let running = thread.withLock { current -> Bool in
            defer { current = nil }
            return current != nil
        }
        guard running else { return }
        stopping.store(1, ordering: .releasing)
        libusb_interrupt_event_handler(raw)
        finished.wait()
        stopping.store(0, ordering: .releasing)
    }

    deinit {
        stopEventThread()
        libusb_exit(raw)
    }
}
