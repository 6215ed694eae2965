import Foundation
import KioskCore
import Testing

/// `kioskctl queue show ID --fhir`: the transaction Bundle the running kioskd sends for one
/// record, as it builds it.
@Suite(.serialized) struct QueueFHIRTests {
    @Test func showsTheBundleSentForARecord() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let fixture = try await SyncFixture(in: dir)
        defer { fixture.upstream.stop() }
        let socket = fixture.socket
        let daemon = try RunningProcess(Binaries.kioskd, fixture.daemonArguments, in: dir)
        defer { daemon.stop() }
        #expect(try await DaemonWaits.answers(socket), "kioskd did not answer: \(daemon.stderr)")

        _ = try await RunningProcess.run(Binaries.kioskctl, ["sync", "probe", "--count", "2", "--socket", socket], in: dir)
        let list = try await RunningProcess.run(Binaries.kioskctl, ["queue", "list", "--json", "--socket", socket], in: dir)
        let entries = try ControlCoding.decoder().decode([OutboxEntry].self, from: Data(list.stdout.utf8))
        let id = try #require(entries.first?.id)

        let show = try await RunningProcess.run(Binaries.kioskctl, ["queue", "show", id, "--fhir", "--socket", socket], in: dir)
        #expect(show.status == 0, "\(show.stderr)")
        let parsed = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any]
        let bundle = try #require(parsed, "not a JSON object: \(show.stdout)")
        #expect(bundle["resourceType"] as? String == "Bundle")
        #expect(bundle["type"] as? String == "transaction")
        let bundleEntries = bundle["entry"] as? [[String: Any]] ?? []
        #expect(bundleEntries.count == 1, "the bundle of this one record")
        let request = bundleEntries.first?["request"] as? [String: Any]
        #expect(request?["method"] as? String == "POST")
        #expect((request?["ifNoneExist"] as? String)?.hasSuffix(id) == true, "conditional create keyed by the outbox id: \(request ?? [:])")
        let resource = bundleEntries.first?["resource"] as? [String: Any]
        #expect(resource?["resourceType"] as? String == "AuditEvent")

        let missing = try await RunningProcess.run(Binaries.kioskctl, ["queue", "show", "0192f0a0-0000-7000-8000-00000000dead", "--fhir", "--socket", socket], in: dir)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no outbox record with id"))
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(5)) == 0)
    }
}
