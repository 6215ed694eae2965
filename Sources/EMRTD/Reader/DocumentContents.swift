/// Everything one ``DocumentReader`` run brought back: raw file bytes (kept for passive
/// authentication), the parsed views of them, and counters.
///
/// A file that was read but does not parse is kept raw and its error listed in
/// ``parseErrors``; it does not fail the read.
public struct DocumentContents: Sendable, CustomStringConvertible {
    /// File names and sizes, access method and counters; never contents.
    public var description: String {
        let sizes = files.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value.count)" }
        return "DocumentContents(\(access.rawValue), files: [\(sizes.joined(separator: ", "))], apdus: \(statistics.apdus))"
    }

    /// Access control that opened the chip.
    public let access: AccessMethod
    /// Raw bytes of every file read, by file.
    public let files: [LDSFile: [UInt8]]
    /// EF.CardAccess, when present and readable.
    public let cardAccess: SecurityInfos?
    /// EF.COM.
    public let com: EFCOM?
    /// DG1 (MRZ).
    public let dg1: DG1?
    /// DG2 (face image).
    public let dg2: DG2?
    /// DG13 (Vietnamese personal details).
    public let dg13: DG13?
    /// DG14 (chip-authentication SecurityInfos).
    public let dg14: SecurityInfos?
    /// DG15 (active-authentication key).
    public let dg15: DG15?
    /// EF.SOD (document security object).
    public let sod: SecurityObject?
    /// Files that were read but did not parse, with the reason.
    public let parseErrors: [LDSFile: EMRTDError]
    /// Counters.
    public let statistics: ReadStatistics
    /// Chip authentication, run during the read.
    public let chipAuthentication: CheckVerdict
    /// Active authentication, run during the read.
    public let activeAuthentication: CheckVerdict

    init(access: AccessMethod, files: [LDSFile: [UInt8]], statistics: ReadStatistics,
         chipAuthentication: CheckVerdict = .notChecked("not run"), activeAuthentication: CheckVerdict = .notChecked("not run")) {
        self.access = access
        self.files = files
        self.statistics = statistics
        self.chipAuthentication = chipAuthentication
        self.activeAuthentication = activeAuthentication
        var errors: [LDSFile: EMRTDError] = [:]
        func parse<T>(_ file: LDSFile, _ body: ([UInt8]) throws -> T) -> T? {
            guard let bytes = files[file] else { return nil }
            do { return try body(bytes) } catch {
                errors[file] = error as? EMRTDError ?? .malformedFile(file: file.rawValue, reason: "unreadable")
                return nil
            }
        }
        cardAccess = parse(.cardAccess) { try SecurityInfos(bytes: $0) }
        com = parse(.com) { try EFCOM(bytes: $0) }
        dg1 = parse(.dg1) { try DG1(bytes: $0) }
        dg2 = parse(.dg2) { try DG2(bytes: $0) }
        dg13 = parse(.dg13) { try DG13(bytes: $0) }
        dg14 = parse(.dg14) { try SecurityInfos(dg14: $0) }
        dg15 = parse(.dg15) { try DG15(bytes: $0) }
        sod = parse(.sod) { try SecurityObject(bytes: $0) }
        parseErrors = errors
    }
}
