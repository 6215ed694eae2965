import EMRTD
import Foundation
import Testing
import VirtualCard

/// The CSCA trust store from files: certificates, CRLs, master lists generated and signed here
/// with the openssl command line, and agreement of the signature verdicts with `openssl cms -verify`.
@Suite("CSCA trust store and master lists")
struct TrustStoreTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/cccd")
    static let trust = fixtures.appendingPathComponent("trust")

    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("trust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Runs openssl; returns its exit status.
    @discardableResult
    static func openssl(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    static func der(_ tag: UInt8, _ value: [UInt8]) -> [UInt8] { TLV.encode(UInt32(tag), value) }

    /// A CscaMasterList of `cscas` (fixture stems), signed by `signer` with openssl.
    func masterList(_ cscas: [String], signer: String = "ds", name: String = "list.ml") throws -> URL {
        var certificates: [UInt8] = []
        for stem in cscas {
            let pem = try [UInt8](Data(contentsOf: Self.fixtures.appendingPathComponent("\(stem).pem")))
            certificates += X509CertificateFixture.der(pem)
        }
        let content = Self.der(0x30, Self.der(0x02, [0]) + Self.der(0x31, certificates))
        let contentFile = directory.appendingPathComponent("content.der")
        try Data(content).write(to: contentFile)
        let output = directory.appendingPathComponent(name)
        let status = try Self.openssl(["cms", "-sign", "-binary", "-nodetach", "-nosmimecap", "-econtent_type", "2.23.136.1.1.2",
                                       "-signer", Self.fixtures.appendingPathComponent("\(signer).pem").path,
                                       "-inkey", Self.fixtures.appendingPathComponent("\(signer).key").path,
                                       "-in", contentFile.path, "-outform", "DER", "-out", output.path])
        #expect(status == 0, "openssl cms -sign failed")
        try FileManager.default.removeItem(at: contentFile)
        return output
    }

    func copy(_ names: [String], from: URL = TrustStoreTests.fixtures) throws {
        for name in names {
            try FileManager.default.copyItem(at: from.appendingPathComponent(name), to: directory.appendingPathComponent(name))
        }
    }

    @Test("the test trust directory: four CSCAs, one CRL, nothing skipped")
    func loadsDirectory() throws {
        let store = try TrustStore(directory: Self.trust)
        #expect(store.anchors.count == 4)
        #expect(store.crls.count == 1)
        #expect(store.problems.isEmpty, "\(store.problems)")
        #expect(Set(store.anchors.map(\.certificate.publicKeyDescription))
            == ["EC prime256v1", "EC brainpoolP256r1", "RSA 3072", "EC brainpoolP512r1 (explicit parameters)"])
    }

    static func card(signer: String) throws -> VirtualCCCD {
        var keys = VirtualCCCD.Keys()
        keys.documentSigner = signer
        return try VirtualCCCD(profile: try VirtualCCCDProfile.load(from: fixtures.appendingPathComponent("resident-hoa.json")), keys: keys)
    }

    @Test("a brainpoolP512r1 Document Signer with explicit curve parameters under a CSCA likewise (as Vietnam's passport CSCA) chains")
    func explicitParameters() throws {
        let result = PassiveAuthentication.verify(files: try Self.card(signer: "ds-explicit").files, trustStore: try TrustStore(directory: Self.trust))
        #expect(result.verdict == .ok, "\(result.verdict)")
        #expect(result.csca?.subject.contains("explicit parameters") == true)
        #expect(result.documentSigner?.publicKeyDescription == "EC brainpoolP512r1 (explicit parameters)")
    }

    @Test("a validated chain is reused only inside its validity: outside it the verdict is an expiry, inside it ok again")
    func chainReuseFollowsValidity() throws {
        let store = try TrustStore(directory: Self.trust)
        let files = try Self.card(signer: "ds").files
        let signer = try #require(PassiveAuthentication.verify(files: files, trustStore: store).documentSigner)
        let notBefore = try #require(signer.notBefore), notAfter = try #require(signer.notAfter)
        let inside = notBefore.addingTimeInterval(3600)
        for (time, expectOK) in [(inside, true), (notAfter.addingTimeInterval(86_400), false), (inside, true),
                                 (notBefore.addingTimeInterval(-86_400), false), (notAfter.addingTimeInterval(-60), true)] {
            let verdict = PassiveAuthentication.verify(files: files, trustStore: store, at: time).verdict
            if expectOK {
                #expect(verdict == .ok, "at \(time): \(verdict)")
            } else {
                #expect(verdict.failure?.code == "certificateExpired", "at \(time): \(verdict)")
            }
        }
    }

    @Test("a revoked Document Signer stays revoked when its chain is reused from the first verification")
    func revocationOnReusedChain() throws {
        let store = try TrustStore(directory: Self.trust)
        let files = try Self.card(signer: "ds-revoked").files
        for _ in 0..<3 {
            let verdict = PassiveAuthentication.verify(files: files, trustStore: store).verdict
            #expect(verdict.failure?.code == "certificateRevoked", "\(verdict)")
        }
    }

    /// EF.SOD over `files` with SHA-384 data-group hashes (one damaged when `damage` names it),
    /// signed by openssl with `signer` and `key`, RSA-PSS when `pss`.
    func openSSLSecurityObject(_ files: [LDSFile: [UInt8]], signer: URL, key: URL, pss: Bool = false, damage: Int? = nil) throws -> [UInt8] {
        var hashes: [UInt8] = []
        for file in [LDSFile.dg1, .dg2, .dg13, .dg14, .dg15] {
            var hash = try #require(Self.sha384(files[file]!))
            if file.dataGroupNumber == damage { hash[0] ^= 1 }
            hashes += Self.der(0x30, Self.der(0x02, [UInt8(file.dataGroupNumber!)]) + Self.der(0x04, hash))
        }
        let algorithm = Self.der(0x30, Self.der(0x06, [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02]) + [0x05, 0x00])
        let content = directory.appendingPathComponent("lds.der"), signed = directory.appendingPathComponent("sod.der")
        try Data(Self.der(0x30, Self.der(0x02, [0]) + algorithm + Self.der(0x30, hashes))).write(to: content)
        let status = try Self.openssl(["cms", "-sign", "-binary", "-nodetach", "-nosmimecap", "-econtent_type", "2.23.136.1.1.1",
                                       "-md", "sha384", "-signer", signer.path, "-inkey", key.path]
                                      + (pss ? ["-keyopt", "rsa_padding_mode:pss"] : [])
                                      + ["-in", content.path, "-outform", "DER", "-out", signed.path])
        #expect(status == 0, "openssl cms -sign failed")
        return TLV.encode(0x77, try [UInt8](Data(contentsOf: signed)))
    }

    @Test("an EF.SOD signed by openssl with RSA-PSS over SHA-384 hashes verifies; with one hash changed it does not")
    func pssAndSHA384() throws {
        var files = try Self.card(signer: "ds-rsa").files
        let store = try TrustStore(directory: Self.trust)
        for damage in [nil, 13] {
            files[.sod] = try openSSLSecurityObject(files, signer: Self.fixtures.appendingPathComponent("ds-rsa.pem"),
                                                    key: Self.fixtures.appendingPathComponent("ds-rsa.key"), pss: true, damage: damage)
            let result = PassiveAuthentication.verify(files: files, trustStore: store)
            #expect(result.digest == .sha384)
            #expect(result.verdict == (damage == nil ? .ok : .failed(.hashMismatch(dataGroup: 13))), "\(result.verdict)")
        }
    }

    @Test("a CSCA link certificate: a Document Signer under the new CSCA key chains when the link (new key signed by the old) is in the store")
    func linkCertificate() throws {
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        let oldCSCA = Self.fixtures.appendingPathComponent("csca")
        try Data("""
            basicConstraints=critical,CA:TRUE,pathlen:0
            keyUsage=critical,keyCertSign,cRLSign
            subjectKeyIdentifier=hash
            authorityKeyIdentifier=keyid
            """.utf8).write(to: URL(fileURLWithPath: path("link.ext")))
        try Data("""
            basicConstraints=critical,CA:FALSE
            keyUsage=critical,digitalSignature
            subjectKeyIdentifier=hash
            authorityKeyIdentifier=keyid
            """.utf8).write(to: URL(fileURLWithPath: path("ds.ext")))
        for step in [
            ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-out", path("new.key")],
            ["req", "-new", "-key", path("new.key"), "-subj", "/C=VN/O=HealthKiosk Test/CN=Test CSCA Vietnam 2", "-out", path("new.csr")],
            ["x509", "-req", "-in", path("new.csr"), "-CA", oldCSCA.path + ".pem", "-CAkey", oldCSCA.path + ".key", "-set_serial", "77",
             "-days", "3650", "-sha256", "-extfile", path("link.ext"), "-out", path("link.pem")],
            ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-out", path("ds2.key")],
            ["req", "-new", "-key", path("ds2.key"), "-subj", "/C=VN/O=HealthKiosk Test/CN=Test Document Signer 2", "-out", path("ds2.csr")],
            ["x509", "-req", "-in", path("ds2.csr"), "-CA", path("link.pem"), "-CAkey", path("new.key"), "-set_serial", "78",
             "-days", "3650", "-sha256", "-extfile", path("ds.ext"), "-out", path("ds2.pem")],
        ] {
            #expect(try Self.openssl(step) == 0, "openssl \(step[0]) failed")
        }
        var files = try Self.card(signer: "ds").files
        files[.sod] = try openSSLSecurityObject(files, signer: URL(fileURLWithPath: path("ds2.pem")), key: URL(fileURLWithPath: path("ds2.key")))

        let store = TrustStore(files: [("csca.pem", try [UInt8](Data(contentsOf: oldCSCA.appendingPathExtension("pem")))),
                                       ("link.pem", try [UInt8](Data(contentsOf: URL(fileURLWithPath: path("link.pem")))))])
        #expect(store.anchors.count == 2 && store.problems.isEmpty, "\(store.problems)")
        #expect(PassiveAuthentication.verify(files: files, trustStore: store).verdict == .ok)

        let withoutLink = TrustStore(files: [("csca.pem", try [UInt8](Data(contentsOf: oldCSCA.appendingPathExtension("pem"))))])
        #expect(PassiveAuthentication.verify(files: files, trustStore: withoutLink).verdict
                == .failed(.cscaUnknown(issuer: "CN=Test CSCA Vietnam 2, O=HealthKiosk Test, C=VN")))
    }

    static func sha384(_ bytes: [UInt8]) -> [UInt8]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl", "dgst", "-sha384", "-binary"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        guard (try? process.run()) != nil else { return nil }
        input.fileHandleForWriting.write(Data(bytes))
        try? input.fileHandleForWriting.close()
        let digest = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return digest.count == 48 ? [UInt8](digest) : nil
    }

    @Test("unusable files are named with the reason and skipped; the rest loads")
    func reportsBadFiles() throws {
        try copy(["csca.pem", "ds.pem"])
        try Data("not a certificate".utf8).write(to: directory.appendingPathComponent("broken.pem"))
        try Data("notes".utf8).write(to: directory.appendingPathComponent("README.txt"))
        try Data([0x30, 0x03, 0x02, 0x01]).write(to: directory.appendingPathComponent("cut.crl"))
        let store = try TrustStore(directory: directory)
        #expect(store.anchors.count == 1)
        let problems = Dictionary(uniqueKeysWithValues: store.problems.map { ($0.file, $0.reason) })
        #expect(problems["ds.pem"]?.contains("not a CA certificate") == true)
        #expect(problems["broken.pem"]?.contains("neither an X.509 certificate nor a CRL") == true)
        #expect(problems["README.txt"]?.contains("unknown file type .txt") == true)
        #expect(problems["cut.crl"]?.contains("not a CRL") == true)
    }

    @Test("a missing directory is an error naming it")
    func missingDirectory() {
        #expect(throws: EMRTDError.self) { try TrustStore(directory: directory.appendingPathComponent("absent")) }
    }

    @Test("a master list signed under a trusted CSCA: verified, its CSCAs chain a brainpool Document Signer")
    func verifiedMasterList() throws {
        try copy(["csca.pem"])
        _ = try masterList(["csca-bp", "csca-rsa"])
        let store = try TrustStore(directory: directory)
        let list = try #require(store.masterLists.first)
        guard case .verified(let signer, let anchor) = list.signature else {
            Issue.record("expected verified, got \(list.signature)")
            return
        }
        #expect(signer.contains("Test Document Signer"))
        #expect(anchor.contains("Test CSCA Vietnam"))
        #expect(list.certificateCount == 2)
        #expect(store.anchors.filter(\.fromMasterList).count == 2)

        var keys = VirtualCCCD.Keys()
        keys.documentSigner = "ds-bp"
        let card = try VirtualCCCD(profile: try VirtualCCCDProfile.load(from: Self.fixtures.appendingPathComponent("resident-hoa.json")), keys: keys)
        let result = PassiveAuthentication.verify(files: card.files, trustStore: store)
        #expect(result.verdict == .ok, "\(result.verdict)")
        #expect(result.csca?.subject.contains("brainpool") == true)
    }

    @Test("a master list whose signer is not trusted still loads, and says so")
    func untrustedMasterList() throws {
        _ = try masterList(["csca-bp"], signer: "ds-unknown")
        let store = try TrustStore(directory: directory)
        let list = try #require(store.masterLists.first)
        guard case .signerNotTrusted(_, let reason) = list.signature else {
            Issue.record("expected signerNotTrusted, got \(list.signature)")
            return
        }
        #expect(reason.contains("CSCA unknown"))
        #expect(store.anchors.count == 1)
    }

    @Test("a master list with a broken signature adds nothing and is reported")
    func brokenMasterList() throws {
        let file = try masterList(["csca-bp"])
        var bytes = try [UInt8](Data(contentsOf: file))
        bytes[bytes.count - 1] ^= 0x01
        try Data(bytes).write(to: file)
        try copy(["csca.pem"])
        let store = try TrustStore(directory: directory)
        guard case .invalid = store.masterLists.first?.signature else {
            Issue.record("expected invalid, got \(String(describing: store.masterLists.first?.signature))")
            return
        }
        #expect(store.anchors.count == 1)
        #expect(store.problems.contains { $0.file == "list.ml" && $0.reason.contains("signature invalid") })
    }

    @Test("openssl cms -verify agrees with the signature and chain verdicts on every generated EF.SOD",
          arguments: ["ds", "ds-bp", "ds-rsa", "ds-expired", "ds-unknown", "tampered"])
    func opensslAgrees(variant: String) throws {
        var keys = VirtualCCCD.Keys()
        keys.documentSigner = variant == "tampered" ? "ds" : variant
        let profile = try VirtualCCCDProfile.load(from: Self.fixtures.appendingPathComponent("resident-hoa.json"))
        let card = try VirtualCCCD(profile: profile, tamper: variant == "tampered" ? [.sod] : [], keys: keys)
        let store = try TrustStore(directory: Self.trust)
        let ours = PassiveAuthentication.verify(files: card.files, trustStore: store).verdict

        let sod = try SecurityObject(bytes: try #require(card.files[.sod]))
        let file = directory.appendingPathComponent("sod.der")
        try Data(sod.contentInfo).write(to: file)
        let signatureOnly = try Self.openssl(["cms", "-verify", "-inform", "DER", "-in", file.path, "-binary", "-noverify", "-out", "/dev/null"])
        #expect((signatureOnly == 0) == (ours.failure?.code != "signatureInvalid"), "\(variant): openssl \(signatureOnly), ours \(ours)")

        let bundle = directory.appendingPathComponent("cscas.pem")
        var pem = Data()
        for name in ["csca.pem", "csca-bp.pem", "csca-rsa.pem"] { pem += try Data(contentsOf: Self.trust.appendingPathComponent(name)) }
        try pem.write(to: bundle)
        let chained = try Self.openssl(["cms", "-verify", "-inform", "DER", "-in", file.path, "-binary", "-CAfile", bundle.path,
                                        "-purpose", "any", "-out", "/dev/null"])
        #expect((chained == 0) == (ours == .ok), "\(variant): openssl \(chained), ours \(ours)")
    }
}

/// PEM to DER for the fixtures, through the trust store's own parser.
enum X509CertificateFixture {
    static func der(_ pem: [UInt8]) -> [UInt8] {
        X509Certificate.certificates(pem: pem).first?.der ?? []
    }
}
