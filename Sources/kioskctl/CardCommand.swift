import ArgumentParser
import EMRTD
import Foundation
import KioskBase
import KioskCore
import SmartCard
import Synchronization

/// `kioskctl card`: the chip citizen ID card (CCCD) through pcscd directly, without the daemon.
struct Card: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "card",
        abstract: "Read a chip citizen ID card (CCCD) over PC/SC.",
        subcommands: [CardRead.self]
    )
}

/// `kioskctl card read`: PACE-CAN or BAC, every data group, printed for the operator who asked.
/// Personal data goes to standard output only; errors name the step, never a value.
struct CardRead: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Open the card with one access key (never retried) and print what it holds."
    )

    @Option(help: "PC/SC reader name (default: the first reader holding a card).") var reader: String?
    @Option(help: "Card access number (6 digits, printed on the front): PACE-CAN.") var can: String?
    @Option(help: "The front QR text ('ID|old ID|name|ddmmyyyy|sex|address|ddmmyyyy'): its CAN is used.") var qr: String?
    @Option(help: "MRZ key DOC:YYMMDD:YYMMDD (document number, birth, expiry): BAC or PACE-MRZ.") var mrz: String?
    @Option(help: "12-digit ID number (with --dob): its CAN is used.") var id: String?
    @Option(help: "Date of birth YYYY-MM-DD (with --id).") var dob: String?
    @Option(help: "Write the face image (DG2) to this file.") var photo: String?
    @Option(help: "CSCA trust-store directory for passive authentication (certificates, CRLs, master lists).") var csca: String?
    @Option(name: .customLong("active-auth"), help: "Active authentication: never, when-no-chip-authentication or always (default: the config's, else when-no-chip-authentication).")
    var activeAuthentication: String?
    @Option(help: "kioskd config: its paths.csca_dir (unless --csca) and [verification] policy decide, and the decision is printed.")
    var config: String?
    @Flag(help: "Print JSON.") var json = false

    /// sysexits.h codes: EX_USAGE, EX_DATAERR, EX_UNAVAILABLE, EX_NOPERM (key refused), EX_IOERR.
    static let exitUsage: Int32 = 64, exitData: Int32 = 65, exitUnavailable: Int32 = 69, exitRefused: Int32 = 77, exitIO: Int32 = 74

    func run() throws {
        let key = try accessKey()
        var options = ReadOptions()
        let kioskConfig = try loadConfig()
        options.activeAuthentication = kioskConfig?.verification.activeAuthentication ?? .whenNoChipAuthentication
        if let activeAuthentication {
            guard let policy = ActiveAuthenticationPolicy(rawValue: activeAuthentication) else {
                let choices = ActiveAuthenticationPolicy.allCases.map(\.rawValue).joined(separator: ", ")
                throw Self.fail(message: "--active-auth is one of \(choices)", Self.exitUsage)
            }
            options.activeAuthentication = policy
        }
        let trustStore = try loadTrustStore(directory: csca ?? kioskConfig?.paths.cscaDirectory)
        let outcome = Outcome()
        let wantedReader = reader
        Task { [options] in
            do {
                outcome.finish(.success(try await Self.read(reader: wantedReader, key: key, options: options)))
            } catch {
                outcome.finish(.failure(error))
            }
        }
        let contents: DocumentContents
        switch outcome.wait() {
        case .success(let value): contents = value.0
        case .failure(let error): throw Self.fail(error)
        }
        if let photo {
            guard let image = contents.dg2?.image else { throw Self.fail(message: "the card holds no readable face image (DG2)", Self.exitData) }
            guard FileManager.default.createFile(atPath: photo, contents: Data(image), attributes: [.posixPermissions: 0o600]) else {
                throw Self.fail(message: "cannot write \(photo)", Self.exitIO)
            }
        }
        let verified = VerifiedIdentity(contents: contents, trustStore: trustStore)
        var report = CardReport(contents, verified: verified)
        if let policy = kioskConfig?.verification.policy {
            report.decision = CardReport.Decision(policy.decide(verified))
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.text)
        }
    }

    /// The kioskd config of `--config`; nil without it. EX_CONFIG when it does not pass its check.
    private func loadConfig() throws -> KioskConfig? {
        guard let config else { return nil }
        do {
            return try ConfigLoader.load(path: config)
        } catch {
            throw Self.fail(message: error.issues.map(\.description).joined(separator: "\n"), 78)
        }
    }

    /// The trust store in `directory`, its skipped files reported on standard error; nil without one.
    private func loadTrustStore(directory: String?) throws -> TrustStore? {
        guard let directory else { return nil }
        do {
            let store = try TrustStore(directory: URL(fileURLWithPath: directory))
            for problem in store.problems {
                FileHandle.standardError.write(Data("kioskctl: trust store: \(problem)\n".utf8))
            }
            return store
        } catch {
            throw Self.fail(message: "\(error.detail)", Self.exitUsage)
        }
    }

    /// The one key the options name; anything else is a usage error.
    private func accessKey() throws -> AccessKey {
        let given = [can != nil, qr != nil, mrz != nil, id != nil || dob != nil].filter { $0 }.count
        guard given == 1 else { throw Self.fail(message: "give exactly one of --can, --qr, --mrz, --id with --dob", Self.exitUsage) }
        do {
            if let can { return try .can(can) }
            if let qr { return try CCCDFrontQR(qr).can }
            if let mrz {
                let parts = mrz.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 3 else { throw Self.fail(message: "--mrz is DOC:YYMMDD:YYMMDD", Self.exitUsage) }
                return .mrz(try MRZKey(documentNumber: parts[0], dateOfBirth: parts[1], dateOfExpiry: parts[2]))
            }
            guard let id, let dob else { throw Self.fail(message: "--id needs --dob and --dob needs --id", Self.exitUsage) }
            let parts = dob.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3, let birth = CalendarDate(year: parts[0], month: parts[1], day: parts[2]) else {
                throw Self.fail(message: "--dob is YYYY-MM-DD", Self.exitUsage)
            }
            let today = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: Date())
            let now = CalendarDate(year: today.year ?? 2000, month: today.month ?? 1, day: today.day ?? 1) ?? birth
            // The CAN is certain; the MRZ candidates are not, and each failed try counts on the card.
            return try CCCDValidity.accessKeys(idNumber: id, dateOfBirth: birth, today: now)[0]
        } catch let error as EMRTDError {
            throw Self.fail(error)
        }
    }

    /// Connects to the reader (or the first one holding a card) and reads the document.
    private static func read(reader: String?, key: AccessKey, options: ReadOptions) async throws -> (DocumentContents, String) {
        let context = try SmartCardContext()
        let readers = try context.readers()
        let candidates = reader.map { [$0] } ?? readers
        guard !candidates.isEmpty else { throw CardReadFailure(message: "no card reader found", code: exitUnavailable) }
        if let reader, !readers.contains(reader) {
            throw CardReadFailure(message: "no reader named \"\(reader)\" (readers: \(readers.joined(separator: ", ")))", code: exitUnavailable)
        }
        for name in candidates {
            guard let connection = try await context.connectIfPresent(reader: name) else { continue }
            do {
                let contents = try await DocumentReader(channel: connection, options: options).read(key: key)
                try? await connection.disconnect()
                return (contents, name)
            } catch {
                try? await connection.disconnect()
                throw error
            }
        }
        throw CardReadFailure(message: reader.map { "no card in reader \"\($0)\"" } ?? "no card in any reader", code: exitUnavailable)
    }

    /// Prints one line for `error` on standard error and returns the exit code to throw.
    static func fail(_ error: any Error) -> ExitCode {
        switch error {
        case let failure as CardReadFailure:
            return fail(message: failure.message, failure.code)
        case EMRTDError.wrongAccessKey:
            return fail(message: "the card rejected the access key (not retried: the card counts failed attempts)", exitRefused)
        case let error as SmartCardError where error.isCardRemoved:
            return fail(message: "the card was removed during the read; put it back and try again", exitIO)
        case let error as SmartCardError:
            return fail(message: "\(error.code): \(error.detail)", exitUnavailable)
        case let error as EMRTDError:
            return fail(message: "\(error.code): \(error.detail)", exitData)
        case let exit as ExitCode:
            return exit
        default:
            return fail(message: "\(error)", exitData)
        }
    }

    static func fail(message: String, _ code: Int32) -> ExitCode {
        FileHandle.standardError.write(Data("kioskctl: \(message)\n".utf8))
        return ExitCode(code)
    }
}

