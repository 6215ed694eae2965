import Foundation
import Testing

/// `kioskctl card read --csca` and `kioskctl trust` as a technician runs them: the real
/// binaries, the real `virtual-cccd` process in the reader, the fixture trust store.
extension LiveCardTests {
@Suite("kioskctl verification and trust store")
struct KioskctlVerificationTests {
    init() throws { try CardEnvironment.requireAvailable() }

    static let trust = CardEnvironment.fixtures.appendingPathComponent("trust").path

    /// The `verification` object of `card read --json` for a card started with `cardArguments`.
    func verification(_ cardArguments: [String], _ readArguments: [String] = []) async throws -> [String: [String: Any]] {
        let profile = try CardEnvironment.profile()
        let run = try await KioskctlCardReadTests.withVirtualCard(cardArguments) {
            try KioskctlCardReadTests.run("kioskctl", ["card", "read", "--reader", CardEnvironment.reader, "--can", profile.effectiveCAN,
                                                       "--csca", Self.trust, "--json"] + readArguments)
        }
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
        return try #require(object["verification"] as? [String: [String: Any]])
    }

    @Test("a genuine card: passive and chip ok, active ok when asked for, reason null when ok")
    func genuine() async throws {
        let checks = try await verification([], ["--active-auth", "always"])
        for name in ["passive", "chip", "active"] {
            #expect(checks[name]?["status"] as? String == "ok", "\(name): \(String(describing: checks[name]))")
            #expect(checks[name]?["reason"] is NSNull, "\(name) reason")
        }
    }

    @Test("a revoked Document Signer and a clone: the failing check and its reason")
    func failures() async throws {
        let revoked = try await verification(["--signer", "ds-revoked"])
        #expect(revoked["passive"]?["status"] as? String == "failed")
        #expect((revoked["passive"]?["reason"] as? String)?.contains("revoked") == true)
        #expect(revoked["active"]?["status"] as? String == "notChecked")
        let clone = try await verification(["--clone"])
        #expect(clone["chip"]?["status"] as? String == "failed")
        #expect((clone["chip"]?["reason"] as? String)?.contains("chip key mismatch") == true)
        #expect(clone["passive"]?["status"] as? String == "ok")
    }

    @Test("--config: the trust store of paths.csca_dir and the [verification] policy decide the check-in")
    func decisionFromConfig() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("verify-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let example = try String(contentsOf: CardEnvironment.repositoryRoot.appendingPathComponent("config/kioskd.example.toml"), encoding: .utf8)
        let config = directory.appendingPathComponent("kioskd.toml")
        try example.replacingOccurrences(of: "csca_dir = \"/etc/health-kiosk/csca\"", with: "csca_dir = \"\(Self.trust)\"")
            .write(to: config, atomically: true, encoding: .utf8)
        #expect(try String(contentsOf: config, encoding: .utf8).contains(Self.trust), "the example config names csca_dir")
        let profile = try CardEnvironment.profile()
        func decision(_ cardArguments: [String]) async throws -> [String: Any] {
            let run = try await KioskctlCardReadTests.withVirtualCard(cardArguments) {
                try KioskctlCardReadTests.run("kioskctl", ["card", "read", "--reader", CardEnvironment.reader, "--can", profile.effectiveCAN,
                                                           "--config", config.path, "--json"])
            }
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
            return try #require(object["decision"] as? [String: Any])
        }
        let genuine = try await decision([])
        #expect(genuine["accepted"] as? Bool == true)
        #expect((genuine["warnings"] as? [String])?.isEmpty == true)
        let unknown = try await decision(["--signer", "ds-unknown"])
        #expect(unknown["accepted"] as? Bool == false)
        #expect((unknown["rejection"] as? String)?.contains("CSCA unknown") == true)
    }

    @Test("trust list, add and verify-ml on a fresh directory")
    func trustCommands() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trust-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixtures = CardEnvironment.fixtures.path
        let notCA = try KioskctlCardReadTests.run("kioskctl", ["trust", "add", "--dir", directory.path, "\(fixtures)/ds.pem"])
        #expect(notCA.status == 65)
        #expect(notCA.stderr.contains("not a CA certificate"))
        let added = try KioskctlCardReadTests.run("kioskctl", ["trust", "add", "--dir", directory.path, "\(fixtures)/csca.pem"])
        #expect(added.status == 0, "\(added.stderr)")
        let again = try KioskctlCardReadTests.run("kioskctl", ["trust", "add", "--dir", directory.path, "\(fixtures)/csca.pem"])
        #expect(again.status == 73)
        let crl = try KioskctlCardReadTests.run("kioskctl", ["trust", "add", "--dir", directory.path, "\(fixtures)/csca.crl"])
        #expect(crl.status == 0, "\(crl.stderr)")

        let list = try KioskctlCardReadTests.run("kioskctl", ["trust", "list", "--dir", directory.path, "--json"])
        #expect(list.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: list.stdout) as? [String: Any])
        #expect((object["cscas"] as? [[String: Any]])?.first?["subject"] as? String == "CN=Test CSCA Vietnam, O=HealthKiosk Test, C=VN")
        #expect((object["crls"] as? [[String: Any]])?.first?["revoked"] as? Int == 1)

        let seeds = CardEnvironment.repositoryRoot.appendingPathComponent("scripts/fuzz/seeds/masterList/list.ml").path
        let verified = try KioskctlCardReadTests.run("kioskctl", ["trust", "verify-ml", "--dir", directory.path, seeds])
        #expect(verified.status == 0)
        #expect(String(decoding: verified.stdout, as: UTF8.self).contains("signature verified"))
        let untrusted = try KioskctlCardReadTests.run("kioskctl", ["trust", "verify-ml", "--dir", "/nonexistent", seeds])
        #expect(String(decoding: untrusted.stdout, as: UTF8.self).contains("signature signer-not-trusted"))
    }
}
}
