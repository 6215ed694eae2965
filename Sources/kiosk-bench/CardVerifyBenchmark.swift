import EMRTD
import Foundation
import SmartCard
import VirtualCard

/// Genuineness checks per card on the virtual CCCD through pcscd + vpcd: chip authentication
/// and active authentication (APDUs and EC/RSA work, inside the read), passive authentication
/// (CMS signature, chain to the CSCA, CRL, data-group hashes), and their share of the whole
/// check-in read. Also passive authentication alone for each Document Signer algorithm.
enum CardVerifyBenchmark {
    static let runs = 30

    static func run() async throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let fixtures = repo.appendingPathComponent("Tests/Fixtures/cccd")
        let profile = try VirtualCCCDProfile.load(from: fixtures.appendingPathComponent("resident-hoa.json"))
        let store = try TrustStore(directory: fixtures.appendingPathComponent("trust"))
        let key = try AccessKey.can(profile.effectiveCAN)
        let card = try VirtualCCCD(profile: profile)
        var readOnly = ReadOptions()
        readOnly.chipAuthentication = false
        readOnly.activeAuthentication = .never
        var both = ReadOptions()
        both.activeAuthentication = .always
        let f = CardReadBenchmark.format
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

        let (plain, checked, full) = try await CardReadBenchmark.withCard(try card.applet()) { connection in
            _ = try await DocumentReader(channel: connection).read(key: key)
            return (try await samples(connection, key, readOnly, store),
                    try await samples(connection, key, ReadOptions(), store),
                    try await samples(connection, key, both, store))
        }
        let base = median(plain.map(\.read))
        print("read without verification: \(f(base, 2)) ms median of \(runs), \(plain[0].apdus) APDUs")
        for (label, set) in [("PA + CA (the default)", checked), ("PA + CA + AA (RSA)", full)] {
            let read = median(set.map(\.read))
            let inRead = median(set.map(\.chipAndActive))
            let passive = median(set.map(\.passive))
            let whole = read + passive
            let verification = whole - base
            print("\(label): check-in \(f(whole, 2)) ms (\(set[0].apdus) APDUs); verification \(f(verification, 2)) ms "
                  + "= \(f(verification / whole * 100, 1)) % of it (CA/AA APDUs and EC/RSA work \(f(inRead, 2)) ms, PA \(f(passive, 2)) ms; "
                  + "target < 10 %: \(verification / whole < 0.10 ? "met" : "MISSED"))")
        }

        for signer in ["ds", "ds-bp", "ds-rsa"] {
            var keys = VirtualCCCD.Keys()
            keys.documentSigner = signer
            let files = try VirtualCCCD(profile: profile, keys: keys).files
            var times: [Double] = []
            for _ in 0..<200 {
                let start = ContinuousClock.now
                let result = PassiveAuthentication.verify(files: files, trustStore: store)
                times.append(CardReadBenchmark.milliseconds(since: start))
                guard result.verdict == .ok else { throw BenchmarkFailure(message: "\(signer): \(result.verdict)") }
            }
            let algorithm = PassiveAuthentication.verify(files: files, trustStore: store).documentSigner?.publicKeyDescription ?? "?"
            print("PA alone, Document Signer \(algorithm): \(f(median(times), 3)) ms median of 200")
        }
    }

    /// `runs` reads with `options`, each verified; read time, CA+AA time inside it, PA time.
    private static func samples(_ connection: CardConnection, _ key: AccessKey, _ options: ReadOptions,
                                _ store: TrustStore) async throws -> [(read: Double, chipAndActive: Double, passive: Double, apdus: Int)] {
        var samples: [(read: Double, chipAndActive: Double, passive: Double, apdus: Int)] = []
        for _ in 0..<runs {
            let start = ContinuousClock.now
            let contents = try await DocumentReader(channel: connection, options: options).read(key: key)
            let read = CardReadBenchmark.milliseconds(since: start)
            let identity = VerifiedIdentity(contents: contents, trustStore: store)
            guard identity.passive == .ok, identity.chip.failure == nil, identity.active.failure == nil else {
                throw BenchmarkFailure(message: "verdicts \(identity.passive) / \(identity.chip) / \(identity.active)")
            }
            samples.append((read, Double(contents.statistics.authenticationMicroseconds) / 1000,
                            Double(identity.passiveMicroseconds) / 1000, contents.statistics.apdus))
        }
        return samples
    }
}

/// A benchmark precondition that did not hold.
struct BenchmarkFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
