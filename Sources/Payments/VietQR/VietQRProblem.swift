/// What is wrong with one VietQR data object, for ``PaymentsError``.
public enum VietQRProblem: Sendable, Equatable {
    /// The payload ends inside a data object: `needed` bytes were declared or required, `available` remain.
    case truncated(needed: Int, available: Int)
    /// The tag ID or the length is not two decimal digits.
    case malformedHeader
    /// The same tag appears twice in one template.
    case duplicate
    /// A required tag is absent.
    case missing
    /// The data object is not where the specification puts it (00 first, 63 last).
    case misplaced(expected: String)
    /// The value is not what the specification allows; `expected` says what would be.
    case invalidValue(expected: String)
    /// The value is longer than its maximum (byte counts).
    case tooLong(maximum: Int, actual: Int)
    /// The value is empty where at least one byte is required.
    case empty
    /// The value's bytes are not valid UTF-8.
    case notUTF8
    /// After diacritic folding the text still holds characters outside printable ASCII.
    case notASCII
    /// The CRC in tag 63 does not match the payload.
    case checksumMismatch(computed: String, found: String)
    /// A static code (tag 01 = `11`) was given an amount; see ``VietQRPayload`` for why the builder refuses it.
    case amountInStaticCode

    var codeSuffix: String {
        switch self {
        case .truncated: "truncated"
        case .malformedHeader: "malformedHeader"
        case .duplicate: "duplicateTag"
        case .missing: "missingTag"
        case .misplaced: "misplacedTag"
        case .invalidValue: "invalidValue"
        case .tooLong: "tooLong"
        case .empty: "emptyValue"
        case .notUTF8: "notUTF8"
        case .notASCII: "notASCII"
        case .checksumMismatch: "checksum"
        case .amountInStaticCode: "amountInStaticCode"
        }
    }

    var explanation: String {
        switch self {
        case .truncated(let needed, let available):
            "bytes end inside a data object (expected \(needed), \(available) left): a length is wrong or the payload is cut"
        case .malformedHeader: "tag ID or length is not two decimal digits (expected NN LL)"
        case .duplicate: "tag appears twice (expected once per template)"
        case .missing: "required tag is absent"
        case .misplaced(let expected): "tag is out of place (expected \(expected))"
        case .invalidValue(let expected): "value not allowed (expected \(expected))"
        case .tooLong(let maximum, let actual): "value is \(actual) bytes (expected at most \(maximum))"
        case .empty: "value is empty (expected at least 1 byte)"
        case .notUTF8: "value is not valid UTF-8"
        case .notASCII: "text holds characters other than printable ASCII after diacritic folding"
        case .checksumMismatch(let computed, let found):
            "CRC-16/CCITT-FALSE is \(found) in the payload but \(computed) over its bytes"
        case .amountInStaticCode:
            "a static code (01 = 11) carries no amount (expected a dynamic code, 01 = 12, or no tag 54)"
        }
    }
}
