import ArgumentParser
import Foundation
import HealthID
import Store

/// `kioskctl registry`: the local resident registry, in the database file directly.
struct RegistryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Manage the local resident registry.",
        subcommands: [RegistryImport.self]
    )
}

/// `kioskctl registry import FILE`: validates every row, imports the good ones, lists the bad.
struct RegistryImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import residents from a CSV or NDJSON file; a newer record replaces an older one.",
        discussion: """
            Columns (CSV header or NDJSON keys): id_number, full_name, date_of_birth (YYYY-MM-DD) and \
            updated_at (ISO 8601) are required; sex, address, household_id, insurance_code and \
            registered_facility are optional. Rejected rows are listed with their line number and \
            reason; the others are imported. Exit status 65 when any row was rejected.
            """
    )

    @Argument(help: "The registry file.") var file: String
    @Option(help: "File format: csv or ndjson (default: from the file name).") var format: String?
    @OptionGroup var database: StateDirectoryOption
    @Option(help: "How many rejected rows to list.") var showRejections = 20

    /// sysexits.h: EX_USAGE, EX_DATAERR, EX_NOINPUT, EX_SOFTWARE.
    static let exitUsage: Int32 = 64, exitData: Int32 = 65, exitNoInput: Int32 = 66, exitSoftware: Int32 = 70

    func run() throws {
        guard let format = try fileFormat() else {
            throw RegistryCLI.fail("cannot tell the format of \(file): give --format csv or --format ndjson", Self.exitUsage)
        }
        let store = try database.open()
        var configured = RegistryImporter(database: store)
        configured.rejectionsKept = max(0, showRejections)
        let importer = configured
        let bar = ProgressBar(enabled: isatty(STDERR_FILENO) == 1)
        let started = ContinuousClock.now
        let path = file
        let summary: ImportSummary
        do {
            summary = try RegistryCLI.wait { try await importer.importFile(atPath: path, format: format, progress: bar.show) }
        } catch let error as HealthIDError {
            bar.finish()
            throw RegistryCLI.fail(error.detail, error.reason == .unreadableFile ? Self.exitNoInput : Self.exitData)
        } catch {
            bar.finish()
            throw RegistryCLI.fail("\(error)", Self.exitSoftware)
        }
        bar.finish()
        let elapsed = ContinuousClock.now - started
        print(RegistryCLI.summaryText(summary, seconds: Double(elapsed.components.seconds)
            + Double(elapsed.components.attoseconds) / 1e18))
        for rejection in summary.rejections {
            print(rejection.operatorText)
        }
        if summary.rejected > summary.rejections.count {
            print("… and \(summary.rejected - summary.rejections.count) more rejected rows")
        }
        if summary.rejected > 0 { throw ExitCode(Self.exitData) }
    }

    private func fileFormat() throws -> RegistryFileFormat? {
        guard let format else { return RegistryFileFormat(pathExtension: file) }
        guard let chosen = RegistryFileFormat(rawValue: format.lowercased()) else {
            throw RegistryCLI.fail("--format is csv or ndjson", Self.exitUsage)
        }
        return chosen
    }
}

/// `--state-dir`: where `kiosk.sqlite` lives; `kioskctl` opens the file itself, beside the daemon.
struct StateDirectoryOption: ParsableArguments {
    @Option(name: .customLong("state-dir"), help: "State directory holding kiosk.sqlite.")
    var stateDirectory = "/var/lib/health-kiosk"

    /// Opens (and if needed creates and migrates) the database.
    func open() throws -> KioskDatabase {
        do {
            return try KioskDatabase(stateDirectory: stateDirectory)
        } catch let error as StoreError {
            throw RegistryCLI.fail(error.description, RegistryImport.exitNoInput)
        }
    }

    /// Opens the database only when it exists: a lookup never creates one.
    func openExisting() throws -> KioskDatabase {
        let path = (stateDirectory as NSString).appendingPathComponent(KioskDatabase.fileName)
        guard FileManager.default.fileExists(atPath: path) else {
            throw RegistryCLI.fail("no database at \(path)", RegistryImport.exitNoInput)
        }
        return try open()
    }
}

/// A one-line bar on standard error: percentage of the file's bytes read, rows so far.
final class ProgressBar: Sendable {
    let enabled: Bool

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ progress: ImportProgress) {
        guard enabled else { return }
        let width = 30
        let filled = Int(progress.fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let line = "\r[\(bar)] \(String(format: "%3d", Int(progress.fraction * 100)))%  \(progress.rows) rows"
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}

/// Helpers shared by the registry and lookup commands.
enum RegistryCLI {
    /// Runs `body` on the concurrency pool and blocks this (main) thread until it ends.
    static func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        Task {
            do { box.set(.success(try await body())) } catch { box.set(.failure(error)) }
        }
        return try box.get().get()
    }

    /// Writes "kioskctl: message" to standard error and returns the exit code to throw.
    static func fail(_ message: String, _ code: Int32) -> ExitCode {
        FileHandle.standardError.write(Data("kioskctl: \(message)\n".utf8))
        return ExitCode(code)
    }

    static func summaryText(_ summary: ImportSummary, seconds: Double) -> String {
        var text = "imported \(summary.inserted) new, \(summary.updated) updated, \(summary.unchanged) unchanged; "
            + "rejected \(summary.rejected) of \(summary.rows) rows in \(String(format: "%.1f", seconds)) s"
        if !summary.ignoredColumns.isEmpty {
            text += "\nignored columns: \(summary.ignoredColumns.joined(separator: ", "))"
        }
        return text
    }
}

/// A result handed from a task to the thread waiting for it.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSCondition()
    private var result: Result<T, any Error>?

    func set(_ value: Result<T, any Error>) {
        lock.lock()
        result = value
        lock.signal()
        lock.unlock()
    }

    func get() -> Result<T, any Error> {
        lock.lock()
        defer { lock.unlock() }
        while result == nil { lock.wait() }
        return result!
    }
}
