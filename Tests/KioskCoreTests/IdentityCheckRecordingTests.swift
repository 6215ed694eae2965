import EMRTD
import Foundation
import KioskCore
import Store
import Testing

/// The genuineness verdicts of a card, decided by the configured policy and recorded in a real
/// SQLite store with its outbox record: verdicts and decision, a keyed document hash, nothing
/// personal.
@Suite("Identity checks: policy, config and record")
struct IdentityCheckRecordingTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("identity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    static let secret = KioskSecret(bytes: [UInt8](repeating: 7, count: 32))
    static let clone = CheckVerdict.failed(.chipKeyMismatch("no valid answer under the chip-authentication keys"))

    @Test("a genuine card is accepted and recorded with its verdicts, a keyed hash and an outbox row")
    func genuineRecorded() async throws {
        let database = try KioskDatabase(stateDirectory: directory.path)
        let (new, decision) = try IdentityCheckRecording.newCheck(
            passive: .ok, chip: .ok, active: .notChecked("chip authentication ran instead"),
            policy: VerificationPolicy(), documentNumber: "188012345", secret: Self.secret)
        #expect(decision.accepted && decision.warnings.isEmpty)
        let stored = try await database.records.recordIdentityCheck(new)
        #expect(stored.decision == .accepted)
        #expect(stored.verdicts == ["passive-auth": .passed, "chip-auth": .passed, "active-auth": .notPerformed])
        let hash = try #require(stored.documentHash)
        #expect(hash.count == 64 && !hash.contains("188012345"))
        // HMAC-SHA-256 of "188012345" under 32 bytes of 0x07, computed with Python's hmac module.
        #expect(hash == "dae43afa50ff93268eb5d495a0baea333f3159dde6995f74ab994fa0fbd223f4")
        #expect(try DocumentHash.hmac(documentNumber: "188012345", secret: Self.secret.bytes) == hash)
        #expect(try DocumentHash.hmac(documentNumber: "188012345", secret: [UInt8](repeating: 8, count: 32)) != hash)
        let stats = try await database.outbox.stats()
        #expect(stats.counts[.pending] == 1)
    }

    @Test("a clone is rejected whatever the policy; a card without chip authentication warns staff by default",
          arguments: [VerificationPolicy.Requirement.required, .warn, .ignore])
    func decisions(chipRequirement: VerificationPolicy.Requirement) throws {
        var policy = VerificationPolicy()
        policy.chip = chipRequirement
        let clone = try IdentityCheckRecording.newCheck(passive: .ok, chip: Self.clone, active: .notChecked("-"), policy: policy,
                                                        documentNumber: "188012345", secret: Self.secret)
        #expect(clone.check.decision == .rejected)
        #expect(clone.decision.rejection?.contains("chip authentication failed") == true)
        let old = try IdentityCheckRecording.newCheck(passive: .ok, chip: .notSupported("the card has no DG14"), active: .notChecked("-"),
                                                      policy: policy, documentNumber: "188012345", secret: Self.secret)
        let expected: IdentityDecision = switch chipRequirement {
        case .required: .rejected
        case .warn: .acceptedWithWarning
        case .ignore: .accepted
        }
        #expect(old.check.decision == expected)
    }

    @Test("passive authentication that could not chain (no trust store) rejects under the default policy")
    func passiveRequired() throws {
        let result = try IdentityCheckRecording.newCheck(passive: .notChecked("no CSCA trust store"), chip: .ok, active: .notChecked("-"),
                                                         policy: VerificationPolicy(), documentNumber: "1", secret: Self.secret)
        #expect(result.check.decision == .rejected)
        #expect(result.check.verdicts["passive-auth"] == .notPerformed)
    }

    @Test("the kiosk secret is created once, 0600, and refused when damaged")
    func secretFile() throws {
        let first = try KioskSecret.load(stateDirectory: directory.path)
        let again = try KioskSecret.load(stateDirectory: directory.path)
        #expect(first.bytes == again.bytes && first.bytes.count == 32)
        let path = directory.appendingPathComponent(KioskSecret.fileName).path
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: path))
        #expect(throws: KioskSecretError.self) { try KioskSecret.load(stateDirectory: directory.path) }
    }

    @Test("[verification] in the config: values, defaults, and a bad value named with its line")
    func config() throws {
        let defaults = try ConfigLoader.parse(text: ConfigLoaderTests.minimal, file: "test.toml").verification
        #expect(defaults == KioskConfig.Verification())
        let set = try ConfigLoader.parse(text: ConfigLoaderTests.minimal + """

            [verification]
            passive = "required"
            chip = "required"
            active = "warn"
            active_authentication = "always"
            """, file: "test.toml").verification
        #expect(set.policy.chip == .required && set.policy.active == .warn && set.activeAuthentication == .always)
        let issues = ConfigLoaderTests().issues(ConfigLoaderTests.minimal + """

            [verification]
            passive = "maybe"
            """)
        #expect(issues.count == 1)
        #expect(issues.first?.keyPath == "verification.passive")
        #expect(issues.first?.line == 9)
    }
}
