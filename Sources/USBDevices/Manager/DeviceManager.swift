public import Logging
import CLibUSB
import Synchronization

/// The USB device manager: follows hot-plug arrivals and departures, matches devices against
/// the ``DeviceTable``, opens them (retrying while udev has not applied permissions), claims
/// the interfaces of their ``ClaimPlan`` and runs a driver per device in a task of its own.
/// A departure cancels that task; the handle is closed in the task, never in a libusb callback.
/// A device that comes back is opened again from scratch.
public final class DeviceManager: Sendable {
    /// The driver run for every claimed device; it returns when the device fails or its task is cancelled.
    public typealias Driver = @Sendable (ClaimedDevice) async -> Void

    private let table: DeviceTable
    private let retry: OpenRetry
    private let logger: Logger
    private let statuses = Mutex<[String: DeviceStatus]>([:])
    private let observers = Mutex<[AsyncStream<DeviceStatus>.Continuation]>([])

    public init(table: DeviceTable = .standard(), retry: OpenRetry = OpenRetry(), logger: Logger = Logger(label: "usb")) {
        self.table = table
        self.retry = retry
        self.logger = logger
    }

    /// Every device seen since the manager started (departed ones as `gone`), by location.
    public var snapshot: [DeviceStatus] {
        statuses.withLock { Array($0.values) }.sorted { $0.location < $1.location }
    }

    /// Status changes from now on (arrival, ready, failure, departure).
    public func updates() -> AsyncStream<DeviceStatus> {
        let (stream, continuation) = AsyncStream.makeStream(of: DeviceStatus.self)
        observers.withLock { $0.append(continuation) }
        return stream
    }

    /// Runs until the calling task is cancelled: creates a libusb context with its event
    /// thread, follows hot-plug and runs `driver` for each claimed device.
    public func run(driver: @escaping Driver) async throws(USBError) {
        let context = try LibUSBContext()
        context.startEventThread()
        let source = try HotplugSource(context: context)
        var running: [String: Task<Void, Never>] = [:]
        await withTaskCancellationHandler {
            for await event in source.events {
                switch event {
                case .arrived(let device):
                    let description: USBDeviceDescription
                    do { description = try USBDeviceDescription.read(device.raw) } catch {
                        logger.warning("cannot read the descriptors of a new USB device", metadata: ["usb.error": "\(error)"])
                        libusb_unref_device(device.raw)
                        continue
                    }
                    if let previous = running.removeValue(forKey: description.location) {
                        previous.cancel()
                        await previous.value
                    }
                    running[description.location] = Task { [self] in
                        await attend(device: device, description: description, driver: driver)
                        libusb_unref_device(device.raw)
                    }
                case .left(let bus, let address):
                    let location = USBDeviceDescription(vendorID: 0, productID: 0, bus: bus, address: address, deviceClass: 0, interfaces: []).location
                    if let task = running.removeValue(forKey: location) {
                        task.cancel()
                        await task.value
                    }
                    update(location) { $0.state = .gone }
                }
            }
        } onCancel: {
            source.stop()
        }
        for task in running.values { task.cancel() }
        for task in running.values { await task.value }
        withExtendedLifetime(source) {}
        context.stopEventThread()
    }

