/// Runs a claimed QR scanner: prepares its mode (boot protocol, HID-POS enable report or CDC
/// line coding), reads its endpoint and decodes scans until the device leaves or the task is
/// cancelled. Malformed input is reported and skipped; it never stops the driver.
public struct ScannerDriver: Sendable {
    /// Decoding options from the configuration.
    public struct Options: Sendable {
        public var layout: KeyboardLayout
        public var aimPrefix: Bool
        public var hidPOSLayout: HIDPOSDecoder.Layout

        public init(layout: KeyboardLayout = .us, aimPrefix: Bool = false, hidPOSLayout: HIDPOSDecoder.Layout = .honeywell) {
            self.layout = layout
            self.aimPrefix = aimPrefix
            self.hidPOSLayout = hidPOSLayout
        }
    }

    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    /// Reads scans from `device` and hands each to `emit`. Returns the error that ended it
    /// (``USBError/disconnected(call:)`` on unplug, ``USBError/cancelled(call:)`` on cancellation).
    public func run(_ device: ClaimedDevice, emit: @Sendable (ScanEvent) -> Void) async -> USBError {
        guard let input = device.plan.input, let mode = device.plan.scannerMode else {
            return .unsuitableDevice("\(device.description.id): no scanner input endpoint")
        }
        let transport = device.transport
        let interface = device.plan.interfaces.last ?? 0
        do throws(USBError) {
            switch mode {
            case .hidKeyboard:
                // SET_PROTOCOL(boot): reports become the 8-byte boot format. A stall means the
                // device only has the boot format anyway.
                let setup = USBControlSetup(requestType: 0x21, request: 0x0B, value: 0, index: UInt16(interface))
                do { _ = try await transport.control(setup, data: [], length: 0, timeout: .seconds(1)) } catch {
                    if case .stall = error {} else { throw error }
                }
            case .hidPOS:
                let report = HIDPOSDecoder.enableFeatureReport()
                let setup = USBControlSetup(requestType: 0x21, request: 0x09, value: 0x0300 | UInt16(report[0]), index: UInt16(interface))
                do { _ = try await transport.control(setup, data: report, length: 0, timeout: .seconds(1)) } catch {
                    if case .stall = error { device.report(error) } else { throw error }
                }
            case .cdc:
                if let comm = device.plan.cdcControlInterface {
                    try await CDCACM.open(transport, interface: comm, coding: .standard)
                }
            case .auto:
                return .unsuitableDevice("scanner mode not resolved")
            }
        } catch {
            return error
        }
        var keyboard = KeyboardWedgeDecoder(layout: options.layout, aimPrefix: options.aimPrefix)
        var pos = HIDPOSDecoder(layout: options.hidPOSLayout)
        var lines = CDCLineDecoder(aimPrefix: options.aimPrefix)
        while true {
            let chunk: [UInt8]
            do {
                chunk = try await transport.read(input, maxLength: max(input.maxPacketSize, 64), timeout: nil)
            } catch {
                return error
            }
            do {
                switch mode {
                case .hidKeyboard: for scan in try keyboard.feed(chunk) { emit(scan) }
                case .hidPOS: if let scan = try pos.feed(chunk) { emit(scan) }
                case .cdc, .auto: for scan in try lines.feed(chunk) { emit(scan) }
                }
            } catch {
                device.report(error)
            }
        }
    }
}
