import Foundation
import KioskCore
import Testing

/// kioskd with `[upstream] spki_pins` against the test upstream over TLS: with the server's key
/// pinned the probe records are delivered; with another pin they stay pending and `kioskctl
/// queue` and `kioskctl metrics` say why.
@Suite(.serialized) struct DaemonPinningTests {
    /// Runs `script` with /bin/sh in `dir`; its standard output.
    static func shell(_ script: String, in dir: TemporaryDirectory) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = dir.url
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw FixtureFailure("sh -c \(script) failed") }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(arguments: [true, false])
    func thePinDecidesWhetherRecordsAreDelivered(pinServerKey: Bool) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // A self-signed server certificate for 127.0.0.1, trusted through ca_file; its key's pin by openssl.
        _ = try Self.shell("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout server.key -out server.pem "
                           + "-days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1", in: dir)
        let serverPin = "sha256/" + (try Self.shell("openssl x509 -in server.pem -pubkey -noout | openssl pkey -pubin -outform der "
                                                    + "| openssl dgst -sha256 -binary | base64", in: dir))
        let pin = pinServerKey ? serverPin : "sha256/" + Data(repeating: 0xAB, count: 32).base64EncodedString()
        let fixture = try await SyncFixture(in: dir, upstreamArguments: ["--tls-cert", dir.path("server.pem"), "--tls-key", dir.path("server.key")]) {
            $0.replacingOccurrences(of: "http://127.0.0.1:", with: "https://127.0.0.1:")
                .replacingOccurrences(of: "# ca_file = \"/etc/health-kiosk/upstream-ca.pem\"", with: "ca_file = \"\(dir.path("server.pem"))\"")
                .replacingOccurrences(of: "# spki_pins = [\"sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"]", with: "spki_pins = [\"\(pin)\"]")
        }
        defer { fixture.upstream.stop() }
        // Precondition: the example config still has the commented pin line this test fills in.
        try #require(try String(contentsOfFile: fixture.config, encoding: .utf8).contains("spki_pins = [\"\(pin)\"]"))
        let socket = fixture.socket
        let daemon = try RunningProcess(Binaries.kioskd, fixture.daemonArguments, in: dir)
        defer { daemon.stop() }
        #expect(try await DaemonWaits.answers(socket), "kioskd did not answer: \(daemon.stderr)")
        _ = try await RunningProcess.run(Binaries.kioskctl, ["sync", "probe", "--count", "3", "--socket", socket], in: dir)

        var report: QueueReport?
        for _ in 0..<300 {
            let queue = try await RunningProcess.run(Binaries.kioskctl, ["queue", "--json", "--socket", socket], in: dir)
            report = try? ControlCoding.decoder().decode(QueueReport.self, from: Data(queue.stdout.utf8))
            if pinServerKey ? report?.counts["acked"] == 3 : report?.lastError != nil { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let metrics = PrometheusSamples(try await RunningProcess.run(Binaries.kioskctl, ["metrics", "--socket", socket], in: dir).stdout)
        if pinServerKey {
            #expect(report?.counts["acked"] == 3, "\(String(describing: report)); kioskd: \(daemon.stderr)")
            #expect(metrics["kiosk_sync_requests_total{result=\"pin_mismatch\"}"] == 0)
        } else {
            let error = report?.lastError ?? ""
            #expect(error.hasPrefix("sync.pinMismatch: ") && error.contains(serverPin), "\(error); kioskd: \(daemon.stderr)")
            #expect(report?.counts["pending"] == 3 && report?.counts["acked"] == 0 && report?.counts["dead"] == 0, "\(String(describing: report))")
            #expect((metrics["kiosk_sync_requests_total{result=\"pin_mismatch\"}"] ?? 0) >= 1)
            #expect(metrics["kiosk_sync_requests_total{result=\"ok\"}"] == 0)
        }
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0)
    }
}
