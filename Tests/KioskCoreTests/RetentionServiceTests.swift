import Foundation
import Logging
import Store
import Synchronization
import Testing
@testable import KioskCore

/// The daemon's periodic purge: acknowledged records older than `retention_days` go, younger
/// ones and dead ones stay; a config reload changes the period.
@Suite struct RetentionServiceTests {
    final class Clock: Sendable {
        private let current = Mutex(Date(timeIntervalSince1970: 1_795_831_200))
        var now: Date { current.withLock { $0 } }
        func advance(days: Double) { current.withLock { $0 = $0.addingTimeInterval(days * 86_400) } }
    }

    struct Probe: Codable, Sendable { var n: Int }

    @Test func acknowledgedRecordsOlderThanTheRetentionArePurged() async throws {
        let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("retention-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clock = Clock()
        var options = KioskDatabase.Options()
        options.clock = { clock.now }
        let database = try KioskDatabase(stateDirectory: directory, options: options)
        defer { try? database.close() }
        let outbox = database.outbox
        let old = try await outbox.enqueue(.syncProbe, subject: ResidentKey("probe-1"), payload: Probe(n: 1))
        let dead = try await outbox.enqueue(.syncProbe, subject: ResidentKey("probe-2"), payload: Probe(n: 2))
        _ = try await outbox.markAcked([old])
        _ = try await outbox.markDead(dead, error: "HTTP 400")
        clock.advance(days: 20)
        let young = try await outbox.enqueue(.syncProbe, subject: ResidentKey("probe-3"), payload: Probe(n: 3))
        _ = try await outbox.markAcked([young])
        clock.advance(days: 11)

        let config = try ConfigLoader.parse(text: ConfigLoaderTests.minimal + "\n[sync]\nretention_days = 30\n", file: "test.toml")
        let state = DaemonState(configPath: "test.toml", config: config)
        let service = RetentionService(database: database, state: state, interval: .seconds(3600), logger: Logger(label: "test"))
        await service.purgeOnce()
        #expect(Set(try await outbox.list().map(\.id)) == [dead, young], "the 31-day-old acked record is gone")

        var shorter = config
        shorter.sync.retentionDays = 5
        state.replaceConfig(shorter)
        await service.purgeOnce()
        #expect(try await outbox.list().map(\.id) == [dead], "dead records wait for an operator")
    }
}