    /// One device from arrival to departure.
    private func attend(device: DeviceRef, description: USBDeviceDescription, driver: Driver) async {
        let location = description.location
        var meta: Logger.Metadata = ["usb.vid": "\(USBDeviceDescription.hex4(description.vendorID))",
                                     "usb.pid": "\(USBDeviceDescription.hex4(description.productID))", "usb.location": "\(location)"]
        let candidates = table.entries.filter { $0.vendorID == description.vendorID && $0.productID == description.productID }
        guard let first = candidates.first else {
            set(DeviceStatus(id: description.id, location: location, family: nil, model: nil, driver: nil, state: .unknown))
            logger.debug("USB device not in the device table", metadata: meta)
            return
        }
        meta["usb.family"] = "\(first.family.rawValue)"
        if candidates.allSatisfy({ $0.driver == .unsupported }) {
            set(DeviceStatus(id: description.id, location: location, family: first.family, model: first.model, driver: first.driver.name, state: .unsupported))
            logger.warning("USB device is a known but unsupported model", metadata: meta)
            return
        }
        set(DeviceStatus(id: description.id, location: location, family: first.family, model: first.model, driver: first.driver.name, state: .opening))
        // A driver that stops on a device still attached (a stall, a protocol error) is started
        // again on a fresh handle, with growing pauses; unplugging cancels this task.
        var pause = retry.restartPause
        while await session(device: device, description: description, candidates: candidates, meta: meta, driver: driver), !Task.isCancelled {
            logger.warning("USB device's driver stopped; opening it again", metadata: meta.merging(["usb.pause": "\(pause)"]) { $1 })
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, retry.maxRestartPause)
        }
    }

    /// Opens, claims and drives the device once. Returns true when the driver stopped on its own
    /// (the device may be restarted), false when the device cannot be used or the task was cancelled.
    private func session(device: DeviceRef, description: USBDeviceDescription, candidates: [DeviceTable.Entry],
                         meta: Logger.Metadata, driver: Driver) async -> Bool {
        var meta = meta
        let location = description.location
        let transport: LibUSBTransport
        let entry: DeviceTable.Entry
        let plan: ClaimPlan
        do throws(USBError) {
            transport = try await open(device: device, description: description)
            // A row for one unit (VID:PID:serial, from the configuration) needs the serial number.
            var serial: String?
            if candidates.contains(where: { $0.serial != nil }), description.serialIndex != 0 {
                serial = try? await transport.stringDescriptor(description.serialIndex)
                meta["usb.serial"] = "\(serial ?? "unreadable")"
            }
            guard let matched = table.match(vendorID: description.vendorID, productID: description.productID, serial: serial) else {
                await transport.close()
                set(DeviceStatus(id: description.id, location: location, family: nil, model: nil, driver: nil, state: .unknown))
                logger.debug("USB device's serial number is not in the device table", metadata: meta)
                return false
            }
            entry = matched
            update(location) { $0.family = matched.family; $0.model = matched.model; $0.driver = matched.driver.name }
            do throws(USBError) {
                plan = try ClaimPlan.make(for: entry.driver, device: description)
                for interface in plan.interfaces { try transport.claim(interface: interface) }
            } catch {
                await transport.close()
                throw error
            }
        } catch {
            update(location) { $0.state = .failed; $0.lastError = error.description }
            logger.error("USB device cannot be opened", metadata: meta.merging(["usb.error": "\(error)"]) { $1 })
            return false
        }
        update(location) { $0.state = .ready; $0.lastError = nil }
        logger.info("USB device ready", metadata: meta)
        let claimed = ClaimedDevice(description: description, entry: entry, plan: plan, transport: transport) { [self] error in
            update(location) { $0.lastError = error.description }
        }
        await driver(claimed)
        await transport.close()
        if Task.isCancelled { return false }
        // The driver gave up on a device that is still attached: show why, then start again.
        update(location) { $0.state = .failed }
        return true
    }

    /// `libusb_open` with backoff while access is denied (udev not done yet).
    private func open(device: DeviceRef, description: USBDeviceDescription) async throws(USBError) -> LibUSBTransport {
        var delays = retry.delays[...]
        while true {
            do { return try LibUSBTransport(device: device.raw, description: description) } catch {
                guard case .accessDenied = error, let delay = delays.popFirst(), !Task.isCancelled else { throw error }
                try? await Task.sleep(for: delay)
            }
        }
    }

    private func set(_ status: DeviceStatus) {
        statuses.withLock { $0[status.location] = status }
        publish(status)
    }

    private func update(_ location: String, _ change: (inout DeviceStatus) -> Void) {
        let changed = statuses.withLock { all -> DeviceStatus? in
            guard var status = all[location] else { return nil }
            change(&status)
            all[location] = status
            return status
        }
        if let changed { publish(changed) }
    }

    private func publish(_ status: DeviceStatus) {
        for observer in observers.withLock({ $0 }) { observer.yield(status) }
    }
}
