/// Drives a claimed payment terminal: opens the CDC-ACM line, then runs one request/answer
/// exchange per payment through the ``ECRLink`` with the configured message protocol.
public struct PaymentTerminal: Sendable {
    public let device: ClaimedDevice
    public let messages: any TerminalMessageProtocol
    private let link: ECRLink
    /// How long the resident may take at the terminal.
    public var answerTimeout: Duration

    public init(device: ClaimedDevice, messages: any TerminalMessageProtocol, timeouts: ECRLink.Timeouts = ECRLink.Timeouts(),
                answerTimeout: Duration = .seconds(180)) throws(USBError) {
        guard let input = device.plan.input, let output = device.plan.output else {
            throw .unsuitableDevice("\(device.description.id): the terminal link needs bulk IN and OUT endpoints")
        }
        self.device = device
        self.messages = messages
        self.answerTimeout = answerTimeout
        link = ECRLink(transport: device.transport, input: input, output: output, timeouts: timeouts, handshake: messages.handshake)
    }

    /// Sets the line coding when the terminal is CDC-ACM.
    public func open() async throws(USBError) {
        if let comm = device.plan.cdcControlInterface {
            try await CDCACM.open(device.transport, interface: comm, coding: messages.lineCoding)
        }
    }

    /// Sends `request` and waits for the terminal's answer.
    public func perform(_ request: TerminalRequest) async throws(USBError) -> TerminalResult {
        try await link.send(try messages.encode(request))
        let answer = try await link.receive(timeout: answerTimeout)
        return try messages.decode(answer)
    }
}