/// The result of the asynchronous read, handed to the synchronous command.
final class Outcome: Sendable {
    private let value = Mutex<Result<(DocumentContents, String), any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    func finish(_ result: Result<(DocumentContents, String), any Error>) {
        value.withLock { $0 = result }
        done.signal()
    }

    func wait() -> Result<(DocumentContents, String), any Error> {
        done.wait()
        return value.withLock { $0! }
    }
}

/// A failure of `card read` with its own sentence and exit code.
struct CardReadFailure: Error {
    let message: String
    let code: Int32
}

/// What `card read` prints: the JSON keys of the CCCD reading contract, or labelled lines.
struct CardReport: Encodable {
    struct File: Encodable {
        let name: String
        let size: Int
    }

    struct Stats: Encodable {
        let apdus: Int
        let bytesRead: Int
        let elapsedMs: Int
    }

    /// One check's verdict: `status` and, unless ok, `reason`.
    struct Check: Encodable {
        let status: String
        let reason: String?

        init(_ verdict: CheckVerdict) {
            status = verdict.status
            reason = verdict.reason
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(status, forKey: Key("status"))
            try container.encode(reason, forKey: Key("reason"))
        }
    }

    /// The `verification` object: `passive`, `chip`, `active`.
    struct Verification: Encodable {
        let passive, chip, active: Check
    }

