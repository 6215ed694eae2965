/// Return codes of pcsc-lite (`pcsclite.h`), kept as plain values so that error mapping does
/// not depend on how the C macros are imported.
enum PCSCStatus {
    static let success: UInt32 = 0x0000_0000
    static let cancelled: UInt32 = 0x8010_0002
    static let invalidHandle: UInt32 = 0x8010_0003
    static let insufficientBuffer: UInt32 = 0x8010_0008
    static let unknownReader: UInt32 = 0x8010_0009
    static let timeout: UInt32 = 0x8010_000A
    static let sharingViolation: UInt32 = 0x8010_000B
    static let noSmartCard: UInt32 = 0x8010_000C
    static let protocolMismatch: UInt32 = 0x8010_000F
    static let notTransacted: UInt32 = 0x8010_0016
    static let readerUnavailable: UInt32 = 0x8010_0017
    static let noService: UInt32 = 0x8010_001D
    static let serviceStopped: UInt32 = 0x8010_001E
    static let unsupportedFeature: UInt32 = 0x8010_001F
    static let noReadersAvailable: UInt32 = 0x8010_002E
    static let commDataLost: UInt32 = 0x8010_002F
    static let unresponsiveCard: UInt32 = 0x8010_0066
    static let unpoweredCard: UInt32 = 0x8010_0067
    static let resetCard: UInt32 = 0x8010_0068
    static let removedCard: UInt32 = 0x8010_0069
}

/// Constants from `pcsclite.h` and `reader.h` in the integer type the C functions take.
enum PCSCConstant {
    static let scopeSystem: UInt = 0x0002
    static let protocolT0: UInt = 0x0001
    static let protocolT1: UInt = 0x0002
    static let shareExclusive: UInt = 0x0001
    static let shareShared: UInt = 0x0002
    static let leaveCard: UInt = 0x0000
    static let resetCard: UInt = 0x0001
    static let unpowerCard: UInt = 0x0002
    static let infinite: UInt = 0xFFFF_FFFF
    static let stateUnaware: UInt = 0x0000
    static let stateIgnore: UInt = 0x0001
    static let stateChanged: UInt = 0x0002
    static let stateUnknown: UInt = 0x0004
    static let stateUnavailable: UInt = 0x0008
    static let stateEmpty: UInt = 0x0010
    static let statePresent: UInt = 0x0020
    static let stateMute: UInt = 0x0200
    /// `SCARD_ATTR_MAXINPUT`: largest command the reader accepts (CCID readers).
    static let attributeMaxInput: UInt = 0x0007_A007
    /// Name of the pseudo-reader whose state changes when a reader is plugged in or out.
    static let plugAndPlayReader = "\\\\?PnP?\\Notification"
    /// `SCARD_ABSENT` in the state word returned by `SCardStatus`.
    static let cardAbsent: UInt = 0x0002
}
