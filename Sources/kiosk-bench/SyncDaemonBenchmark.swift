import Foundation
import KioskCore
import Store
#if canImport(Glibc)
import Glibc
#endif

/// The release kioskd draining a 100,000-record backlog to the loopback `fhir-test-upstream`,
/// as on a kiosk back from a long outage: the time it takes and kioskd's own RSS meanwhile
/// (issue target < 40 MB). kioskd, fhir-test-upstream and this tool sit in one build folder.
enum SyncDaemonBenchmark {
    static let backlog = 100_000

    static func run() async throws {
        let bin = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for name in ["kioskd", "fhir-test-upstream"] where !FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent(name).path) {
            throw BenchError("\(name) is missing next to kiosk-bench: build it with `swift build -c release --product \(name)`")
        }
        let upstream = try UpstreamProcess(executable: bin.appendingPathComponent("fhir-test-upstream"))
        defer { upstream.stop() }
        let dir = "/tmp/hk-sync-daemon-bench-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let database = try KioskDatabase(stateDirectory: dir + "/state")
        try await SyncBenchmark.fill(database, count: backlog)
        try database.close()
        let config = try String(contentsOf: repo.appendingPathComponent("config/kioskd.example.toml"), encoding: .utf8)
            .replacingOccurrences(of: "https://fhir.example.invalid/fhir", with: "http://127.0.0.1:\(upstream.port)/fhir")
        try config.write(toFile: dir + "/kioskd.toml", atomically: true, encoding: .utf8)

        let daemon = Process()
        daemon.executableURL = bin.appendingPathComponent("kioskd")
        daemon.arguments = ["--config", dir + "/kioskd.toml", "--state-dir", dir + "/state", "--socket", dir + "/control.sock"]
        daemon.standardError = FileHandle.nullDevice
        let started = ContinuousClock.now
        try daemon.run()
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        let sampler = RSSSampler(pid: "\(daemon.processIdentifier)")
        let sampling = Task { await sampler.sample() }
        var acked = 0
        while acked < backlog {
            guard ContinuousClock.now - started < .seconds(300), daemon.isRunning else {
                throw BenchError("kioskd acknowledged \(acked) of \(backlog) records in 300 s")
            }
            try await Task.sleep(for: .milliseconds(200))
            let answer = try? ControlSocketClient(path: dir + "/control.sock", timeoutSeconds: 5).send(ControlRequest(command: "queue"))
            acked = answer?.queue?.counts["acked"] ?? 0
        }
        let seconds = SyncBenchmark.seconds(since: started)
        let idle = ProcessMemory.of("\(daemon.processIdentifier)")
        sampling.cancel()
        let peak = await sampler.peak
        daemon.interrupt()
        daemon.waitUntilExit()
        print(String(format: "kioskd draining a backlog of %d (batch 100): %.2f s from exec = %.0f records/s", backlog, seconds,
                     Double(backlog) / seconds))
        print("kioskd RSS while draining: peak \(peak.text); after draining \(idle.text)")
    }
}