    /// The `decision` object (with `--config`): whether a check-in accepts the card.
    struct Decision: Encodable {
        let accepted: Bool
        let warnings: [String]
        let rejection: String?

        init(_ decision: VerificationPolicy.Decision) {
            accepted = decision.accepted
            warnings = decision.warnings
            rejection = decision.rejection
        }
    }

    var idNumber, documentNumber, fullName, dateOfBirth, sex, nationality, ethnicity, religion: String?
    var placeOfOrigin, placeOfResidence, identifyingMarks, issueDate, expiryDate: String?
    var fatherName, motherName, spouseName, oldIdNumber: String?
    var mrz: [String]
    var access: String
    var files: [File]
    var stats: Stats
    var verification: Verification
    var decision: Decision?

    init(_ contents: DocumentContents, verified: VerifiedIdentity) {
        verification = Verification(passive: Check(verified.passive), chip: Check(verified.chip), active: Check(verified.active))
        let dg13 = contents.dg13
        let machine = contents.dg1?.mrz
        idNumber = dg13?.idNumber ?? machine?.cccdIDNumber
        documentNumber = machine?.documentNumber
        fullName = dg13?.fullName
        dateOfBirth = dg13?.dateOfBirth?.iso8601 ?? dg13?.dateOfBirthText
        sex = dg13?.sex
        nationality = dg13?.nationality
        ethnicity = dg13?.ethnicity
        religion = dg13?.religion
        placeOfOrigin = dg13?.placeOfOrigin
        placeOfResidence = dg13?.placeOfResidence
        identifyingMarks = dg13?.identifyingMarks
        issueDate = dg13?.issueDate?.iso8601 ?? dg13?.issueDateText
        expiryDate = dg13?.expiryDate?.iso8601 ?? dg13?.expiryText
        fatherName = dg13?.fatherName
        motherName = dg13?.motherName
        spouseName = dg13?.spouseName
        oldIdNumber = dg13?.oldIDNumber
        mrz = machine?.lines ?? []
        access = contents.access.rawValue
        files = LDSFile.allCases.compactMap { file in contents.files[file].map { File(name: file.rawValue, size: $0.count) } }
        stats = Stats(apdus: contents.statistics.apdus, bytesRead: contents.statistics.bytesRead,
                      elapsedMs: contents.statistics.elapsedMilliseconds)
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Every key of the contract; an absent field is `null` (printed with sorted keys).
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        let texts: [(String, String?)] = [
            ("idNumber", idNumber), ("documentNumber", documentNumber), ("fullName", fullName), ("dateOfBirth", dateOfBirth),
            ("sex", sex), ("nationality", nationality), ("ethnicity", ethnicity), ("religion", religion),
            ("placeOfOrigin", placeOfOrigin), ("placeOfResidence", placeOfResidence), ("identifyingMarks", identifyingMarks),
            ("issueDate", issueDate), ("expiryDate", expiryDate), ("fatherName", fatherName), ("motherName", motherName),
            ("spouseName", spouseName), ("oldIdNumber", oldIdNumber),
        ]
        for (name, value) in texts {
            try container.encode(value, forKey: Key(name))
        }
        try container.encode(mrz, forKey: Key("mrz"))
        try container.encode(access, forKey: Key("access"))
        try container.encode(files, forKey: Key("files"))
        try container.encode(stats, forKey: Key("stats"))
        try container.encode(verification, forKey: Key("verification"))
        if let decision { try container.encode(decision, forKey: Key("decision")) }
    }

    /// Labelled lines for a terminal.
    var text: String {
        let rows: [(String, String?)] = [
            ("ID number", idNumber), ("Document number", documentNumber), ("Full name", fullName),
            ("Date of birth", dateOfBirth), ("Sex", sex), ("Nationality", nationality), ("Ethnicity", ethnicity),
            ("Religion", religion), ("Place of origin", placeOfOrigin), ("Place of residence", placeOfResidence),
            ("Identifying marks", identifyingMarks), ("Issue date", issueDate), ("Expiry date", expiryDate),
            ("Father", fatherName), ("Mother", motherName), ("Spouse", spouseName), ("Old ID number", oldIdNumber),
        ]
        var lines = rows.compactMap { label, value in value.map { "\(label): \($0)" } }
        lines += mrz.map { "MRZ: \($0)" }
        lines.append("Access: \(access)")
        lines.append("Files: " + files.map { "\($0.name) \($0.size) B" }.joined(separator: ", "))
        lines.append("Read: \(stats.apdus) APDUs, \(stats.bytesRead) bytes, \(stats.elapsedMs) ms")
        for (label, check) in [("Passive authentication", verification.passive), ("Chip authentication", verification.chip),
                               ("Active authentication", verification.active)] {
            lines.append("\(label): \(check.status)" + (check.reason.map { " (\($0))" } ?? ""))
        }
        if let decision {
            lines.append("Check-in: " + (decision.accepted ? "accepted" : "rejected (\(decision.rejection ?? ""))"))
            lines += decision.warnings.map { "Warning for staff: \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
