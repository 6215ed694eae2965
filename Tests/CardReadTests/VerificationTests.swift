import EMRTD
import Foundation
import Testing
import VirtualCard

/// Every genuineness verdict end to end: the virtual CCCD (with the Document Signer, chip keys
/// and damage of each case) read through pcscd + vpcd, chip and active authentication during
/// the read, passive authentication against the test trust store.
extension LiveCardTests {
@Suite("CCCD genuineness through pcscd + vpcd")
struct VerificationTests {
    let profile: VirtualCCCDProfile
    let trustStore: TrustStore

    init() throws {
        try CardEnvironment.requireAvailable()
        profile = try CardEnvironment.profile()
        trustStore = try TrustStore(directory: CardEnvironment.fixtures.appendingPathComponent("trust"))
    }

    /// Reads a card made with `keys` and `tamper`, active authentication always on.
    func verify(_ keys: VirtualCCCD.Keys = .init(), tamper: Set<VirtualCCCD.Tamper> = [],
                active: ActiveAuthenticationPolicy = .always, store: TrustStore? = nil) async throws -> VerifiedIdentity {
        let card = try VirtualCCCD(profile: profile, tamper: tamper, keys: keys)
        var options = ReadOptions()
        options.activeAuthentication = active
        let client = VPCDClient(applet: try card.applet(), options: .init(port: CardEnvironment.port))
        let contents = try await CardEnvironment.withCard(client) { connection in
            try await DocumentReader(channel: connection, options: options).read(key: try .can(profile.effectiveCAN))
        }
        return VerifiedIdentity(contents: contents, trustStore: store ?? trustStore)
    }

    static func keys(signer: String = "ds", active: VirtualCCCD.ActiveAuthenticationKey = .rsa, clone: Bool = false) -> VirtualCCCD.Keys {
        var keys = VirtualCCCD.Keys()
        keys.documentSigner = signer
        keys.activeAuthentication = active
        keys.clone = clone
        return keys
    }

    @Test("a genuine card: passive, chip and RSA active authentication all ok; the chain ends at the P-256 CSCA")
    func genuine() async throws {
        let identity = try await verify()
        #expect(identity.passive == .ok, "\(identity.passive)")
        #expect(identity.chip == .ok, "\(identity.chip)")
        #expect(identity.active == .ok, "\(identity.active)")
        #expect(identity.passiveAuthentication.csca?.subject.contains("CN=Test CSCA Vietnam,") == true)
        #expect(identity.passiveAuthentication.matchedDataGroups == [1, 2, 13, 14, 15])
        #expect(identity.passiveAuthentication.digest == .sha256)
        #expect(identity.passiveAuthentication.signingTime != nil)
        #expect(VerificationPolicy().decide(identity).accepted)
    }

    @Test("Document Signers on brainpoolP256r1, RSA and brainpoolP512r1 with explicit parameters chain to their CSCAs",
          arguments: [("ds-bp", "EC brainpoolP256r1"), ("ds-rsa", "RSA 2048"), ("ds-explicit", "EC brainpoolP512r1 (explicit parameters)")])
    func otherAlgorithms(signer: String, key: String) async throws {
        let identity = try await verify(Self.keys(signer: signer), active: .never)
        #expect(identity.passive == .ok, "\(signer): \(identity.passive)")
        #expect(identity.passiveAuthentication.documentSigner?.publicKeyDescription == key)
    }

    @Test("an expired Document Signer: passive fails with certificateExpired")
    func expired() async throws {
        let identity = try await verify(Self.keys(signer: "ds-expired"), active: .never)
        #expect(identity.passive.failure?.code == "certificateExpired", "\(identity.passive)")
        #expect(identity.chip == .ok)
        #expect(!VerificationPolicy().decide(identity).accepted)
    }

    @Test("a revoked Document Signer: passive fails with certificateRevoked, naming the CRL")
    func revoked() async throws {
        let identity = try await verify(Self.keys(signer: "ds-revoked"), active: .never)
        #expect(identity.passive.failure?.code == "certificateRevoked", "\(identity.passive)")
        #expect(identity.passive.reason?.contains("csca.crl") == true)
    }

    @Test("a Document Signer of an unknown CSCA: passive fails with cscaUnknown")
    func unknownCSCA() async throws {
        let identity = try await verify(Self.keys(signer: "ds-unknown"), active: .never)
        #expect(identity.passive == .failed(.cscaUnknown(issuer: "CN=Test CSCA Elsewhere, O=HealthKiosk Test, C=VN")), "\(identity.passive)")
    }

