import KioskBase
import Logging
import ServiceLifecycle
public import USBDevices

/// Runs the kiosk's USB peripherals (``Peripherals``: the libusb device manager with the driver
/// of each family) inside kioskd: scanners, receipt printers and payment terminals come and go
/// with hot-plug. A libusb failure is logged, shown in `kioskctl status` and retried with growing
/// pauses; it never stops the daemon.
struct USBPeripheralsService: Service {
    let makePeripherals: @Sendable () -> Peripherals
    let state: DaemonState
    let logger: Logger
    /// Called with the citizen ID of each scanned CCCD front QR (the check-in starts from it).
    var onCCCDScan: (@Sendable (Redacted<String>) async -> Void)? = nil

    func run() async throws {
        var pause = Duration.seconds(1)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let peripherals = makePeripherals()
            state.set("usb", .running, detail: "hot-plug")
            do {
                try await cancelWhenGracefulShutdown {
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask { try await peripherals.run() }
                        group.addTask { [onCCCDScan] in await Self.consume(peripherals, onCCCDScan: onCCCDScan, logger: logger) }
                        try await group.next()
                        group.cancelAll()
                    }
                }
                break
            } catch where Task.isCancelled || Task.isShuttingDownGracefully {
                break
            } catch {
                let wait = pause
                state.set("usb", .degraded, detail: "\(error)")
                logger.error("usb: device manager stopped, retrying in \(wait): \(error)")
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
                pause = min(pause * 2, .seconds(60))
            }
        }
        state.set("usb", .stopped)
    }

    /// Scans and ready devices, until the streams end. Scans are logged by kind only, never
    /// their content (a front QR carries the resident's ID number).
    private static func consume(_ peripherals: Peripherals, onCCCDScan: (@Sendable (Redacted<String>) async -> Void)?, logger: Logger) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withTaskGroup(of: Void.self) { checkIns in
                    for await scan in peripherals.scans {
                        logger.info("usb: scan", metadata: ["usb.scan": "\(scan.event.kindLabel)", "usb.device": "\(scan.device.location)"])
                        if case .cccdFrontQR(let citizenID) = scan.event.kind, let onCCCDScan {
                            checkIns.addTask { await onCCCDScan(citizenID) }
                        }
                    }
                }
            }
            group.addTask {
                for await device in peripherals.ready {
                    switch device {
                    case .printer: logger.info("usb: receipt printer ready")
                    case .terminal: logger.info("usb: payment terminal ready")
                    }
                }
            }
        }
    }
}

extension KioskConfig {
    /// The USB peripherals pinned in `[[usb.devices]]` as device-table overrides (card readers
    /// belong to pcscd and are left out); `source` names the config in the table's model column.
    public func pinnedUSBDevices(source: String) -> [DeviceTable.Entry] {
        usbDevices.compactMap { device -> DeviceTable.Entry? in
            let id = String(format: "%04x:%04x", device.vendorID, device.productID) + (device.serial.map { ":\($0)" } ?? "")
            let driver = switch device.family {
            case .qrScanner: "auto"
            case .receiptPrinter: "escpos"
            case .paymentTerminal: "terminal"
            case .cardReader: ""
            }
            guard !driver.isEmpty else { return nil }
            return try? DeviceTable.override(id: id, family: device.family.rawValue, driver: driver, model: "pinned in \(source)")
        }
    }

    /// Driver settings of `[usb]` and `[payments] terminal_protocol` for ``Peripherals``.
    public var peripheralsOptions: Peripherals.Options {
        let layout = KeyboardLayout.named(usbOptions.scannerLayout) ?? .us
        let terminal: (any TerminalMessageProtocol)? = payments?.terminalProtocol == .concertE ? ConcertProtocolE() : nil
        return Peripherals.Options(scanner: ScannerDriver.Options(layout: layout, aimPrefix: usbOptions.scannerAIMPrefix), terminalProtocol: terminal)
    }
}
