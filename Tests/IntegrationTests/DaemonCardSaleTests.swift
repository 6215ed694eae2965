import Foundation
import KioskCore
import Store
import Testing

/// A card sale through the real kioskd, its USB service (libusb) and the local API, with an
/// Ingenico terminal simulated by umockdev (`scripts/usb-sim/usb_sim.py`) that approves sales.
/// Skipped without umockdev and python3-gi, unless `KIOSK_REQUIRE_UMOCKDEV=1`.
@Suite(.serialized, .timeLimit(.minutes(3)),
       .enabled(if: UMockdev.missing == nil || ProcessInfo.processInfo.environment["KIOSK_REQUIRE_UMOCKDEV"] == "1",
                "umockdev with python3-gi is not available (set KIOSK_REQUIRE_UMOCKDEV=1 to fail instead)"))
struct DaemonCardSaleTests {
    static let simulator = Binaries.repositoryRoot.appendingPathComponent("scripts/usb-sim/usb_sim.py")
    static let login = DaemonLocalAPITests.login

    @Test func cardSaleAndVoidThroughKioskdWithASimulatedTerminal() async throws {
        if let missing = UMockdev.missing { throw FixtureFailure("KIOSK_REQUIRE_UMOCKDEV=1 but \(missing)") }
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let port = try LoopbackHTTP.freePort()
        let config = dir.path("kioskd.toml")
        try LoopbackHTTP.exampleConfig(localAPIPort: port)
            .replacingOccurrences(of: "terminal_protocol = \"none\"", with: "terminal_protocol = \"concert-e\"")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let database = try KioskDatabase(stateDirectory: dir.path("state"))
        let visit = try await database.records.openVisit(NewVisit(stationID: "01820", residentKey: ResidentKey("resident-1"), service: "kham-benh"))
        try database.close()
        let scenario: [String: Any] = ["interactive": true, "timeout_s": 150, "transcript": dir.path("transcript.json"),
                                       "devices": [["kind": "terminal", "name": "terminal", "outcome": "approved"]]]
        try JSONSerialization.data(withJSONObject: scenario).write(to: URL(fileURLWithPath: dir.path("scenario.json")))
        let socket = dir.path("control.sock")
        let daemon = try RunningProcess(URL(fileURLWithPath: UMockdev.wrapper),
                                        ["/usr/bin/python3", Self.simulator.path, dir.path("scenario.json"), "--",
                                         Binaries.kioskd.path, "--config", config, "--state-dir", dir.path("state"), "--socket", socket], in: dir)
        defer { daemon.stop() }
        #expect(await LoopbackHTTP.send("GET", port: port, "/api/health").status == 200, "no local API; stderr: \(daemon.stderr)")

        // Until the USB service has claimed the terminal the sale is refused up front; then it goes through.
        let body = "{\"visit_id\": \"\(visit.id.rawValue)\", \"method\": \"card\", \"fee\": \"kham-benh\", \"attempt_key\": \"card-1\"}"
        var sale = await LoopbackHTTP.send("POST", port: port, "/api/payments", body: body, headers: Self.login)
        let deadline = ContinuousClock.now + .seconds(60)
        while sale.status == 409, sale.body.contains("terminalNotReady"), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
            sale = await LoopbackHTTP.send("POST", port: port, "/api/payments", body: body, headers: Self.login)
        }
        #expect(sale.status == 201, "\(sale.body); stderr: \(daemon.stderr.suffix(2000))")
        let payment = LoopbackHTTP.json(sale.body)?["payment"] as? [String: Any]
        #expect(payment?["status"] as? String == "paid" && payment?["amount_vnd"] as? Int == 30_000)
        #expect(payment?["terminal_reference"] as? String == payment?["bill_number"] as? String)
        let id = try #require(payment?["id"] as? String)

        let void = await LoopbackHTTP.send("POST", port: port, "/api/payments/\(id)/void", headers: Self.login)
        #expect(void.status == 200 && void.body.contains("\"status\":\"voided\""), "\(void.body)")
        let report = LoopbackHTTP.json(await LoopbackHTTP.send("GET", port: port, "/api/payments/report", headers: Self.login).body)
        let terminal = report?["terminal"] as? [String: Any]
        #expect(terminal?["reversed_count"] as? Int == 1 && terminal?["reversed_vnd"] as? Int == 30_000, "\(String(describing: report))")
        let list = LoopbackHTTP.json(await LoopbackHTTP.send("GET", port: port, "/api/payments", headers: Self.login).body)
        #expect((list?["payments"] as? [[String: Any]])?.count == 1, "the refused attempts recorded nothing")

        let pid = try #require(try ControlSocketClient(path: socket, timeoutSeconds: 5).send(ControlRequest(command: "status")).status?.pid)
        kill(pid, SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(20)) == 0, "stderr: \(daemon.stderr.suffix(2000))")
    }
}

/// Whether umockdev and its Python binding are installed.
enum UMockdev {
    static let wrapper = "/usr/bin/umockdev-wrapper"

    /// Nil when umockdev and its Python binding are there; otherwise what is missing.
    static let missing: String? = {
        guard FileManager.default.isExecutableFile(atPath: wrapper) else { return "\(wrapper) is missing (Debian package umockdev)" }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        probe.arguments = ["-c", "import gi; gi.require_version('UMockdev', '1.0'); from gi.repository import UMockdev"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return "python3 cannot start" }
        probe.waitUntilExit()
        return probe.terminationStatus == 0 ? nil : "python3 cannot load UMockdev (python3-gi, gir1.2-umockdev-1.0)"
    }()
}
