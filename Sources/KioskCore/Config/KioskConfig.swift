public import HealthID
public import Logging
public import Sync

/// The whole configuration of one kiosk, as read from its TOML file and checked.
public struct KioskConfig: Sendable, Equatable {
    /// Default location of the config file.
    public static let defaultPath = "/etc/health-kiosk/kioskd.toml"

    public var station: Station
    public var paths: Paths
    public var cardReaders: CardReaders
    public var usbDevices: [USBDevice]
    public var payments: Payments?
    public var upstream: Upstream
    public var sync: Sync
    public var localAPI: LocalAPI
    public var control: Control
    public var logging: Logging
    public var verification = Verification()
    public var usbOptions = USBOptions()

    /// Which commune health station this kiosk serves.
    public struct Station: Sendable, Equatable {
        /// Facility code of the station in the health-insurance system (mã cơ sở KCB, 5 digits).
        public var facilityCode: String
        public var name: String
        public var kioskID: String
    }

    /// Where the daemon keeps its state and finds its trust anchors.
    public struct Paths: Sendable, Equatable {
        public var stateDirectory: String
        public var cscaDirectory: String
    }

    /// Which PC/SC readers the daemon uses for ID cards.
    public struct CardReaders: Sendable, Equatable {
        /// Substrings of reader names to use; empty means every reader.
        public var namePatterns: [String]
        public var preferred: String?
    }

    /// A USB peripheral the technician pinned in the config (overrides the device table).
    public struct USBDevice: Sendable, Equatable {
        public var family: USBFamily
        public var vendorID: UInt16
        public var productID: UInt16
        public var serial: String?
        public var interface: Int?
    }

    /// How the USB peripherals are driven: the `[usb]` keys beside the pinned devices.
    public struct USBOptions: Sendable, Equatable {
        /// How Vietnamese text reaches the receipt printer.
        public enum PrinterText: String, Sendable, Equatable, CaseIterable {
            /// The printer's Windows-1258 code page (`printer_code_page`).
            case codePage = "code-page"
            /// Raster images rendered with FreeType from `printer_font`.
            case raster
        }

        /// How much of the resident's name the queue ticket shows.
        public enum TicketName: String, Sendable, Equatable, CaseIterable {
            case hidden, initials, full
        }

        /// Keyboard layout of scanners in keyboard mode: "us", "fr" or "de".
        public var scannerLayout = "us"
        /// Scanners send a leading AIM symbology identifier (keyboard and CDC modes).
        public var scannerAIMPrefix = false
        public var printerText = PrinterText.codePage
        /// `ESC t` value of Windows-1258 on the printer (Epson TM: 52).
        public var printerCodePage = 52
        public var printerFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
        /// Printable width in dots (576 for 80 mm paper, 384 for 58 mm).
        public var printerWidthDots = 576
        /// Fold Vietnamese to ASCII when the chosen text path cannot be used (last resort).
        public var printerASCIIFolding = false
        public var ticketName = TicketName.initials

        public init() {}
    }

    /// Kinds of USB peripheral the kiosk drives.
    public enum USBFamily: String, Sendable, Equatable, CaseIterable {
        case cardReader = "card-reader"
        case qrScanner = "qr-scanner"
        case receiptPrinter = "receipt-printer"
        case paymentTerminal = "payment-terminal"
    }

    /// Upstream services: the FHIR server records are synced to, the insurance portal.
    public struct Upstream: Sendable, Equatable {
        public var fhirBaseURL: String
        public var bhxhPortalURL: String?
        /// TOML file with the portal account and the staff member (mode 0600, the service user's).
        public var bhxhCredentialsFile: String? = nil
        /// Longest a card check may take, login included, in milliseconds.
        public var bhxhTimeoutMilliseconds = 3000
        /// The identifier sent as `maThe`.
        public var bhxhIdentifier: InsuranceIdentifierKind = .cardCode
        /// Minutes an answer is reused without asking the portal again (0: always ask).
        public var bhxhCacheMinutes = 60
        public var caFile: String?
        public var clientCertificate: String?
        public var clientKey: String?
        public var connectTimeoutSeconds: Int
        public var requestTimeoutSeconds: Int
        /// Keys the FHIR server's certificate chain must hold one of (`spki_pins`); empty: no pinning.
        public var spkiPins: [SPKIPin] = []
    }

    /// How the outbox is delivered upstream and how long delivered records are kept.
    public struct Sync: Sendable, Equatable {
        /// Records per FHIR transaction bundle.
        public var batchSize: Int
        /// Seconds between delivery rounds when nothing new arrives.
        public var intervalSeconds: Int
        /// Days an acknowledged record is kept before it is purged.
        public var retentionDays: Int
        /// How resources are written upstream: conditional creates, or PUTs with client ids.
        public var fhirWrite: FHIRWriteMode = .conditionalCreate
    }

    /// The loopback HTTP API for the kiosk screen and the staff pages.
    public struct LocalAPI: Sendable, Equatable {
        public var host: String
        public var port: Int
        public var staff: [StaffCredential]
    }

    /// A staff login: the name and a salted PBKDF2-SHA256 hash of the password.
    public struct StaffCredential: Sendable, Equatable {
        public var username: String
        /// `pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>`.
        public var passwordHash: String
    }

    /// The control socket `kioskctl` talks to.
    public struct Control: Sendable, Equatable {
        public var socketPath: String
        /// Group given to the socket (mode 0660) so that technicians in it can use `kioskctl`.
        public var socketGroup: String
    }

    /// Log verbosity.
    public struct Logging: Sendable, Equatable {
        public var level: Logger.Level
    }
}
