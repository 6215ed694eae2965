/// The two trailing bytes of every response APDU (ISO/IEC 7816-4 §5.6).
public struct StatusWord: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16

    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public init(sw1: UInt8, sw2: UInt8) { self.rawValue = UInt16(sw1) << 8 | UInt16(sw2) }

    public var sw1: UInt8 { UInt8(rawValue >> 8) }
    public var sw2: UInt8 { UInt8(rawValue & 0xFF) }

    /// `9000`: normal processing.
    public static let success = StatusWord(rawValue: 0x9000)
    /// `6282`: end of file reached before Nₑ bytes were read.
    public static let endOfFile = StatusWord(rawValue: 0x6282)
    /// `6300`: verification failed (a wrong access key).
    public static let verificationFailed = StatusWord(rawValue: 0x6300)
    /// `6700`: wrong length.
    public static let wrongLength = StatusWord(rawValue: 0x6700)
    /// `6882`: secure messaging not supported.
    public static let secureMessagingNotSupported = StatusWord(rawValue: 0x6882)
    /// `6982`: security status not satisfied.
    public static let securityStatusNotSatisfied = StatusWord(rawValue: 0x6982)
    /// `6985`: conditions of use not satisfied.
    public static let conditionsNotSatisfied = StatusWord(rawValue: 0x6985)
    /// `6987`: expected secure messaging data objects missing.
    public static let secureMessagingObjectsMissing = StatusWord(rawValue: 0x6987)
    /// `6988`: secure messaging data objects incorrect.
    public static let secureMessagingObjectsIncorrect = StatusWord(rawValue: 0x6988)
    /// `6A80`: incorrect parameters in the data field.
    public static let incorrectData = StatusWord(rawValue: 0x6A80)
    /// `6A82`: file or application not found.
    public static let fileNotFound = StatusWord(rawValue: 0x6A82)
    /// `6A86`: incorrect P1 P2.
    public static let incorrectParameters = StatusWord(rawValue: 0x6A86)
    /// `6B00`: wrong parameters (offset outside the file).
    public static let wrongParameters = StatusWord(rawValue: 0x6B00)
    /// `6D00`: instruction not supported.
    public static let instructionNotSupported = StatusWord(rawValue: 0x6D00)
    /// `6E00`: class not supported.
    public static let classNotSupported = StatusWord(rawValue: 0x6E00)
    /// `6F00`: no precise diagnosis.
    public static let noPreciseDiagnosis = StatusWord(rawValue: 0x6F00)

    /// `61xx`: `xx` more bytes wait for GET RESPONSE (`00` means 256 or more).
    public static func bytesRemaining(_ count: Int) -> StatusWord {
        StatusWord(sw1: 0x61, sw2: UInt8(truncatingIfNeeded: min(count, 256)))
    }

    /// `6Cxx`: wrong Le; `xx` is the exact length to ask for (`00` means 256).
    public static func correctLength(_ count: Int) -> StatusWord {
        StatusWord(sw1: 0x6C, sw2: UInt8(truncatingIfNeeded: min(count, 256)))
    }

    /// `9000`.
    public var isSuccess: Bool { rawValue == 0x9000 }

    /// `62xx` or `63xx`: processed with a warning.
    public var isWarning: Bool { sw1 == 0x62 || sw1 == 0x63 }

    /// For `61xx`, the number of bytes still available (256 for `6100`).
    public var remainingBytes: Int? { sw1 == 0x61 ? (sw2 == 0 ? 256 : Int(sw2)) : nil }

    /// For `6Cxx`, the exact Le to re-issue the command with (256 for `6C00`).
    public var exactLength: Int? { sw1 == 0x6C ? (sw2 == 0 ? 256 : Int(sw2)) : nil }

    public var description: String {
        let hex = String(rawValue, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - hex.count) + hex
    }
}
