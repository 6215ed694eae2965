import EMRTD
import Foundation
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
        var options = ReadOptions()
        options.activeAuthentication = .always
        let card = try VirtualCCCD(profile: profile)

        let samples = try await CardReadBenchmark.withCard(try card.applet()) { connection in
            var samples: [(read: Double, chipAndActive: Double, passive: Double, apdus: Int)] = []
            _ = try await DocumentReader(channel: connection, options: options).read(key: key)
            for _ in 0..<runs {
                let start = ContinuousClock.now
                let contents = try await DocumentReader(channel: connection, options: options).read(key: key)
                let read = CardReadBenchmark.milliseconds(since: start)
                let identity = VerifiedIdentity(contents: contents, trustStore: store)
                guard identity.passive == .ok, identity.chip == .ok, identity.active == .ok else {
                    throw BenchmarkFailure(message: "verdicts \(identity.passive) / \(identity.chip) / \(identity.active)")
                }
                samples.append((read, Double(contents.statistics.authenticationMicroseconds) / 1000,
                                Double(identity.passiveMicroseconds) / 1000, contents.statistics.apdus))
            }
            return samples
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        let read = median(samples.map(\.read))
        let chipAndActive = median(samples.map(\.chipAndActive))
        let passive = median(samples.map(\.passive))
        let share = (chipAndActive + passive) / (read + passive)
        let f = CardReadBenchmark.format
        print("check-in read with CA + AA (RSA) + PA, median of \(runs): read \(f(read, 2)) ms (\(samples[0].apdus) APDUs), "
              + "of which CA + AA \(f(chipAndActive, 2)) ms; PA \(f(passive, 2)) ms")
        print("verification (PA + CA + AA) \(f(chipAndActive + passive, 2)) ms = \(f(share * 100, 1)) % of the whole check-in read "
              + "(target < 10 %: \(share < 0.10 ? "met" : "MISSED"))")

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
}

/// A benchmark precondition that did not hold.
struct BenchmarkFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