    @Test("a clone without DG14's private key: chip authentication fails with chipKeyMismatch, passive still ok")
    func clone() async throws {
        let identity = try await verify(Self.keys(clone: true), active: .never)
        #expect(identity.chip.failure?.code == "chipKeyMismatch", "\(identity.chip)")
        #expect(identity.passive == .ok)
        let decision = VerificationPolicy().decide(identity)
        #expect(!decision.accepted)
        #expect(decision.rejection?.contains("chip authentication failed") == true)
    }

    @Test("ECDSA active authentication with the hash DG14 names")
    func ecdsaActive() async throws {
        let identity = try await verify(Self.keys(active: .ecdsa))
        #expect(identity.active == .ok, "\(identity.active)")
        #expect(identity.contents.dg14?.activeAuthenticationSignatureAlgorithm == "1.2.840.10045.4.3.2")
    }

    @Test("a card without DG15: active authentication notSupported, the rest ok")
    func withoutDG15() async throws {
        let identity = try await verify(Self.keys(active: .none))
        #expect(identity.active.status == "notSupported", "\(identity.active)")
        #expect(identity.contents.files[.dg15] == nil)
        #expect(identity.passive == .ok)
        var policy = VerificationPolicy()
        policy.active = .warn
        let decision = policy.decide(identity)
        #expect(decision.accepted)
        #expect(decision.warnings.count == 1)
    }

    @Test("chip authentication runs right after DG14: the other files are read under its keys, two APDUs more than without it")
    func chipAuthenticationBeforeTheFiles() async throws {
        let card = try VirtualCCCD(profile: profile)
        var plain = ReadOptions()
        plain.chipAuthentication = false
        plain.activeAuthentication = .never
        var onlyDG14 = ReadOptions()
        onlyDG14.files = [.dg14]
        let key = try AccessKey.can(profile.effectiveCAN)
        let (without, with, single) = try await CardEnvironment.withCard(
            VPCDClient(applet: try card.applet(), options: .init(port: CardEnvironment.port))) { connection in
            (try await DocumentReader(channel: connection, options: plain).read(key: key),
             try await DocumentReader(channel: connection).read(key: key),
             try await DocumentReader(channel: connection, options: onlyDG14).read(key: key))
        }
        #expect(with.chipAuthentication == .ok)
        #expect(with.files == without.files)
        #expect(with.statistics.apdus == without.statistics.apdus + 2, "MSE:Set AT and GENERAL AUTHENTICATE only")
        #expect(single.chipAuthentication == .ok, "with nothing read after DG14, an explicit protected read proves the keys")
        #expect(without.chipAuthentication.status == "notChecked")
    }

    @Test("by default active authentication gives way to chip authentication")
    func activeSkippedWhenChipRuns() async throws {
        let identity = try await verify(active: .whenNoChipAuthentication)
        #expect(identity.active.status == "notChecked")
        #expect(identity.chip == .ok)
    }

    @Test("each damaged data group fails passive authentication on that group",
          arguments: [(VirtualCCCD.Tamper.dg1, 1), (.dg2, 2), (.dg13, 13), (.dg14, 14), (.dg15, 15)])
    func tamperedDataGroup(tamper: VirtualCCCD.Tamper, number: Int) async throws {
        let identity = try await verify(tamper: [tamper], active: .never)
        #expect(identity.passive == .failed(.hashMismatch(dataGroup: number)), "\(tamper): \(identity.passive)")
    }

    @Test("a damaged EF.SOD signature: passive fails with signatureInvalid")
    func tamperedSignature() async throws {
        let identity = try await verify(tamper: [.sod], active: .never)
        #expect(identity.passive.failure?.code == "signatureInvalid", "\(identity.passive)")
    }

    @Test("without a trust store: signature and hashes checked, the chain notChecked")
    func withoutTrustStore() async throws {
        let empty = TrustStore(files: [])
        let identity = try await verify(active: .never, store: empty)
        #expect(identity.passive.failure?.code == "cscaUnknown")
        let card = try VirtualCCCD(profile: profile)
        let unchained = PassiveAuthentication.verify(files: card.files.filter { $0.key != .cardAccess }, trustStore: nil)
        #expect(unchained.verdict.status == "notChecked")
    }
}
}
