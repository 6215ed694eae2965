/// The seam under every card protocol: something that carries a command APDU to a card and
/// brings back its response. ``CardConnection`` is the pcsc-lite implementation; tests may
/// put a scripted fake here where the real stack cannot run.
///
/// Implementations hand back the complete response: `61xx` and `6Cxx` are resolved below
/// this interface. They throw ``SmartCardError`` (``SmartCardError/cardRemoved(call:status:)``
/// when the card has left).
public protocol APDUTransport: Sendable {
    /// Sends `command` and returns the card's complete answer.
    func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU

    /// Largest command data field (Nc) the link accepts: 255, or 65535 with extended length.
    var maximumCommandDataLength: Int { get }

    /// Largest Nₑ the link accepts: 256, or 65536 with extended length.
    var maximumResponseLength: Int { get }
}

extension APDUTransport {
    /// True when commands may use the extended length encoding.
    public var supportsExtendedLength: Bool { maximumResponseLength > CommandAPDU.maximumShortLe }
}
