public import SmartCard

/// The link to a chip below the EMRTD protocols. It is SmartCard's ``APDUTransport`` (the PC/SC
/// ``CardConnection`` conforms already; tests and the virtual card provide their own), so one
/// protocol and one pair of APDU types serve the whole package.
///
/// Implementations resolve T=0 details (61xx, 6Cxx) themselves; errors they throw (card removed,
/// reader gone) pass through ``DocumentReader`` unchanged. A blocking transport runs its call on
/// its own thread and resumes the caller from there.
public typealias CardChannel = APDUTransport

extension CommandAPDU {
    /// The command bytes, throwing ``EMRTDError`` instead of SmartCard's error.
    func wireBytes() throws -> [UInt8] {
        do { return try encoded() } catch { throw EMRTDError.malformedAPDU(error.detail) }
    }

    /// Parses command bytes, throwing ``EMRTDError``.
    static func parse(_ bytes: [UInt8]) throws -> CommandAPDU {
        do { return try CommandAPDU(bytes: bytes) } catch { throw EMRTDError.malformedAPDU(error.detail) }
    }
}

extension ResponseAPDU {
    /// The status word as a number.
    var sw: UInt16 { statusWord.rawValue }

    /// A response with `data` and status word `sw`.
    init(data: [UInt8] = [], sw: UInt16) {
        self.init(data: data, statusWord: StatusWord(rawValue: sw))
    }
}
