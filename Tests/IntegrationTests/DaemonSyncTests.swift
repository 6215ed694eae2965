import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KioskCore
import Testing

/// The real kioskd delivering its outbox to the real loopback FHIR test server:
/// `kioskctl sync probe` records arrive upstream exactly once and show as acked in `kioskctl queue`.
@Suite(.serialized) struct DaemonSyncTests {
    @Test func probeRecordsReachTheServerOnceAndAreAcked() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let fixture = try await SyncFixture(in: dir)
        defer { fixture.upstream.stop() }
        let upstreamPort = fixture.port
        let socket = fixture.socket
        let daemon = try RunningProcess(Binaries.kioskd, fixture.daemonArguments, in: dir)
        defer { daemon.stop() }
        var up = false
        for _ in 0..<500 where !up {
            up = (try? await RunningProcess.run(Binaries.kioskctl, ["status", "--socket", socket], in: dir).status) == 0
            if !up { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(up, "kioskd did not answer: \(daemon.stderr)")

        let probe = try await RunningProcess.run(Binaries.kioskctl, ["sync", "probe", "--count", "25", "--socket", socket], in: dir)
        #expect(probe.status == 0, "\(probe.stderr)")
        #expect(probe.stdout.contains("25 test record(s) queued"))

        var acked = 0
        for _ in 0..<300 where acked < 25 {
            let queue = try await RunningProcess.run(Binaries.kioskctl, ["queue", "--json", "--socket", socket], in: dir)
            acked = (try? ControlCoding.decoder().decode(QueueReport.self, from: Data(queue.stdout.utf8)).counts["acked"]) ?? 0
            if acked < 25 { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(acked == 25, "acked \(acked) of 25; kioskd: \(daemon.stderr)")

        // Asking again sends nothing twice.
        let again = try await RunningProcess.run(Binaries.kioskctl, ["sync", "now", "--socket", socket], in: dir)
        #expect(again.status == 0)
        try await Task.sleep(for: .milliseconds(300))
        let (data, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(upstreamPort)/_outbox-ids")!)
        let text = String(decoding: data, as: UTF8.self)
        let ids = text.split(whereSeparator: { !$0.isHexDigit && $0 != "-" }).filter { $0.count == 36 }
        #expect(ids.count == 25, "upstream outbox ids: \(text.prefix(300))")
        #expect(Set(ids).count == 25)

        // The records themselves, one with its payload; nothing is dead, so nothing to retry.
        let list = try await RunningProcess.run(Binaries.kioskctl, ["queue", "list", "--state", "acked", "--json", "--socket", socket], in: dir)
        #expect(list.status == 0, "\(list.stderr)")
        let entries = try ControlCoding.decoder().decode([OutboxEntry].self, from: Data(list.stdout.utf8))
        #expect(entries.count == 25)
        let upstreamIDs: Set<String> = Set(ids.map { String($0) })
        let listedIDs: Set<String> = Set(entries.map { $0.id })
        #expect(listedIDs == upstreamIDs)
        #expect(entries.allSatisfy { $0.kind == "sync.probe" && $0.payload == nil })
        let show = try await RunningProcess.run(Binaries.kioskctl, ["queue", "show", entries[0].id, "--socket", socket], in: dir)
        #expect(show.status == 0)
        #expect(show.stdout.contains("sequence") && show.stdout.contains("\"state\" : \"acked\""))
        let retry = try await RunningProcess.run(Binaries.kioskctl, ["queue", "retry", "--all-dead", "--socket", socket], in: dir)
        #expect(retry.stdout.contains("0 dead record(s) queued again"))
        let badState = try await RunningProcess.run(Binaries.kioskctl, ["queue", "list", "--state", "lost", "--socket", socket], in: dir)
        #expect(badState.status != 0)
        #expect(badState.stderr.contains("unknown state"))

        let tooMany = try await RunningProcess.run(Binaries.kioskctl, ["sync", "probe", "--count", "0", "--socket", socket], in: dir)
        #expect(tooMany.status != 0)
        #expect(tooMany.stderr.contains("outside 1...10000"))

        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0)
    }
}
