public import USBDevices

/// One request/answer exchange with the card payment terminal. ``PaymentTerminal`` (the ECR link
/// over USB with Concert Protocol E) is the production link.
public protocol CardTerminalLink: Sendable {
    /// Whether a terminal is there to take a sale now (plugged in and set up). A sale is refused
    /// up front when it is not, instead of being left `presented` without an answer.
    var isReady: Bool { get }

    /// Sends `request` and waits for the terminal's answer.
    func perform(_ request: TerminalRequest) async throws(USBError) -> TerminalResult
}

extension CardTerminalLink {
    /// A link that is set up once is always ready; its failures show in ``perform(_:)``.
    public var isReady: Bool { true }
}

extension PaymentTerminal: CardTerminalLink {}
