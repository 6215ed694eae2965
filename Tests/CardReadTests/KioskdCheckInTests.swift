import Foundation
import KioskCore
import Testing
import VirtualCard

/// The check-in inside a running kioskd: `kioskctl checkin` over the control socket with the real
/// `virtual-cccd` in the reader, the shipped config pointed at the test trust store. Also checks
/// that the daemon's log never holds the resident's number or name.
extension LiveCardTests {
@Suite("kioskd check-in with virtual-cccd")
struct KioskdCheckInTests {
    let directory: URL
    let socket: String

    init() throws {
        try CardEnvironment.requireAvailable()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kioskd-checkin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        socket = directory.appendingPathComponent("control.sock").path
    }

    /// kioskd on the shipped config with the test CSCAs and this suite's reader.
    func startDaemon() throws -> (Process, Pipe) {
        let example = try String(contentsOf: CardEnvironment.repositoryRoot.appendingPathComponent("config/kioskd.example.toml"), encoding: .utf8)
        let config = example
            .replacingOccurrences(of: "csca_dir = \"/etc/health-kiosk/csca\"",
                                  with: "csca_dir = \"\(CardEnvironment.fixtures.appendingPathComponent("trust").path)\"")
            .replacingOccurrences(of: "name_patterns = [\"ACS ACR1252\", \"Identiv uTrust 3700 F\", \"HID Global OMNIKEY\"]",
                                  with: "name_patterns = [\"\(CardEnvironment.reader)\"]")
            // The local API off the default port (a port in use would only leave it retrying).
            .replacingOccurrences(of: "bind = \"127.0.0.1:8080\"", with: "bind = \"127.0.0.1:\(Int.random(in: 20_000...60_000))\"")
        let configFile = directory.appendingPathComponent("kioskd.toml")
        try config.write(to: configFile, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = CardEnvironment.binaries.appendingPathComponent("kioskd")
        process.arguments = ["--config", configFile.path, "--state-dir", directory.appendingPathComponent("state").path, "--socket", socket]
        let log = Pipe()
        process.standardError = log
        process.standardOutput = log
        try process.run()
        return (process, log)
    }

    func waitForDaemon() async throws {
        for _ in 0..<300 {
            if (try? ControlSocketClient(path: socket, timeoutSeconds: 2).send(ControlRequest(command: "status")))?.ok == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("kioskd did not answer on \(socket)")
    }

    @Test("kioskctl checkin: queue numbers 1 and 2, a tampered card refused with its code; the log names no resident")
    func checkInThroughTheDaemon() async throws {
        let profile = try CardEnvironment.profile()
        let (daemon, log) = try startDaemon()
        defer { KioskctlCardReadTests.stop(daemon) }
        try await waitForDaemon()
        let arguments = ["checkin", "--socket", socket, "--can", profile.effectiveCAN, "--reader", CardEnvironment.reader, "--json"]
        let (first, second) = try await KioskctlCardReadTests.withVirtualCard {
            (try KioskctlCardReadTests.run("kioskctl", arguments), try KioskctlCardReadTests.run("kioskctl", arguments))
        }
        #expect(first.status == 0, "stderr: \(first.stderr)")
        let answer = try #require(try JSONSerialization.jsonObject(with: first.stdout) as? [String: Any])
        #expect(answer["queueNumber"] as? Int == 1)
        #expect(answer["decision"] as? String == "accepted")
        #expect(answer["ticket"] as? String == "no-printer")
        #expect(answer["registeredFromCard"] as? Bool == true)
        let again = try #require(try JSONSerialization.jsonObject(with: second.stdout) as? [String: Any])
        #expect(again["queueNumber"] as? Int == 2)
        #expect(again["registeredFromCard"] as? Bool == false)

        let tampered = try await KioskctlCardReadTests.withVirtualCard(["--tamper", "dg13"]) {
            try KioskctlCardReadTests.run("kioskctl", arguments)
        }
        #expect(tampered.status != 0)
        #expect(tampered.stderr.contains("checkin.rejected"), "\(tampered.stderr)")
        #expect(tampered.stdout.isEmpty)

        KioskctlCardReadTests.stop(daemon)
        let text = String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(text.contains("check-in: visit opened"), "\(text)")
        for secret in [profile.idNumber, profile.fullName, profile.latinName] {
            #expect(!text.contains(secret), "the log holds personal data")
        }
    }
}
}
