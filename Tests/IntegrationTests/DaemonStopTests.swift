import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KioskCore
import Testing

/// SIGTERM while the upstream server hangs on a batch: kioskd stops at once, cleanly, and the
/// batch is delivered, once, after the next start.
@Suite(.serialized) struct DaemonStopTests {
    @Test func aHangingServerDoesNotHoldUpTheStop() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let fixture = try await SyncFixture(in: dir, upstreamFaults: ["delay=60000"]) {
            $0.replacingOccurrences(of: "request_timeout_seconds = 30", with: "request_timeout_seconds = 120")
        }
        defer { fixture.upstream.stop() }
        let daemon = try RunningProcess(Binaries.kioskd, fixture.daemonArguments, in: dir)
        defer { daemon.stop() }
        #expect(try await DaemonWaits.answers(fixture.socket), "kioskd did not answer: \(daemon.stderr)")
        let probe = try await RunningProcess.run(Binaries.kioskctl, ["sync", "probe", "--count", "3", "--socket", fixture.socket], in: dir)
        #expect(probe.status == 0, "\(probe.stderr)")
        for _ in 0..<200 where DaemonWaits.queueCounts(fixture.socket)?["sending"] != 3 {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(DaemonWaits.queueCounts(fixture.socket)?["sending"] == 3, "the batch is in flight")

        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0, "stopped while the server still held the batch: \(daemon.stderr)")

        let again = try RunningProcess(Binaries.kioskd, fixture.daemonArguments, in: dir)
        defer { again.stop() }
        #expect(try await DaemonWaits.answers(fixture.socket))
        for _ in 0..<300 where DaemonWaits.queueCounts(fixture.socket)?["acked"] != 3 {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(DaemonWaits.queueCounts(fixture.socket)?["acked"] == 3, "\(again.stderr)")
        let (data, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(fixture.port)/_stats")!)
        let stats = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        #expect(stats["distinctOutboxIDs"] as? Int == 3)
        #expect(stats["created"] as? Int == 3, "each record created once: \(stats)")
        again.signal(SIGTERM)
        #expect(await again.waitForExit(timeout: .seconds(10)) == 0)
    }
}
