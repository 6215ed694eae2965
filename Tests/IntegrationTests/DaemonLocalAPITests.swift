import Foundation
import KioskCore
import Store
import Testing

/// The real kioskd with `[payments]` and `[local_api]`: its HTTP API answers health, a staff
/// member's payment list and start, and the station server's transfer callback; it stops with
/// the daemon.
@Suite(.serialized, .timeLimit(.minutes(2))) struct DaemonLocalAPITests {
    static let secret = "0123456789abcdef0123456789abcdef"
    /// The example config's staff login (its comment gives the password).
    static let login = ["Authorization": "Basic " + Data("thungan:doi-mat-khau-nay".utf8).base64EncodedString()]

    @Test func healthStaffPaymentsAndCallbackThroughKioskd() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let port = try LoopbackHTTP.freePort()
        let secretFile = dir.path("callback.secret")
        try Data((Self.secret + "\n").utf8).write(to: URL(fileURLWithPath: secretFile))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secretFile)
        let config = dir.path("kioskd.toml")
        try LoopbackHTTP.exampleConfig(localAPIPort: port)
            .replacingOccurrences(of: "confirmation = \"manual\"", with: "confirmation = \"callback\"\ncallback_secret_file = \"\(secretFile)\"")
            .replacingOccurrences(of: "terminal_protocol = \"none\"", with: "terminal_protocol = \"concert-e\"")
            .write(toFile: config, atomically: true, encoding: .utf8)
        // A visit to take the co-payment of, in the database the daemon will open.
        let database = try KioskDatabase(stateDirectory: dir.path("state"))
        let visit = try await database.records.openVisit(NewVisit(stationID: "01820", residentKey: ResidentKey("resident-1"), service: "kham-benh"))
        try database.close()

        let daemon = try RunningProcess(Binaries.kioskd, ["--config", config, "--state-dir", dir.path("state"), "--socket", dir.path("control.sock")], in: dir)
        defer { daemon.stop() }
        // The first request waits (up to 30 s) for the API to listen.
        let health = await LoopbackHTTP.send("GET", port: port, "/api/health")
        #expect(health.status == 200, "no answer from the local API; stderr: \(daemon.stderr)")
        let services = (LoopbackHTTP.json(health.body)?["services"] as? [[String: Any]]) ?? []
        #expect(services.contains { $0["name"] as? String == "local_api" && $0["state"] as? String == "running" }, "\(health.body)")
        #expect(services.contains { $0["name"] as? String == "store" })

        let refused = await LoopbackHTTP.send("GET", port: port, "/api/payments")
        #expect(refused.status == 401)
        let empty = await LoopbackHTTP.send("GET", port: port, "/api/payments", headers: Self.login)
        #expect(empty.status == 200 && empty.body == "{\"payments\":[]}", "\(empty.body)")

        // A card terminal is configured but none is plugged in: refused, nothing recorded.
        let card = await LoopbackHTTP.send("POST", port: port, "/api/payments",
                                           body: "{\"visit_id\": \"\(visit.id.rawValue)\", \"method\": \"card\", \"fee\": \"kham-benh\", \"attempt_key\": \"c1\"}", headers: Self.login)
        #expect(card.status == 409 && card.body.contains("payments.desk.terminalNotReady"), "\(card.body)")

        let started = await LoopbackHTTP.send("POST", port: port, "/api/payments",
                                              body: "{\"visit_id\": \"\(visit.id.rawValue)\", \"method\": \"vietqr\", \"fee\": \"kham-benh\", \"attempt_key\": \"k1\"}", headers: Self.login)
        #expect(started.status == 201, "\(started.body)")
        let payment = LoopbackHTTP.json(started.body)?["payment"] as? [String: Any]
        #expect(payment?["amount_vnd"] as? Int == 30_000 && payment?["status"] as? String == "presented", "the example's fee table")
        let bill = try #require(payment?["bill_number"] as? String)

        let transfer = "{\"transfers\": [{\"bill_number\": \"\(bill)\", \"amount_vnd\": 30000, \"bank_reference\": \"FT26333999\"}]}"
        let callback = await LoopbackHTTP.send("POST", port: port, "/api/payments/transfers", body: transfer,
                                               headers: ["Authorization": "Bearer \(Self.secret)"])
        #expect(callback.status == 200 && callback.body.contains("\"outcome\":\"matched\""), "\(callback.body)")
        let list = await LoopbackHTTP.send("GET", port: port, "/api/payments", headers: Self.login)
        #expect(((LoopbackHTTP.json(list.body)?["payments"] as? [[String: Any]])?.map { $0["status"] as? String }) == ["paid"])

        // The control socket sees the same payment.
        let control = try ControlSocketClient(path: dir.path("control.sock"), timeoutSeconds: 5)
            .send(ControlRequest(command: "payments.list", payment: PaymentControlRequest()))
        #expect(control.payments?.payments?.map(\.status) == ["paid"])

        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0, "stderr: \(daemon.stderr)")
        #expect(!LoopbackHTTP.isListening(port), "the API stops with the daemon")
    }
}
