import Foundation
import Logging
import ServiceLifecycle
import Store
import Testing
@testable import Sync

/// The engine as a running service: recovery at start, nudges, cancellation.
@Suite struct EngineServiceTests {
    @Test func recoversInterruptedRecordsAndDeliversOnNudge() async throws {
        let harness = try SyncHarness(pollInterval: .seconds(3600))
        defer { harness.upstream.stop(); Task { await harness.close() } }
        let first = try await harness.store.produce(6)
        let interrupted = try await harness.store.database.outbox.claim(limit: 3)
        #expect(interrupted.count == 3, "left 'sending' as by a crash")

        let running = Task { try await harness.engine.run() }
        let recovered = try await eventually(seconds: 10) {} done: {
            try await harness.store.counts()[.acked] == first.count
        }
        #expect(recovered, "records left sending are recovered and delivered at start")

        let second = try await harness.store.produce(6)
        harness.engine.nudge()
        let nudged = try await eventually(seconds: 5) {} done: {
            try await harness.store.counts()[.acked] == second.count
        }
        #expect(nudged, "a nudge delivers without waiting for the hour-long poll")
        let status = await harness.engine.status()
        #expect(status.lastSuccessAt != nil)
        #expect(status.ackedCount == second.count)

        running.cancel()
        try await running.value
        #expect(try await harness.upstream.stats().distinctOutboxIDs == second.count)
    }
}

/// The engine inside a `ServiceGroup`, as the daemon runs it.
@Suite struct EngineShutdownTests {
    @Test func gracefulShutdownEndsTheEnginePromptly() async throws {
        let harness = try SyncHarness(pollInterval: .seconds(3600))
        defer { harness.upstream.stop(); Task { await harness.close() } }
        let produced = try await harness.store.produce(6)
        let group = ServiceGroup(configuration: .init(services: [harness.engine], logger: Logger(label: "sync-test")))
        let running = Task { try await group.run() }
        let delivered = try await eventually(seconds: 10) {} done: {
            try await harness.store.counts()[.acked] == produced.count
        }
        #expect(delivered)
        let started = ContinuousClock.now
        await group.triggerGracefulShutdown()
        try await running.value
        #expect(ContinuousClock.now - started < .seconds(10), "the hour-long poll does not hold shutdown back")
    }
}
