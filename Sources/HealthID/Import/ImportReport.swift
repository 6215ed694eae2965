public import KioskBase

/// How far an import has got, for a progress bar.
public struct ImportProgress: Sendable, Equatable {
    /// Bytes of the file read so far.
    public var bytesRead: Int64
    /// Size of the file.
    public var totalBytes: Int64
    /// Rows read so far (good and rejected).
    public var rows: Int

    /// Share of the file read, 0…1.
    public var fraction: Double {
        totalBytes > 0 ? min(1, Double(bytesRead) / Double(totalBytes)) : 1
    }
}

/// A registry row that was not imported: its line, the reason, and the text at fault.
public struct ImportRejection: Sendable, CustomStringConvertible {
    /// The 1-based line on which the row starts.
    public let line: Int
    /// Why the row was rejected.
    public let error: HealthIDError
    /// The field text at fault (empty when the row as a whole is at fault). Personal data.
    public let value: Redacted<String>

    /// "line 17: id number: expected 12 digits, found 10 characters", without the value.
    public var description: String { "line \(line): \(error.detail)" }

    /// "line 17: id number 0010990123: expected 12 digits, …", for the operator who ran the import.
    public var operatorText: String { "line \(line): \(error.detail(showing: value.unredacted))" }
}

/// The outcome of importing one registry file.
public struct ImportSummary: Sendable {
    /// Rows read, good and rejected.
    public var rows = 0
    /// Residents added to the registry.
    public var inserted = 0
    /// Residents whose stored record was older and has been replaced.
    public var updated = 0
    /// Good rows whose stored record was as new or newer.
    public var unchanged = 0
    /// Rows rejected.
    public var rejected = 0
    /// The first rejections, in file order (up to the importer's `rejectionsKept`).
    public var rejections: [ImportRejection] = []
    /// CSV header columns that are not registry columns and were ignored.
    public var ignoredColumns: [String] = []
    /// Size of the file read.
    public var bytes: Int64 = 0
}
