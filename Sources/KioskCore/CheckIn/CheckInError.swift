public import KioskBase

/// Why a check-in ended without a visit. Every case has a stable code the kiosk screen maps to
/// a sentence for the resident; the detail is for logs and never holds personal data.
public struct CheckInError: KioskError {
    /// What went wrong.
    public enum Reason: String, Sendable {
        /// The chip refused the CAN or MRZ key: the resident should check the number (never retried).
        case wrongAccessKey = "checkin.wrongAccessKey"
        /// The card left the reader (or never came) before the read finished.
        case cardRemoved = "checkin.cardRemoved"
        /// The card could not be read (link, protocol or file error).
        case readFailed = "checkin.readFailed"
        /// The card does not carry a usable citizen ID number, name, date of birth or sex.
        case incompleteCard = "checkin.incompleteCard"
        /// The genuineness policy refused the card; the identity check is recorded.
        case rejected = "checkin.rejected"
        /// The records could not be written.
        case storeFailed = "checkin.storeFailed"
    }

    /// What went wrong.
    public let reason: Reason
    /// Details for logs: the step and the underlying error, without personal data.
    public let detail: String

    /// Describes a failed check-in.
    public init(_ reason: Reason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }

    public var code: String { reason.rawValue }
}
