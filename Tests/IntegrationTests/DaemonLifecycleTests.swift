import Foundation
import KioskCore
import Testing

/// The real kioskd binary under a fake systemd: a notify socket, the watchdog variables,
/// SIGHUP and SIGTERM, and kioskctl asking it for its status over the control socket.
@Suite(.serialized) struct DaemonLifecycleTests {
    /// Starts kioskd on a copy of the example config in `dir`, with notify socket and watchdog.
    func startDaemon(in dir: TemporaryDirectory, watchdogMicroseconds: Int = 200_000) throws -> (RunningProcess, NotifySocketListener, String) {
        let config = dir.path("kioskd.toml")
        try LoopbackHTTP.exampleConfig(localAPIPort: try LoopbackHTTP.freePort()).write(toFile: config, atomically: true, encoding: .utf8)
        let listener = try NotifySocketListener(path: dir.path("notify.sock"))
        let daemon = try RunningProcess(Binaries.kioskd, ["--config", config, "--state-dir", dir.path("state"), "--socket", dir.path("control.sock")],
                                        environment: ["NOTIFY_SOCKET": listener.path, "WATCHDOG_USEC": String(watchdogMicroseconds)], in: dir)
        return (daemon, listener, config)
    }

    func status(socket: String, in dir: TemporaryDirectory) async throws -> DaemonStatusReport {
        let result = try await RunningProcess.run(Binaries.kioskctl, ["status", "--json", "--socket", socket], in: dir)
        #expect(result.status == 0, "kioskctl status failed: \(result.stderr)")
        return try ControlCoding.decoder().decode(DaemonStatusReport.self, from: Data(result.stdout.utf8))
    }

    @Test func readyWatchdogStatusAndCleanStop() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (daemon, listener, _) = try startDaemon(in: dir)
        defer { daemon.stop() }

        let ready = await listener.waitFor("READY=1")
        #expect(ready != nil, "no READY=1; stderr: \(daemon.stderr)")
        #expect(ready?.contains("STATUS=Running: station 01820, kiosk kiosk-01") == true)

        // WATCHDOG_USEC=200 ms → a ping every 100 ms: several arrive within a second.
        try await Task.sleep(for: .milliseconds(600))
        let pings = listener.messages.filter { $0 == "WATCHDOG=1" }.count
        #expect(pings >= 3, "watchdog pings: \(pings)")

        // The local API starts last, after readiness: wait for it to listen.
        for _ in 0..<500 {
            let services = try? ControlSocketClient(path: dir.path("control.sock"), timeoutSeconds: 2).send(ControlRequest(command: "status")).status?.services
            if services?.contains(where: { $0.name == "local_api" && $0.state != "starting" }) == true { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        let report = try await status(socket: dir.path("control.sock"), in: dir)
        #expect(report.version == KioskVersion.current)
        #expect(report.pid == daemon.pid)
        #expect(report.facilityCode == "01820")
        #expect(report.uptimeSeconds > 0.3)
        #expect(Dictionary(uniqueKeysWithValues: report.services.map { ($0.name, $0.state) })
                == ["config": "running", "control": "running", "local_api": "running", "retention": "running", "store": "running",
                    "sync": "running", "usb": "running", "watchdog": "running"])

        // The database is opened first, private to the service user, and its queue is reachable.
        #expect(report.services.contains { $0.name == "store" && $0.state == "running" })
        let mode = try FileManager.default.attributesOfItem(atPath: dir.path("state/kiosk.sqlite"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let queue = try await RunningProcess.run(Binaries.kioskctl, ["queue", "--json", "--socket", dir.path("control.sock")], in: dir)
        #expect(queue.status == 0, "\(queue.stderr)")
        let counts = try ControlCoding.decoder().decode(QueueReport.self, from: Data(queue.stdout.utf8)).counts
        #expect(counts == ["pending": 0, "sending": 0, "acked": 0, "dead": 0])

        let text = try await RunningProcess.run(Binaries.kioskctl, ["status", "--socket", dir.path("control.sock")], in: dir)
        #expect(text.stdout.contains("kioskd \(KioskVersion.current) (pid \(daemon.pid))"))
        #expect(text.stdout.contains("watchdog"))

        let beforeStop = ContinuousClock.now
        daemon.signal(SIGTERM)
        let exit = await daemon.waitForExit(timeout: .seconds(10))
        #expect(exit == 0, "exit status \(String(describing: exit)) after \(ContinuousClock.now - beforeStop); stderr: \(daemon.stderr)")
        #expect(await listener.waitFor("STOPPING=1", timeout: .seconds(1)) != nil)
        #expect(!FileManager.default.fileExists(atPath: dir.path("control.sock")), "the socket is removed on exit")
    }

    @Test func reloadAppliesAGoodConfigAndKeepsTheOldOneOnABadOne() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (daemon, listener, config) = try startDaemon(in: dir, watchdogMicroseconds: 0)
        defer { daemon.stop() }
        #expect(await listener.waitFor("READY=1") != nil)
        let socket = dir.path("control.sock")

        // A valid change is applied.
        let original = try String(contentsOfFile: config, encoding: .utf8)
        try original.replacingOccurrences(of: "kiosk_id = \"kiosk-01\"", with: "kiosk_id = \"kiosk-02\"")
            .write(toFile: config, atomically: true, encoding: .utf8)
        var seen = listener.messages.count
        daemon.signal(SIGHUP)
        #expect(await listener.waitFor("RELOADING=1", after: seen) != nil)
        #expect(await listener.waitFor("READY=1", after: seen) != nil)
        var report = try await status(socket: socket, in: dir)
        #expect(report.kioskID == "kiosk-02")
        #expect(report.configReloads == 1)
        #expect(report.lastReloadError == nil)

        // A broken file is rejected; the running config stays and the problems are logged.
        try original.replacingOccurrences(of: "kiosk_id = \"kiosk-01\"", with: "kiosk_id = \"kiosk-03\"\nprinter_width = 80")
            .replacingOccurrences(of: "bank_bin = \"970436\"", with: "bank_bin = 970436")
            .write(toFile: config, atomically: true, encoding: .utf8)
        seen = listener.messages.count
        daemon.signal(SIGHUP)
        #expect(await listener.waitFor("READY=1", after: seen) != nil)
        report = try await status(socket: socket, in: dir)
        #expect(report.kioskID == "kiosk-02")
        #expect(report.configReloads == 1)
        #expect(report.lastReloadError?.contains("2 problem(s)") == true)
        #expect(daemon.stderr.contains("station.printer_width: unknown key"))
        #expect(daemon.stderr.contains("payments.bank_bin: is an integer"))

        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0)
    }

