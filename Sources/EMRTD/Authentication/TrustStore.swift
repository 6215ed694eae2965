import COpenSSL
public import Foundation
import Synchronization

/// The CSCA certificates, CRLs and master lists passive authentication trusts, loaded from one
/// directory (config `paths.csca`): `*.pem`, `*.crt`, `*.cer`, `*.der` certificates (CSCAs and
/// link certificates), `*.crl` CRLs, `*.ml` master lists. Adding a CSCA is a file copy.
///
/// A file that cannot be used is reported in ``problems`` and skipped; it never empties the
/// store. Immutable after loading; libcrypto allows concurrent verification against one
/// `X509_STORE`, hence `@unchecked Sendable`.
public final class TrustStore: @unchecked Sendable {
    /// One trusted CSCA and where it came from.
    public struct Anchor: Sendable {
        /// The certificate.
        public let certificate: X509Certificate
        /// File name in the store directory.
        public let file: String
        /// Whether it came from a master list (whose signature status is in ``masterLists``).
        public let fromMasterList: Bool
    }

    /// A master list file and what its signature check said.
    public struct MasterListEntry: Sendable {
        /// File name in the store directory.
        public let file: String
        /// CSCA certificates it added.
        public let certificateCount: Int
        /// Its signature status.
        public let signature: CSCAMasterList.SignatureStatus
    }

