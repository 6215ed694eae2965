import Foundation
import Store
@testable import Sync

/// A real database, a real test upstream process and an engine with test timings, wired together.
struct SyncHarness {
    let store: TestStore
    let upstream: TestUpstream
    let transport: HTTPUpstream
    let engine: SyncEngine

    init(faults: [String] = [], batchSize: Int = 10, breakerThreshold: Int = 1000,
         breakerCooldown: Duration = .milliseconds(400), backoffBase: Duration = .milliseconds(10),
         pollInterval: Duration = .seconds(60), writeMode: FHIRWriteMode = .conditionalCreate) throws {
        store = try TestStore()
        upstream = try TestUpstream(faults: faults)
        var http = UpstreamConfiguration(baseURL: upstream.baseURL)
        http.connectTimeout = .seconds(2)
        http.readTimeout = .milliseconds(700)
        http.requestTimeout = .seconds(5)
        transport = try HTTPUpstream(configuration: http)
        var configuration = SyncEngine.Configuration()
        configuration.batchSize = batchSize
        configuration.backoff = Backoff(base: backoffBase, cap: .milliseconds(50), jitter: { $0 })
        configuration.breakerThreshold = breakerThreshold
        configuration.breakerCooldown = breakerCooldown
        configuration.pollInterval = pollInterval
        var options = FHIRMappingOptions(stationID: "TYT-PHUONG-1", kioskID: "kiosk-01")
        options.writeMode = writeMode
        engine = SyncEngine(database: store.database, transport: transport, mapper: FHIRMapper(options: options),
                            configuration: configuration)
    }

    func close() async {
        try? await transport.shutdown()
        upstream.stop()
        store.remove()
    }

    /// Drains until every record is acked (or `seconds` pass); returns whether it got there.
    func drainUntilAllAcked(_ expected: Int, seconds: Double = 20) async throws -> Bool {
        try await eventually(seconds: seconds) {
            await engine.drainDue()
        } done: {
            try await store.counts()[.acked] == expected
        }
    }
}
