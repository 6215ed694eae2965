public import Logging
import Synchronization

/// The kiosk's USB peripherals as a service uses them: runs the ``DeviceManager`` with the
/// driver of each family, delivers scans from every scanner, and keeps the printers and payment
/// terminals that are ready (a device leaves the list when it is unplugged).
public final class Peripherals: Sendable {
    /// Driver settings from the configuration.
    public struct Options: Sendable {
        public var scanner: ScannerDriver.Options
        /// The payment terminal's message protocol; nil leaves terminals unused.
        public var terminalProtocol: (any TerminalMessageProtocol)?
        public var answerTimeout: Duration

        public init(scanner: ScannerDriver.Options = .init(), terminalProtocol: (any TerminalMessageProtocol)? = ConcertProtocolE(),
                    answerTimeout: Duration = .seconds(180)) {
            self.scanner = scanner
            self.terminalProtocol = terminalProtocol
            self.answerTimeout = answerTimeout
        }
    }

    /// One scan and the scanner it came from.
    public struct Scan: Sendable {
        public var device: USBDeviceDescription
        public var event: ScanEvent
    }

    /// A printer or terminal that has become ready.
    public enum Ready: Sendable {
        case printer(ReceiptPrinter)
        case terminal(PaymentTerminal)
    }

    public let manager: DeviceManager
    private let options: Options
    private let scanContinuation: AsyncStream<Scan>.Continuation
    /// Every scan, from every scanner (for one consumer).
    public let scans: AsyncStream<Scan>
    private let readyContinuation: AsyncStream<Ready>.Continuation
    /// Printers and terminals as they become ready (for one consumer).
    public let ready: AsyncStream<Ready>
    private let printersByLocation = Mutex<[String: ReceiptPrinter]>([:])
    private let terminalsByLocation = Mutex<[String: PaymentTerminal]>([:])

    public init(table: DeviceTable = .standard(), options: Options = Options(), logger: Logger = Logger(label: "usb")) {
        manager = DeviceManager(table: table, logger: logger)
        self.options = options
        (scans, scanContinuation) = AsyncStream.makeStream(of: Scan.self, bufferingPolicy: .bufferingNewest(16))
        (ready, readyContinuation) = AsyncStream.makeStream(of: Ready.self)
    }

    /// The printers that are ready now, by bus location.
    public var printers: [ReceiptPrinter] { printersByLocation.withLock { $0.sorted { $0.key < $1.key }.map(\.value) } }
    /// The payment terminals that are ready now, by bus location.
    public var terminals: [PaymentTerminal] { terminalsByLocation.withLock { $0.sorted { $0.key < $1.key }.map(\.value) } }

    /// Runs until the calling task is cancelled.
    public func run() async throws(USBError) {
        defer {
            scanContinuation.finish()
            readyContinuation.finish()
        }
        try await manager.run { [self] device in await drive(device) }
    }

    private func drive(_ device: ClaimedDevice) async {
        let location = device.description.location
        switch device.entry.family {
        case .qrScanner:
            let end = await ScannerDriver(options: options.scanner).run(device) { [self] scan in
                scanContinuation.yield(Scan(device: device.description, event: scan))
            }
            if !end.isCancellation { device.report(end) }
        case .receiptPrinter:
            let printer = ReceiptPrinter(device: device)
            printersByLocation.withLock { $0[location] = printer }
            readyContinuation.yield(.printer(printer))
            await Self.hold()
            printersByLocation.withLock { $0[location] = nil }
        case .paymentTerminal:
            guard let messages = options.terminalProtocol else { return await Self.hold() }
            do {
                let terminal = try PaymentTerminal(device: device, messages: messages, answerTimeout: options.answerTimeout)
                try await terminal.open()
                terminalsByLocation.withLock { $0[location] = terminal }
                readyContinuation.yield(.terminal(terminal))
                await Self.hold()
                terminalsByLocation.withLock { $0[location] = nil }
            } catch {
                device.report(error)
            }
        }
    }

    /// Keeps a device claimed until its task is cancelled (unplugged, or the service stops).
    private static func hold() async {
        while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
    }
}

extension USBError {
    /// True for the end of a transfer cancelled because its task or link was stopped.
    var isCancellation: Bool {
        switch self {
        case .cancelled, .closed: true
        default: false
        }
    }
}