    /// A file that was skipped, and why.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// File name in the store directory.
        public let file: String
        /// What is wrong with it.
        public let reason: String
        public var description: String { "\(file): \(reason)" }
    }

    /// Trusted CSCAs (file certificates first, then master-list ones), without duplicates.
    public let anchors: [Anchor]
    /// CRLs.
    public let crls: [(file: String, crl: CertificateRevocationList)]
    /// Master lists read.
    public let masterLists: [MasterListEntry]
    /// Files skipped.
    public let problems: [Problem]
    /// The directory, when loaded from one.
    public let directory: URL?

    private let store: OpaquePointer
    /// For each CRL (by index in ``crls``), the fingerprint of the trusted CSCA that signed it.
    private let crlIssuers: [String?]
    /// Chains already validated, by Document Signer fingerprint: Document Signers are shared
    /// by many cards, so each is path-validated once while its chain stays valid.
    private let chains = Mutex<[String: ValidatedChain]>([:])

    private struct ValidatedChain {
        let certificates: [X509Certificate]
        /// The span in which every certificate of the chain is valid.
        let validFrom: Date
        let validUntil: Date
    }

    /// File extensions the store reads.
    public static let certificateExtensions: Set<String> = ["pem", "crt", "cer", "der"]

    /// Loads every usable file of `directory` (not recursive). Throws only when the directory
    /// itself cannot be listed.
    public convenience init(directory: URL) throws(EMRTDError) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        } catch {
            throw .malformedFile(file: directory.path, reason: "CSCA trust-store directory cannot be listed")
        }
        var files: [(String, [UInt8])] = []
        var unreadable: [Problem] = []
        for name in names where !name.hasPrefix(".") {
            let url = directory.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            guard let data = FileManager.default.contents(atPath: url.path) else {
                unreadable.append(Problem(file: name, reason: "cannot be read (permissions?)"))
                continue
            }
            files.append((name, [UInt8](data)))
        }
        self.init(files: files, directory: directory, problems: unreadable)
    }

    /// A store of in-memory files (name → bytes), classified by extension as in a directory.
    public init(files: [(name: String, bytes: [UInt8])], directory: URL? = nil, problems initial: [Problem] = []) {
        var problems = initial
        var fileAnchors: [Anchor] = []
        var crls: [(String, CertificateRevocationList)] = []
        var lists: [(String, [UInt8])] = []
        for (name, bytes) in files {
            let ext = (name as NSString).pathExtension.lowercased()
            if Self.certificateExtensions.contains(ext) {
                let certificates = Self.certificates(bytes)
                if certificates.isEmpty {
                    // A PEM/DER file may hold a CRL too.
                    let found = CertificateRevocationList.parse(bytes)
                    if found.isEmpty {
                        problems.append(Problem(file: name, reason: "neither an X.509 certificate nor a CRL (PEM or DER)"))
                    }
                    crls += found.map { (name, $0) }
                }
                for certificate in certificates {
                    if certificate.isCertificateAuthority {
                        fileAnchors.append(Anchor(certificate: certificate, file: name, fromMasterList: false))
                    } else {
                        problems.append(Problem(file: name, reason: "\"\(certificate.subject)\" is not a CA certificate (basicConstraints/keyUsage); not trusted"))
                    }
                }
            } else if ext == "crl" {
                let found = CertificateRevocationList.parse(bytes)
                if found.isEmpty { problems.append(Problem(file: name, reason: "not a CRL (PEM or DER)")) }
                crls += found.map { (name, $0) }
            } else if ext == "ml" {
                lists.append((name, bytes))
            } else {
                problems.append(Problem(file: name, reason: "unknown file type .\(ext) (expected .pem .crt .cer .der .crl .ml)"))
            }
        }
        var anchors = fileAnchors
        var masterLists: [MasterListEntry] = []
        let independent = fileAnchors.map(\.certificate)
        for (name, bytes) in lists {
            do {
                let list = try CSCAMasterList(der: bytes, source: name, anchors: independent)
                if case .invalid(let why) = list.signature {
                    problems.append(Problem(file: name, reason: "master-list signature invalid (\(why)); its certificates are not trusted"))
                    masterLists.append(MasterListEntry(file: name, certificateCount: 0, signature: list.signature))
                    continue
                }
                let added = list.certificates.filter(\.isCertificateAuthority)
                anchors += added.map { Anchor(certificate: $0, file: name, fromMasterList: true) }
                masterLists.append(MasterListEntry(file: name, certificateCount: added.count, signature: list.signature))
            } catch {
                problems.append(Problem(file: name, reason: error.detail))
            }
        }
        var seen = Set<String>()
        self.anchors = anchors.filter { seen.insert($0.certificate.fingerprint).inserted }
        self.crls = crls
        self.masterLists = masterLists
        self.problems = problems
        self.directory = directory
        store = X509_STORE_new()!
        for anchor in self.anchors { X509_STORE_add_cert(store, anchor.certificate.handle) }
        ERR_clear_error()
        let anchorCertificates = self.anchors.map(\.certificate)
        crlIssuers = crls.map { _, crl in anchorCertificates.first { crl.isIssued(by: $0) }?.fingerprint }
    }

    deinit { X509_STORE_free(store) }

    /// The certificates in PEM text or one DER certificate.
    static func certificates(_ bytes: [UInt8]) -> [X509Certificate] {
        let pem = X509Certificate.certificates(pem: bytes)
        if !pem.isEmpty { return pem }
        return (try? X509Certificate(der: bytes)).map { [$0] } ?? []
    }

    /// Validates `certificate` up to a trusted CSCA at `time` (a chain validated before is
    /// reused while `time` lies within the validity of all its certificates).
    func chain(_ certificate: X509Certificate, at time: Date) -> Result<[X509Certificate], VerificationFailure> {
        let fingerprint = certificate.fingerprint
        if let known = chains.withLock({ $0[fingerprint] }), known.validFrom <= time, time <= known.validUntil {
            return .success(known.certificates)
        }
        let result = CertificateChain.verify(certificate, store: store, anchors: anchors.map(\.certificate), at: time)
        if case .success(let found) = result,
           let from = found.compactMap(\.notBefore).max(), let until = found.compactMap(\.notAfter).min() {
            chains.withLock { $0[fingerprint] = ValidatedChain(certificates: found, validFrom: from, validUntil: until) }
        }
        return result
    }

    /// The CRL that `issuer` signed and that lists `certificate`, if any; with the CRLs of
    /// that issuer that were found stale (past nextUpdate at `time`).
    func revocation(of certificate: X509Certificate, issuer: X509Certificate, at time: Date) -> (revokedBy: String?, staleCRLs: [String]) {
        var stale: [String] = []
        let issuerFingerprint = issuer.fingerprint
        for (index, (file, crl)) in crls.enumerated() where crlIssuers[index] == issuerFingerprint {
            if let next = crl.nextUpdate, next < time { stale.append(file) }
            if crl.lists(certificate) { return (file, stale) }
        }
        return (nil, stale)
    }
}
