public import KioskBase

/// Why a check-in ended without a visit; the reasons' codes map to sentences on the kiosk
/// screen, the detail is for logs and never holds personal data.
public typealias CheckInError = ReasonedError<CheckInFailure>

/// What went wrong in a check-in.
public enum CheckInFailure: String, Sendable {
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
