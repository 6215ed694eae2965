import ArgumentParser
import EMRTD
import Foundation
import KioskCore

/// `kioskctl trust`: the CSCA trust store that passive authentication chains Document Signers to.
struct Trust: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust",
        abstract: "List, add and check CSCA certificates, CRLs and master lists.",
        subcommands: [TrustList.self, TrustAdd.self, TrustVerifyMasterList.self]
    )

    /// sysexits.h: EX_USAGE, EX_DATAERR, EX_NOINPUT, EX_CANTCREAT, EX_CONFIG.
    static let exitUsage: Int32 = 64, exitData: Int32 = 65, exitNoInput: Int32 = 66, exitCannotCreate: Int32 = 73, exitConfig: Int32 = 78

    static func fail(_ message: String, _ code: Int32) -> ExitCode {
        FileHandle.standardError.write(Data("kioskctl: \(message)\n".utf8))
        return ExitCode(code)
    }

    static let dateFormat: Date.ISO8601FormatStyle = .iso8601.year().month().day()
}

/// Where the store is: `--dir`, or `paths.csca_dir` of `--config`, or the default.
struct TrustLocation: ParsableArguments {
    @Option(help: "Trust-store directory (default: paths.csca_dir of --config, else /etc/health-kiosk/csca).") var dir: String?
    @Option(help: "kioskd config file whose paths.csca_dir names the directory.") var config: String?

    func directory() throws -> URL {
        if let dir { return URL(fileURLWithPath: dir) }
        guard let config else { return URL(fileURLWithPath: "/etc/health-kiosk/csca") }
        do {
            return URL(fileURLWithPath: try ConfigLoader.load(path: config).paths.cscaDirectory)
        } catch {
            throw Trust.fail(error.issues.map(\.description).joined(separator: "\n"), Trust.exitConfig)
        }
    }

    func load() throws -> TrustStore {
        let url = try directory()
        do {
            return try TrustStore(directory: url)
        } catch {
            throw Trust.fail(error.detail, Trust.exitNoInput)
        }
    }
}

/// `kioskctl trust list`: every trusted CSCA, CRL and master list, and every skipped file.
struct TrustList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Show what the trust store holds and what it skipped.")

    @OptionGroup var location: TrustLocation
    @Flag(help: "Print JSON.") var json = false

    struct Report: Encodable {
        struct Anchor: Encodable {
            let subject, serial, key, file: String
            let country: String?
            let notBefore, notAfter: String?
            let fromMasterList, validNow: Bool
        }
        struct CRL: Encodable {
            let issuer, file: String
            let revoked: Int
            let nextUpdate: String?
        }
        struct MasterList: Encodable {
            let file, signature, detail: String
            let certificates: Int
        }
        let directory: String
        let cscas: [Anchor]
        let crls: [CRL]
        let masterLists: [MasterList]
        let problems: [String]
    }

    func run() throws {
        let store = try location.load()
        let date: (Date?) -> String? = { $0?.formatted(Trust.dateFormat) }
        let now = Date()
        let report = Report(
            directory: try location.directory().path,
            cscas: store.anchors.map { anchor in
                let c = anchor.certificate
                return .init(subject: c.subject, serial: c.serialNumber, key: c.publicKeyDescription, file: anchor.file,
                             country: c.country, notBefore: date(c.notBefore), notAfter: date(c.notAfter),
                             fromMasterList: anchor.fromMasterList, validNow: c.isValid(at: now))
            },
            crls: store.crls.map { .init(issuer: $0.crl.issuer, file: $0.file, revoked: $0.crl.revokedCount, nextUpdate: date($0.crl.nextUpdate)) },
            masterLists: store.masterLists.map { list in
                let (status, detail) = TrustVerifyMasterList.describe(list.signature)
                return .init(file: list.file, signature: status, detail: detail, certificates: list.certificateCount)
            },
            problems: store.problems.map(\.description))
        if json {
            print(try ControlJSON.pretty(report))
            return
        }
        print("Trust store \(report.directory): \(report.cscas.count) CSCA, \(report.crls.count) CRL, \(report.masterLists.count) master list(s)")
        for anchor in report.cscas {
            let validity = "\(anchor.notBefore ?? "?") – \(anchor.notAfter ?? "?")\(anchor.validNow ? "" : " (not valid now)")"
            print("CSCA  \(anchor.subject)  serial \(anchor.serial)  \(anchor.key)  \(validity)  [\(anchor.file)]")
        }
        for crl in report.crls {
            print("CRL   \(crl.issuer)  \(crl.revoked) revoked  next update \(crl.nextUpdate ?? "?")  [\(crl.file)]")
        }
        for list in report.masterLists {
            print("ML    \(list.file): \(list.certificates) CSCA, signature \(list.signature) (\(list.detail))")
        }
        for problem in report.problems {
            print("SKIP  \(problem)")
        }
    }
}

