import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif
import KioskCore
import Store
import Testing

/// Power-cut safety of the outbox: the real kioskd, fed by `kioskctl sync probe` and delivering
/// to the real loopback FHIR test server, is killed with SIGKILL at a random moment of each cycle
/// (while records are written, sent or acknowledged) and started again. At the end, once the
/// queue has drained, every record in the database is acked and on the server exactly once, and
/// the file passes `PRAGMA integrity_check`.
///
/// `KIOSK_CRASH_CYCLES` sets the number of cycles (default 50; `make crash-test` runs 200),
/// `KIOSK_CRASH_SEED` the random seed (default: from the clock, printed on failure).
@Suite(.serialized) struct CrashTests {
    @Test func sigkillAtRandomMomentsLosesAndDoublesNothing() async throws {
        let environment = ProcessInfo.processInfo.environment
        let cycles = environment["KIOSK_CRASH_CYCLES"].flatMap(Int.init) ?? 50
        let seed = environment["KIOSK_CRASH_SEED"].flatMap(UInt64.init) ?? UInt64(Date().timeIntervalSince1970 * 1000)
        srand48(Int(truncatingIfNeeded: seed))
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let fixture = try await SyncFixture(in: dir) { $0.replacingOccurrences(of: "batch_size = 100", with: "batch_size = 7") }
        defer { fixture.upstream.stop() }
        let (port, socket, state, daemonArguments) = (fixture.port, fixture.socket, fixture.state, fixture.daemonArguments)

        var killedWhileProbing = 0
        for cycle in 0..<cycles {
            let daemon = try RunningProcess(Binaries.kioskd, daemonArguments, in: dir)
            defer { daemon.stop() }
            guard try await DaemonWaits.answers(socket) else {
                Issue.record("cycle \(cycle) (seed \(seed)): kioskd did not answer: \(daemon.stderr.suffix(2000))")
                return
            }
            let count = 1 + Int(drand48() * 40)
            let probe = try RunningProcess(Binaries.kioskctl, ["sync", "probe", "--count", "\(count)", "--socket", socket], in: dir)
            defer { probe.stop() }
            try await Task.sleep(for: .milliseconds(Int(drand48() * 120)))
            if probe.process.isRunning { killedWhileProbing += 1 }
            daemon.signal(SIGKILL)
            _ = await daemon.waitForExit(timeout: .seconds(10))
            _ = await probe.waitForExit(timeout: .seconds(10))
        }

        // A last start delivers what is left; then the daemon stops cleanly.
        let daemon = try RunningProcess(Binaries.kioskd, daemonArguments, in: dir)
        defer { daemon.stop() }
        #expect(try await DaemonWaits.answers(socket), "kioskd did not answer after the cycles: \(daemon.stderr.suffix(2000))")
        var counts: [String: Int] = [:]
        for _ in 0..<600 {
            counts = DaemonWaits.queueCounts(socket) ?? [:]
            if counts["acked", default: 0] > 0 && counts["pending", default: 0] == 0 && counts["sending", default: 0] == 0 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0)

        let database = try KioskDatabase(stateDirectory: state)
        defer { try? database.close() }
        let records = try await database.outbox.list(limit: 1_000_000)
        let local = Set(records.map { $0.id.description })
        let (data, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/_outbox-ids")!)
        let remote = Set(try JSONDecoder().decode([String].self, from: data))
        let (statsData, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/_stats")!)
        let stats = try JSONSerialization.jsonObject(with: statsData) as? [String: Any] ?? [:]
        let context = "seed \(seed), \(cycles) cycles, \(killedWhileProbing) killed while probing, counts \(counts)"

        #expect(!records.isEmpty, "\(context)")
        #expect(records.allSatisfy { $0.state == .acked }, "no record stuck: \(context)")
        let missing = local.subtracting(remote).count, extra = remote.subtracting(local).count
        #expect(local == remote, "on the server exactly what the database holds: \(missing) missing upstream, \(extra) upstream only; \(context)")
        #expect(stats["created"] as? Int == local.count, "each record created once upstream: \(stats); \(context)")
        #expect(try await database.integrityCheck() == ["ok"])
        print("crash test: \(local.count) records, \(stats["duplicates"] ?? 0) resent and deduplicated upstream; \(context)")
    }
}
