import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KioskCore
import Testing

/// `kioskctl metrics` and the local API's `GET /metrics` after a known sequence against the test
/// upstream: ten probe records meet a 500 and are then delivered; one more is refused with a 400.
/// The exposition is parsed and each sample checked.
@Suite(.serialized) struct DaemonMetricsTests {
    @Test func metricsCountTheDeliveriesAndFaults() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let fixture = try await SyncFixture(in: dir, upstreamFaults: ["500"]) {
            $0.replacingOccurrences(of: "interval_seconds = 30", with: "interval_seconds = 1")
        }
        defer { fixture.upstream.stop() }
        let socket = fixture.socket
        let started = Date()
        let daemon = try RunningProcess(Binaries.kioskd, fixture.daemonArguments, in: dir)
        defer { daemon.stop() }
        #expect(try await DaemonWaits.answers(socket), "kioskd did not answer: \(daemon.stderr)")

        let before = try await metrics(socket, in: dir)
        #expect(before["kiosk_sync_records_total{outcome=\"acked\"}"] == 0)
        #expect(before["kiosk_outbox_records{state=\"pending\"}"] == 0)

        _ = try await RunningProcess.run(Binaries.kioskctl, ["sync", "probe", "--count", "10", "--socket", socket], in: dir)
        #expect(try await waitFor(socket, state: "acked", count: 10), "kioskd: \(daemon.stderr)")

        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(fixture.port)/_faults")!)
        request.httpMethod = "POST"
        request.httpBody = Data(#"["400:refused by the metrics test"]"#.utf8)
        _ = try await URLSession.shared.data(for: request)
        _ = try await RunningProcess.run(Binaries.kioskctl, ["sync", "probe", "--count", "1", "--socket", socket], in: dir)
        #expect(try await waitFor(socket, state: "dead", count: 1), "kioskd: \(daemon.stderr)")

        let samples = try await metrics(socket, in: dir)
        #expect(samples.malformed.isEmpty, "\(samples.malformed)")
        #expect(samples["kiosk_sync_records_total{outcome=\"acked\"}"] == 10)
        #expect(samples["kiosk_sync_records_total{outcome=\"retried\"}"] == 10, "the whole batch met the 500 once")
        #expect(samples["kiosk_sync_records_total{outcome=\"dead\"}"] == 1)
        #expect(samples["kiosk_sync_requests_total{result=\"server_error\"}"] == 1)
        #expect(samples["kiosk_sync_requests_total{result=\"rejected\"}"] == 1)
        #expect(samples["kiosk_sync_requests_total{result=\"network_error\"}"] == 0)
        #expect(samples["kiosk_sync_requests_total{result=\"pin_mismatch\"}"] == 0)
        let delivered = try #require(samples["kiosk_sync_requests_total{result=\"ok\"}"])
        #expect(delivered >= 1 && delivered <= 10, "retried records go out in one or more bundles: \(delivered)")

        let requests = samples.sum("kiosk_sync_requests_total")
        #expect(samples.types["kiosk_sync_round_duration_seconds"] == "histogram")
        #expect(samples["kiosk_sync_round_duration_seconds_count"] == requests, "one round observed per request")
        #expect(samples["kiosk_sync_round_duration_seconds_bucket{le=\"+Inf\"}"] == requests)
        #expect((samples["kiosk_sync_round_duration_seconds_sum"] ?? -1) > 0)

        #expect(samples["kiosk_outbox_records{state=\"acked\"}"] == 10)
        #expect(samples["kiosk_outbox_records{state=\"dead\"}"] == 1)
        #expect(samples["kiosk_outbox_records{state=\"pending\"}"] == 0)
        #expect(samples["kiosk_outbox_records{state=\"sending\"}"] == 0)
        #expect(samples["kiosk_outbox_oldest_pending_age_seconds"] == 0)
        let lastSuccess = try #require(samples["kiosk_sync_last_success_timestamp_seconds"])
        #expect(lastSuccess >= started.timeIntervalSince1970.rounded(.down) && lastSuccess <= Date().timeIntervalSince1970 + 1)
        #expect(samples["kiosk_sync_circuit_breaker_state"] == 0)

        // The local API serves the same registry.
        let http = await LoopbackHTTP.send("GET", port: fixture.apiPort, "/metrics")
        #expect(http.status == 200, "kioskd: \(daemon.stderr)")
        let served = PrometheusSamples(http.body)
        for series in ["kiosk_sync_records_total{outcome=\"acked\"}", "kiosk_sync_records_total{outcome=\"retried\"}",
                       "kiosk_sync_requests_total{result=\"rejected\"}", "kiosk_outbox_records{state=\"dead\"}"] {
            #expect(served[series] != nil && served[series] == samples[series], "\(series): \(http.body.prefix(400))")
        }

        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0)
    }

    /// `kioskctl metrics`, parsed.
    func metrics(_ socket: String, in dir: TemporaryDirectory) async throws -> PrometheusSamples {
        let result = try await RunningProcess.run(Binaries.kioskctl, ["metrics", "--socket", socket], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        return PrometheusSamples(result.stdout)
    }

    /// Whether the outbox holds `count` records in `state` within about 30 seconds.
    func waitFor(_ socket: String, state: String, count: Int) async throws -> Bool {
        for _ in 0..<600 {
            if DaemonWaits.queueCounts(socket)?[state] == count { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }
}
