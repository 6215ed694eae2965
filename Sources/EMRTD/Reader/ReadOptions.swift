/// What ``DocumentReader`` reads and how large its reads are.
public struct ReadOptions: Sendable {
    /// Files to read after access control, in order (EF.CardAccess is always read first).
    public var files: [LDSFile] = [.com, .dg1, .dg2, .dg13, .dg14, .dg15, .sod]
    /// Files whose absence (6A82) is not an error.
    public var optionalFiles: Set<LDSFile> = [.dg14, .dg15]
    /// Use PACE when EF.CardAccess offers a variant this module runs (otherwise BAC).
    public var preferPACE = true
    /// Send the standardized domain parameter ID (DO'84') in MSE:Set AT even when EF.CardAccess
    /// is unambiguous (the specification requires it only then; chips accept it always).
    public var sendPACEParameterID = true
    /// SELECT each file by its file identifier before reading, instead of selecting it with
    /// the short EF identifier of the first READ BINARY (one more APDU per file).
    public var selectByFileID = false
    /// Use extended-length READ BINARY when the channel allows it.
    public var useExtendedLength = true
    /// Plain bytes per READ BINARY with short APDUs: 223 is the most whose protected answer
    /// (DO'87' with AES padding, DO'99', DO'8E') still fits a 256-byte response.
    public var shortChunk = 223
    /// Plain bytes per READ BINARY with extended length; capped by the channel's maximum
    /// response length minus secure-messaging overhead.
    public var extendedChunk = 4096

    /// Run chip authentication after reading when DG14 offers a variant this module runs.
    public var chipAuthentication = true
    /// When to run active authentication (DG15).
    public var activeAuthentication = ActiveAuthenticationPolicy.whenNoChipAuthentication

    /// The defaults: the CCCD file set, PACE preferred, extended length when available, chip
    /// authentication, active authentication only for chips without chip authentication.
    public init() {}
}

/// When ``DocumentReader`` runs active authentication.
public enum ActiveAuthenticationPolicy: String, Sendable, Codable, CaseIterable {
    /// Never.
    case never
    /// When DG15 exists and chip authentication does not run (ICAO's recommendation: CA
    /// supersedes AA).
    case whenNoChipAuthentication = "when-no-chip-authentication"
    /// Whenever DG15 exists, chip authentication or not.
    case always
}

/// How access control was established.
public enum AccessMethod: String, Sendable, Equatable, Codable {
    /// PACE with the card access number.
    case paceCAN = "PACE-CAN"
    /// PACE with the MRZ key.
    case paceMRZ = "PACE-MRZ"
    /// Basic Access Control.
    case bac = "BAC"
}

/// Counters of one read.
public struct ReadStatistics: Sendable, Equatable, Codable {
    /// Command APDUs sent (access control and reading, protected or not).
    public var apdus = 0
    /// Plain file bytes read.
    public var bytesRead = 0
    /// Bytes on the wire: commands plus responses including status words.
    public var bytesTransferred = 0
    /// Wall time of the whole read, milliseconds.
    public var elapsedMilliseconds = 0
    /// Wall time of access control (EF.CardAccess, then PACE or BAC), microseconds.
    public var accessMicroseconds = 0
    /// Wall time of chip and active authentication within the read (APDUs and crypto), microseconds.
    public var authenticationMicroseconds = 0
}
