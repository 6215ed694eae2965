public import KioskBase

/// Failures of the virtual card's link to pcscd's vpcd reader and of building its files.
public enum VirtualCardError: KioskError, Equatable {
    /// The TCP connection to vpcd could not be made (pcscd not running, vpcd not configured).
    case connectFailed(host: String, port: UInt16, errno: Int32)
    /// The card is already in the reader.
    case alreadyInserted
    /// A resident profile cannot be read or is not well formed; the reason names the field,
    /// never its value.
    case profile(path: String, reason: String)
    /// A fixture file (photo, key, certificate) is missing or unreadable.
    case fixture(path: String)
    /// Building or signing the card's files failed.
    case files(String)

    public var code: String {
        switch self {
        case .connectFailed: "virtualCard.connectFailed"
        case .alreadyInserted: "virtualCard.alreadyInserted"
        case .profile: "virtualCard.profile"
        case .fixture: "virtualCard.fixture"
        case .files: "virtualCard.files"
        }
    }

    public var detail: String {
        switch self {
        case .connectFailed(let host, let port, let errno):
            "connect to vpcd at \(host):\(port) failed (errno \(errno)); is pcscd running with /etc/reader.conf.d/vpcd?"
        case .alreadyInserted:
            "the virtual card is already connected to vpcd"
        case .profile(let path, let reason):
            "resident profile \(path): \(reason)"
        case .fixture(let path):
            "fixture \(path) is missing or unreadable (scripts/make-card-fixtures.sh makes it)"
        case .files(let why):
            "building the card's files: \(why)"
        }
    }
}
