import Synchronization
public import USBDevices

/// Where queue tickets go. The daemon's ``ConnectedPrinter`` prints on the USB service's
/// receipt printer; without one the check-in still opens the visit and the screen shows the number.
public protocol TicketPrinting: Sendable {
    /// Prints `ticket`; never throws: a failure is reported for staff and the check-in goes on.
    func print(_ ticket: Ticket) async -> TicketOutcome
}

/// The first receipt printer the USB service has ready now, with the config's printer profile
/// and name masking.
public final class ConnectedPrinter: TicketPrinting {
    private let peripherals = Mutex<Peripherals?>(nil)
    private let profile: PrinterProfile
    private let masking: Ticket.NameMasking

    /// A printer link with no peripherals yet, printing with `options`' profile and masking.
    public init(options: KioskConfig.USBOptions) {
        profile = options.printerProfile
        masking = Ticket.NameMasking(rawValue: options.ticketName.rawValue) ?? .initials
    }

    /// The peripherals the USB service runs now (replaced when it restarts them).
    public func attach(_ current: Peripherals) {
        peripherals.withLock { $0 = current }
    }

    public func print(_ ticket: Ticket) async -> TicketOutcome {
        guard let printer = peripherals.withLock({ $0 })?.printers.first else { return .noPrinter }
        do {
            try await printer.print(ticket, profile: profile, masking: masking)
            return .printed
        } catch {
            return .failed("\(error)")
        }
    }
}

extension KioskConfig.USBOptions {
    /// The receipt-printer profile of the `[usb]` printer keys.
    public var printerProfile: PrinterProfile {
        PrinterProfile(name: "configured", cp1258Page: printerText == .codePage ? UInt8(printerCodePage) : nil,
                       rasterFont: printerFont, widthDots: printerWidthDots, allowASCIIFolding: printerASCIIFolding)
    }
}
