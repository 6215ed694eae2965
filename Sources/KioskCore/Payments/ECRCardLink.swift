public import USBDevices

/// A card terminal reached through an ``ECRLink`` that is already set up (a link whose line
/// needs no CDC-ACM coding, or a simulated one): one request/answer exchange per call with the
/// given message protocol.
public struct ECRCardLink: CardTerminalLink {
    let link: ECRLink
    let messages: any TerminalMessageProtocol
    let answerTimeout: Duration

    /// A link speaking `messages` (Concert Protocol E by default), waiting up to `answerTimeout`
    /// for the terminal's answer.
    public init(link: ECRLink, messages: any TerminalMessageProtocol = ConcertProtocolE(), answerTimeout: Duration = .seconds(180)) {
        self.link = link
        self.messages = messages
        self.answerTimeout = answerTimeout
    }

    public func perform(_ request: TerminalRequest) async throws(USBError) -> TerminalResult {
        try await link.send(try messages.encode(request))
        return try messages.decode(try await link.receive(timeout: answerTimeout))
    }
}
