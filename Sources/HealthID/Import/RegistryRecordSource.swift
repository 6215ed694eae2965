/// One row of a registry file: its fields by column name, or why it could not be read.
struct RegistryRow {
    /// The 1-based line on which the row starts.
    let line: Int
    /// Non-empty fields by column name, or the parse failure.
    let fields: Result<[String: String], HealthIDError>
}

/// A streaming reader of registry rows (CSV or NDJSON).
protocol RegistryRecordSource {
    /// The next row; nil at the end of the file. Throws only when the file cannot be read.
    mutating func next() throws(HealthIDError) -> RegistryRow?
    /// Bytes read so far.
    var bytesRead: Int64 { get }
    /// Size of the file.
    var totalBytes: Int64 { get }
    /// Header columns this importer does not know (CSV only).
    var ignoredColumns: [String] { get }
}

/// The file formats `RegistryImporter` reads.
public enum RegistryFileFormat: String, Sendable, CaseIterable {
    /// Comma-separated values, UTF-8, a header row naming the columns, RFC 4180 quoting.
    case csv
    /// One JSON object per line, UTF-8, keys naming the columns, string values.
    case ndjson

    /// The format a file name suggests (`.csv`; `.ndjson`, `.jsonl`), if any.
    public init?(pathExtension path: String) {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") {
            self = .csv
        } else if lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") {
            self = .ndjson
        } else {
            return nil
        }
    }
}

/// Column names of a registry file (CSV header, NDJSON keys).
enum RegistryColumn: String, CaseIterable {
    case idNumber = "id_number"
    case fullName = "full_name"
    case dateOfBirth = "date_of_birth"
    case sex
    case address
    case householdID = "household_id"
    case insuranceCode = "insurance_code"
    case registeredFacility = "registered_facility"
    case updatedAt = "updated_at"

    /// Columns every row must have.
    static let required: [RegistryColumn] = [.idNumber, .fullName, .dateOfBirth, .updatedAt]
}
