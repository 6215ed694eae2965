public import Foundation
import KioskBase
public import Store

/// Imports a registry file (CSV or NDJSON) into the store's resident registry.
///
/// The file is streamed; every row is validated (ID number, card code, date of birth, sex,
/// timestamp) and a bad row is reported with its line number and reason while the good rows are
/// upserted in batches, one transaction each. A stored record is only replaced by a newer one.
public struct RegistryImporter: Sendable {
    /// Good rows written per transaction.
    public var batchSize = 5_000
    /// How many rejections the summary lists (all are counted).
    public var rejectionsKept = 100
    /// Today in the station's zone, the latest acceptable date of birth.
    public var today: BirthDate

    private let registry: ResidentRegistry

    /// An importer writing into `database`.
    public init(database: KioskDatabase, today: BirthDate = BirthDate(Date())) {
        self.registry = database.residents
        self.today = today
    }

    /// Reads `path` in `format` to the end, calling `progress` after each batch. Throws
    /// ``HealthIDError`` when the file cannot be read (batches already written stay), and the
    /// store's errors.
    public func importFile(atPath path: String, format: RegistryFileFormat,
                           progress: @Sendable (ImportProgress) -> Void = { _ in }) async throws -> ImportSummary {
        switch format {
        case .csv:
            var source = try CSVRecordReader(path: path)
            return try await run(&source, progress: progress)
        case .ndjson:
            var source = try NDJSONRecordReader(path: path)
            return try await run(&source, progress: progress)
        }
    }

    private func run(_ source: inout some RegistryRecordSource,
                     progress: @Sendable (ImportProgress) -> Void) async throws -> ImportSummary {
        let validator = RecordValidator(today: today)
        var summary = ImportSummary()
        summary.ignoredColumns = source.ignoredColumns
        var batch: [Resident] = []
        batch.reserveCapacity(batchSize)
        func report(_ source: some RegistryRecordSource) {
            progress(ImportProgress(bytesRead: source.bytesRead, totalBytes: source.totalBytes, rows: summary.rows))
        }
        while let row = try source.next() {
            summary.rows += 1
            let outcome = row.fields.mapError { RecordValidator.Rejection(error: $0, value: "") }
                .flatMap(validator.resident(from:))
            switch outcome {
            case .success(let resident):
                batch.append(resident)
            case .failure(let rejection):
                summary.rejected += 1
                if summary.rejections.count < rejectionsKept {
                    summary.rejections.append(ImportRejection(line: row.line, error: rejection.error,
                                                              value: Redacted(rejection.value)))
                }
            }
            if batch.count >= max(1, batchSize) {
                try await write(&batch, into: &summary)
                report(source)
            }
        }
        try await write(&batch, into: &summary)
        summary.bytes = source.bytesRead
        report(source)
        return summary
    }

    private func write(_ batch: inout [Resident], into summary: inout ImportSummary) async throws {
        guard !batch.isEmpty else { return }
        let written = try await registry.upsert(batch)
        summary.inserted += written.inserted
        summary.updated += written.updated
        summary.unchanged += written.unchanged
        batch.removeAll(keepingCapacity: true)
    }
}