    @Test func checkConfigExitsWithExConfig() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let good = try await RunningProcess.run(Binaries.kioskd, ["--check-config", "--config", Binaries.exampleConfig.path], in: dir)
        #expect(good.status == 0)
        #expect(good.stdout.contains(": OK"))

        try "[station]\nfacility_code = \"01820\"\n".write(toFile: dir.path("bad.toml"), atomically: true, encoding: .utf8)
        let bad = try await RunningProcess.run(Binaries.kioskd, ["--check-config", "--config", dir.path("bad.toml")], in: dir)
        #expect(bad.status == 78)
        #expect(bad.stderr.contains("bad.toml:1: station.name: missing required key"))
        #expect(bad.stderr.contains("bad.toml: upstream: missing required table") || bad.stderr.contains("upstream: missing required table"))

        // Starting (not just checking) with a broken config also exits 78, so systemd does not loop.
        let start = try await RunningProcess.run(Binaries.kioskd, ["--config", dir.path("bad.toml")], in: dir)
        #expect(start.status == 78)
    }

    @Test func kioskctlExplainsAnAbsentDaemon() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let missing = try await RunningProcess.run(Binaries.kioskctl, ["status", "--socket", dir.path("none.sock")], in: dir)
        #expect(missing.status == 69)
        #expect(missing.stderr == "kioskctl: kioskd is not running (no control socket at \(dir.path("none.sock")))\n")

        // A socket file nobody listens on (left by a crash).
        let stale = dir.path("stale.sock")
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(stale.utf8)) }
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        close(fd)
        let refused = try await RunningProcess.run(Binaries.kioskctl, ["status", "--socket", stale], in: dir)
        #expect(refused.status == 69)
        #expect(refused.stderr.contains("nobody answers"))
    }

    @Test func aSecondDaemonRefusesTheSameSocketAndAStaleOneIsReplaced() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (first, listener, config) = try startDaemon(in: dir, watchdogMicroseconds: 0)
        defer { first.stop() }
        #expect(await listener.waitFor("READY=1") != nil)
        let second = try await RunningProcess.run(Binaries.kioskd, ["--config", config, "--socket", dir.path("control.sock")], in: dir)
        #expect(second.status != 0)
        #expect(second.stderr.contains("another kioskd already answers"))

        // After a crash the socket file stays behind; the next start replaces it.
        first.signal(SIGKILL)
        _ = await first.waitForExit(timeout: .seconds(10))
        #expect(FileManager.default.fileExists(atPath: dir.path("control.sock")))
        let restarted = try RunningProcess(Binaries.kioskd, ["--config", config, "--socket", dir.path("control.sock")], in: dir)
        defer { restarted.stop() }
        var answered = false
        for _ in 0..<200 where !answered {
            answered = (try? await RunningProcess.run(Binaries.kioskctl, ["status", "--socket", dir.path("control.sock")], in: dir).status) == 0
            if !answered { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(answered, "restarted daemon did not answer: \(restarted.stderr)")
    }
}
