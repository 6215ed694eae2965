import Foundation
import Store
import Sync
#if canImport(Glibc)
import Glibc
#endif

/// Outbox and sync figures (issue targets: ≥ 5,000 durable enqueues/s, ≥ 2,000 records/s
/// drained, a 100,000-record backlog drained in < 60 s, RSS < 40 MB), against the loopback
/// `fhir-test-upstream` (next to this executable, or in `$KIOSK_BIN_DIR`) and a real SQLite file.
enum SyncBenchmark {
    static func run() async throws {
        let bin = ProcessInfo.processInfo.environment["KIOSK_BIN_DIR"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let server = bin.appendingPathComponent("fhir-test-upstream")
        guard FileManager.default.isExecutableFile(atPath: server.path) else {
            throw BenchError("\(server.path) is missing: build it with `swift build -c release --product fhir-test-upstream`")
        }
        let upstream = try UpstreamProcess(executable: server)
        defer { upstream.stop() }
        let root = "/tmp/hk-sync-bench-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let transport = try HTTPUpstream(configuration: UpstreamConfiguration(baseURL: "http://127.0.0.1:\(upstream.port)/fhir"))

        do {
            try await enqueueRate(root: root + "/enqueue")
            for (batch, count) in [(1, 1_000), (50, 5_000), (100, 5_000), (500, 5_000)] {
                let (seconds, _) = try await drain(root: root + "/drain-\(batch)", count: count, batch: batch, transport: transport)
                print(String(format: "drain, batch %3d: %6d records in %6.2f s = %7.0f records/s", batch, count, seconds, Double(count) / seconds))
            }
            print("RSS before the backlogs: \(ProcessMemory.of().text)")
            let (seconds, peak) = try await drain(root: root + "/backlog-10k", count: 10_000, batch: 100, transport: transport)
            print(String(format: "backlog of 10,000 (batch 100): drained in %.2f s; peak RSS ", seconds) + peak.text)
            if seconds < 15 {
                let (seconds, peak) = try await drain(root: root + "/backlog-100k", count: 100_000, batch: 100, transport: transport)
                print(String(format: "backlog of 100,000 (batch 100): drained in %.2f s; peak RSS ", seconds) + peak.text)
            }
        } catch {
            try? await transport.shutdown()
            throw error
        }
        try await transport.shutdown()
    }

    /// Durable enqueues, one transaction each (fsync per commit), then 100 per transaction.
    static func enqueueRate(root: String) async throws {
        let database = try KioskDatabase(stateDirectory: root)
        defer { try? database.close() }
        let singles = 2_000
        let started = ContinuousClock.now
        for index in 0..<singles {
            try await database.outbox.enqueue(.syncProbe, subject: ResidentKey("bench-\(index % 50)"), payload: SyncProbe(sequence: index))
        }
        let single = seconds(since: started)
        print(String(format: "enqueue, 1 per transaction: %d in %.2f s = %.0f/s", singles, single, Double(singles) / single))
        let batched = 20_000
        let batchStart = ContinuousClock.now
        try await fill(database, count: batched)
        let batch = seconds(since: batchStart)
        print(String(format: "enqueue, 1,000 per transaction: %d in %.2f s = %.0f/s", batched, batch, Double(batched) / batch))
    }

    /// Time to drain `count` probe records at `batch`, and the peak RSS meanwhile.
    static func drain(root: String, count: Int, batch: Int, transport: HTTPUpstream) async throws -> (Double, ProcessMemory) {
        let database = try KioskDatabase(stateDirectory: root)
        defer { try? database.close() }
        try await fill(database, count: count)
        var configuration = SyncEngine.Configuration()
        configuration.batchSize = batch
        let engine = SyncEngine(database: database, transport: transport,
                                mapper: FHIRMapper(options: FHIRMappingOptions(stationID: "bench", kioskID: "bench")),
                                configuration: configuration)
        let sampler = RSSSampler()
        let sampling = Task { await sampler.sample() }
        let started = ContinuousClock.now
        var claimed = 0
        while claimed < count {
            let round = await engine.drainDue()
            if round == 0 { throw BenchError("drain stalled at \(claimed) of \(count): \(await engine.status().lastError ?? "")") }
            claimed += round
        }
        let elapsed = seconds(since: started)
        sampling.cancel()
        let acked = try await database.outbox.stats().counts[.acked] ?? 0
        guard acked == count else { throw BenchError("only \(acked) of \(count) acked") }
        return (elapsed, await sampler.peak)
    }

    static func fill(_ database: KioskDatabase, count: Int) async throws {
        var start = 0
        while start < count {
            let end = min(start + 1_000, count)
            let range = start..<end
            try await database.write { tx in
                for index in range {
                    try tx.enqueue(.syncProbe, subject: ResidentKey("bench-\(index % 50)"), payload: SyncProbe(sequence: index))
                }
            }
            start = end
        }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

/// A loopback test server (fhir-test-upstream, bhxh-test-portal), started for the benchmark.
final class UpstreamProcess {
    let process = Process()
    /// The server's standard input: when this process ends, it closes and the server exits.
    let lifeline = Pipe()
    let port: Int

    init(executable: URL, arguments: [String] = []) throws {
        process.executableURL = executable
        process.arguments = ["--exit-with-stdin"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = lifeline
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        guard let port = String(decoding: line, as: UTF8.self).split(separator: ":").last
            .flatMap({ Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) else {
            process.terminate()
            throw BenchError("\(executable.lastPathComponent) did not print its port")
        }
        self.port = port
    }

    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
