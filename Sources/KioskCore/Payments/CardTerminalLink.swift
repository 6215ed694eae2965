public import USBDevices

/// One request/answer exchange with the card payment terminal. ``PaymentTerminal`` (the ECR link
/// over USB with Concert Protocol E) is the production link.
public protocol CardTerminalLink: Sendable {
    /// Sends `request` and waits for the terminal's answer.
    func perform(_ request: TerminalRequest) async throws(USBError) -> TerminalResult
}

extension PaymentTerminal: CardTerminalLink {}