/// `kioskctl trust add FILE`: checks a certificate, CRL or master list, then copies it in.
struct TrustAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add",
        abstract: "Check a CSCA certificate, CRL or master list and copy it into the trust store.")

    @OptionGroup var location: TrustLocation
    @Argument(help: "A .pem/.crt/.cer/.der CSCA certificate, a .crl or a .ml master list.") var file: String

    func run() throws {
        let source = URL(fileURLWithPath: file)
        guard let data = FileManager.default.contents(atPath: source.path) else {
            throw Trust.fail("cannot read \(file)", Trust.exitNoInput)
        }
        let directory = try location.directory()
        let existing = (try? TrustStore(directory: directory)) ?? TrustStore(files: [])
        // Judge the file alone, against the CSCAs already trusted (for a master list's signer).
        let name = source.lastPathComponent
        let trial = TrustStore(files: existing.anchors.filter { !$0.fromMasterList }.map { (name: "trusted-\($0.file)", bytes: $0.certificate.der) }
                               + [(name: name, bytes: [UInt8](data))])
        if let problem = trial.problems.first(where: { $0.file == name }) {
            throw Trust.fail("not added: \(problem)", Trust.exitData)
        }
        let target = directory.appendingPathComponent(name)
        guard !FileManager.default.fileExists(atPath: target.path) else {
            throw Trust.fail("not added: \(target.path) exists; rename the file or remove the old one", Trust.exitCannotCreate)
        }
        let added = trial.anchors.filter { $0.file == name }
        let fingerprints = Set(existing.anchors.map(\.certificate.fingerprint))
        if !added.isEmpty, added.allSatisfy({ fingerprints.contains($0.certificate.fingerprint) }) {
            throw Trust.fail("not added: every certificate in \(name) is already trusted", Trust.exitData)
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(data).write(to: target, options: .withoutOverwriting)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: target.path)
        } catch {
            throw Trust.fail("cannot write \(target.path): \(error.localizedDescription)", Trust.exitCannotCreate)
        }
        let crls = trial.crls.filter { $0.file == name }.count
        let lists = trial.masterLists.filter { $0.file == name }
        var summary = "added \(name) to \(directory.path):"
        if !added.isEmpty { summary += " \(added.count) CSCA (\(added.map(\.certificate.subject).joined(separator: "; ")))" }
        if crls > 0 { summary += " \(crls) CRL" }
        for list in lists { summary += " master list, signature \(TrustVerifyMasterList.describe(list.signature).0)" }
        print(summary)
    }
}

/// `kioskctl trust verify-ml FILE`: a master list's signature, signer and contents.
struct TrustVerifyMasterList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify-ml",
        abstract: "Check a master list's signature against the trust store and list its CSCAs.")

    @OptionGroup var location: TrustLocation
    @Argument(help: "A CSCA master list (.ml, DER CMS).") var file: String
    @Flag(help: "Print JSON.") var json = false

    /// `verified`, `signer-not-trusted` or `invalid`, and the detail.
    static func describe(_ status: CSCAMasterList.SignatureStatus) -> (String, String) {
        switch status {
        case .verified(let signer, let anchor): ("verified", "signer \(signer) chains to \(anchor)")
        case .signerNotTrusted(let signer, let reason): ("signer-not-trusted", "signer \(signer): \(reason)")
        case .invalid(let why): ("invalid", why)
        }
    }

    struct Report: Encodable {
        let file, signature, detail: String
        let certificates: [String]
        let countries: [String]
    }

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw Trust.fail("cannot read \(file)", Trust.exitNoInput) }
        let anchors = (try? location.load())?.anchors.filter { !$0.fromMasterList }.map(\.certificate) ?? []
        let list: CSCAMasterList
        do {
            list = try CSCAMasterList(der: [UInt8](data), source: file, anchors: anchors)
        } catch {
            throw Trust.fail(error.detail, Trust.exitData)
        }
        let (status, detail) = Self.describe(list.signature)
        let report = Report(file: file, signature: status, detail: detail,
                            certificates: list.certificates.map { "\($0.subject) (\($0.publicKeyDescription))" },
                            countries: Array(Set(list.certificates.compactMap(\.country))).sorted())
        if json {
            print(try ControlJSON.pretty(report))
        } else {
            print("\(file): signature \(status) (\(detail))")
            print("\(report.certificates.count) CSCA certificates from \(report.countries.count) countries: \(report.countries.joined(separator: " "))")
            report.certificates.forEach { print("  \($0)") }
        }
        if case .invalid = list.signature { throw ExitCode(Trust.exitData) }
    }
}
