public import KioskBase

/// The one error type of the EMRTD module: card protocol, crypto, parsing and access-key failures.
///
/// Details name the step, the file or the byte offset, never the personal data being processed.
public enum EMRTDError: KioskError, Equatable {
    /// A BER-TLV structure is malformed at byte `offset` of the buffer being walked.
    case tlv(TLVProblem, offset: Int)
    /// An MRZ could not be read (wrong shape, bad character); the text says what, not which value.
    case mrz(String)
    /// An MRZ check digit does not match its field.
    case mrzCheckDigit(field: String)
    /// The front QR string of a CCCD is malformed.
    case qr(QRProblem)
    /// An access key (CAN, MRZ key, ID number, date) is not well formed.
    case invalidAccessKey(String)
    /// A libcrypto call failed; `function` is the OpenSSL function that reported it.
    case crypto(function: String, reason: String)
    /// A secure-messaging response or command failed verification.
    case secureMessaging(String)
    /// The card answered a command with an unexpected status word.
    case status(sw: UInt16, during: String)
    /// The card rejected the access key (BAC or PACE authentication failed). Do not retry
    /// automatically: cards count failed attempts.
    case wrongAccessKey(during: String)
    /// The chip's authentication answer did not verify (wrong cryptogram, token or nonce).
    case authenticationFailed(String)
    /// The card or the key asks for something this module does not implement.
    case unsupported(String)
    /// A file read from the card is not shaped as its specification says.
    case malformedFile(file: String, reason: String)
    /// An APDU or a protocol message is malformed.
    case malformedAPDU(String)

    /// Kinds of BER-TLV damage.
    public enum TLVProblem: String, Sendable, Equatable {
        /// The buffer ends inside a tag, a length or a value.
        case truncated
        /// A length field longer than four bytes (or the reserved 0xFF form).
        case overlongLength
        /// The indefinite length form (0x80), which card files must not use.
        case indefiniteLength
        /// A tag longer than three bytes.
        case overlongTag
        /// Bytes left over after the last object where none are allowed.
        case trailingBytes
        /// A tag other than the one expected at this position.
        case unexpectedTag
    }

    /// Kinds of CCCD front QR damage.
    public enum QRProblem: Sendable, Equatable {
        /// Not 7 or 8 `|`-separated fields.
        case fieldCount(Int)
        /// The 12-digit ID number is missing or not 12 digits.
        case idNumber
        /// The old 9-digit ID is present but not 9 digits.
        case oldIDNumber
        /// The full name is empty.
        case emptyName
        /// A date field is not a valid ddmmyyyy date; the associated value names the field.
        case date(String)
    }

    public var code: String {
        switch self {
        case .tlv(let p, _): "emrtd.tlv.\(p.rawValue)"
        case .mrz: "emrtd.mrz.malformed"
        case .mrzCheckDigit: "emrtd.mrz.checkDigit"
        case .qr(let p):
            switch p {
            case .fieldCount: "emrtd.qr.fieldCount"
            case .idNumber: "emrtd.qr.idNumber"
            case .oldIDNumber: "emrtd.qr.oldIDNumber"
            case .emptyName: "emrtd.qr.emptyName"
            case .date: "emrtd.qr.date"
            }
        case .invalidAccessKey: "emrtd.accessKey.invalid"
        case .crypto: "emrtd.crypto"
        case .secureMessaging: "emrtd.sm.failed"
        case .status: "emrtd.card.status"
        case .wrongAccessKey: "emrtd.access.wrongKey"
        case .authenticationFailed: "emrtd.access.authenticationFailed"
        case .unsupported: "emrtd.unsupported"
        case .malformedFile: "emrtd.file.malformed"
        case .malformedAPDU: "emrtd.apdu.malformed"
        }
    }

    public var detail: String {
        switch self {
        case .tlv(let p, let offset): "BER-TLV \(p.rawValue) at offset \(offset)"
        case .mrz(let why): "MRZ: \(why)"
        case .mrzCheckDigit(let field): "MRZ check digit mismatch in \(field)"
        case .qr(let p):
            switch p {
            case .fieldCount(let n): "CCCD QR has \(n) fields, expected 7 or 8"
            case .idNumber: "CCCD QR ID number is not 12 digits"
            case .oldIDNumber: "CCCD QR old ID number is not 9 digits"
            case .emptyName: "CCCD QR name is empty"
            case .date(let field): "CCCD QR \(field) is not a ddmmyyyy date"
            }
        case .invalidAccessKey(let why): "access key: \(why)"
        case .crypto(let function, let reason): "\(function) failed: \(reason)"
        case .secureMessaging(let why): "secure messaging: \(why)"
        case .status(let sw, let during): "card answered \(hex16(sw)) to \(during)"
        case .wrongAccessKey(let during): "card rejected the access key during \(during)"
        case .authenticationFailed(let why): "chip authentication answer invalid: \(why)"
        case .unsupported(let why): "unsupported: \(why)"
        case .malformedFile(let file, let why): "\(file): \(why)"
        case .malformedAPDU(let why): "APDU: \(why)"
        }
    }
}

func hex16(_ v: UInt16) -> String {
    let s = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
}
