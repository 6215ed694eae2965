import Synchronization
public import USBDevices

/// The card terminal the USB service has ready now, as the payment desk's link: each exchange
/// goes to the first ready terminal of the current ``Peripherals``; with none plugged in it fails
/// as a disconnected device (so a lost answer is settled by asking the terminal later).
public final class ConnectedTerminal: CardTerminalLink {
    private let peripherals = Mutex<Peripherals?>(nil)

    /// A link with no peripherals yet.
    public init() {}

    /// The peripherals the USB service runs now (replaced when it restarts them).
    public func attach(_ current: Peripherals) {
        peripherals.withLock { $0 = current }
    }

    /// True while the USB service has a terminal ready.
    public var isReady: Bool { peripherals.withLock { $0 }?.terminals.isEmpty == false }

    public func perform(_ request: TerminalRequest) async throws(USBError) -> TerminalResult {
        guard let terminal = peripherals.withLock({ $0 })?.terminals.first else {
            throw USBError.disconnected(call: "payment terminal (none ready)")
        }
        return try await terminal.perform(request)
    }
}
