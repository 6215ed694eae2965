public import SmartCard

/// The card side of a virtual card: answers command APDUs the way a chip would.
/// ``VPCDClient`` calls it from one thread at a time, so an applet keeps plain mutable state.
public protocol CardApplet {
    /// The answer to reset sent when the reader powers the card up.
    var answerToReset: [UInt8] { get }

    /// Forgets session state (selected file, keys): called on power on, reset and each insertion.
    mutating func reset()

    /// Answers one command APDU.
    mutating func handle(_ command: CommandAPDU) -> ResponseAPDU
}
