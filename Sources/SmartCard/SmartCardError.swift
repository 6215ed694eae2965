public import KioskBase
import CPCSCLite

/// Every failure of the PC/SC layer: a pcsc-lite return code mapped to a case that names the
/// `SCard*` call it came from, or an APDU that cannot be encoded or decoded.
public enum SmartCardError: KioskError, Equatable {
    /// The card left the reader (or was reset or powered down by someone else) while in use.
    case cardRemoved(call: String, status: UInt32)
    /// The PC/SC service (pcscd) is not running or went away.
    case serviceUnavailable(call: String, status: UInt32)
    /// No reader is attached.
    case noReaders(call: String)
    /// The named reader is unknown or no longer available.
    case readerUnavailable(call: String, status: UInt32)
    /// Another process holds the card exclusively.
    case sharingViolation(call: String)
    /// The card does not answer or does not speak the requested protocol.
    case unresponsiveCard(call: String, status: UInt32)
    /// The call was cancelled through `SCardCancel`.
    case cancelled(call: String)
    /// The call did not complete within its timeout.
    case timeout(call: String)
    /// Any other pcsc-lite failure.
    case failed(call: String, status: UInt32)
    /// A command APDU cannot be encoded (lengths out of range, extended length not allowed).
    case invalidCommand(String)
    /// The card's answer is not a response APDU (fewer than two bytes, endless chaining).
    case malformedResponse(String)
    /// The connection was already closed by ``CardConnection/disconnect(_:)``.
    case connectionClosed

    /// Maps a pcsc-lite return code of `call` to its case.
    init(call: String, status: UInt32) {
        switch status {
        case PCSCStatus.removedCard, PCSCStatus.noSmartCard, PCSCStatus.resetCard, PCSCStatus.unpoweredCard:
            self = .cardRemoved(call: call, status: status)
        case PCSCStatus.noService, PCSCStatus.serviceStopped, PCSCStatus.commDataLost:
            self = .serviceUnavailable(call: call, status: status)
        case PCSCStatus.noReadersAvailable:
            self = .noReaders(call: call)
        case PCSCStatus.unknownReader, PCSCStatus.readerUnavailable:
            self = .readerUnavailable(call: call, status: status)
        case PCSCStatus.sharingViolation:
            self = .sharingViolation(call: call)
        case PCSCStatus.unresponsiveCard, PCSCStatus.protocolMismatch:
            self = .unresponsiveCard(call: call, status: status)
        case PCSCStatus.cancelled:
            self = .cancelled(call: call)
        case PCSCStatus.timeout:
            self = .timeout(call: call)
        default:
            self = .failed(call: call, status: status)
        }
    }

    /// True when the card is gone; the caller should wait for the next insertion.
    public var isCardRemoved: Bool {
        if case .cardRemoved = self { return true }
        return false
    }

    /// True when the card is there but did not answer its power-up or protocol negotiation.
    public var isUnresponsive: Bool {
        if case .unresponsiveCard = self { return true }
        return false
    }

    public var code: String {
        switch self {
        case .cardRemoved: "card.removed"
        case .serviceUnavailable: "card.serviceUnavailable"
        case .noReaders: "card.noReaders"
        case .readerUnavailable: "card.readerUnavailable"
        case .sharingViolation: "card.sharingViolation"
        case .unresponsiveCard: "card.unresponsive"
        case .cancelled: "card.cancelled"
        case .timeout: "card.timeout"
        case .failed: "card.pcscFailed"
        case .invalidCommand: "card.invalidCommand"
        case .malformedResponse: "card.malformedResponse"
        case .connectionClosed: "card.connectionClosed"
        }
    }

    public var detail: String {
        switch self {
        case .cardRemoved(let call, let status), .serviceUnavailable(let call, let status),
             .readerUnavailable(let call, let status), .unresponsiveCard(let call, let status),
             .failed(let call, let status):
            Self.describe(call: call, status: status)
        case .noReaders(let call):
            Self.describe(call: call, status: PCSCStatus.noReadersAvailable)
        case .sharingViolation(let call):
            Self.describe(call: call, status: PCSCStatus.sharingViolation)
        case .cancelled(let call):
            Self.describe(call: call, status: PCSCStatus.cancelled)
        case .timeout(let call):
            Self.describe(call: call, status: PCSCStatus.timeout)
        case .invalidCommand(let reason):
            "invalid command APDU: \(reason)"
        case .malformedResponse(let reason):
            "malformed response APDU: \(reason)"
        case .connectionClosed:
            "the card connection is already closed"
        }
    }

    private static func describe(call: String, status: UInt32) -> String {
        let hex = "0x" + String(status, radix: 16, uppercase: true)
        let text = String(cString: pcsc_stringify_error(LONG(status)))
        return "\(call) failed with \(hex) (\(text))"
    }
}
