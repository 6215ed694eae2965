import Foundation
import Store
import Testing
@testable import Sync

/// SPKI pinning (`[upstream] spki_pins`): the pinned transport checks, inside every TLS
/// handshake, that the server's verified chain holds a pinned key. Pins are computed here by the
/// openssl CLI, independently of the code under test.
@Suite(.serialized) struct PinningTests {
    /// `sha256/<base64>` of the SubjectPublicKeyInfo of the certificate in `pem`, by openssl.
    static func pin(of pem: String) throws -> SPKIPin {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "openssl x509 -in \"$1\" -pubkey -noout | openssl pkey -pubin -outform der "
                             + "| openssl dgst -sha256 -binary | base64", "pin", pem]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return try SPKIPin("sha256/" + text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func configuration(_ upstream: TestUpstream, ca: String, pins: [SPKIPin]) -> UpstreamConfiguration {
        var configuration = UpstreamConfiguration(baseURL: "https://127.0.0.1:\(upstream.port)/fhir")
        configuration.caFile = ca
        configuration.spkiPins = pins
        configuration.connectTimeout = .seconds(5)
        configuration.readTimeout = .seconds(5)
        return configuration
    }

    @Test func pinsAreParsedStrictly() throws {
        let pin = try SPKIPin("sha256/" + Data(repeating: 7, count: 32).base64EncodedString())
        #expect(pin.digest == Data(repeating: 7, count: 32))
        #expect(pin.description == "sha256/BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=")
        for bad in ["sha1/" + Data(count: 20).base64EncodedString(), "sha256/" + Data(count: 31).base64EncodedString(), "sha256/not base64!"] {
            let error = #expect(throws: SyncError.self) { try SPKIPin(bad) }
            #expect(error?.reason == .configuration)
        }
    }

    /// Pinning the server's own key or its CA's key (a root from the CA file) lets the request
    /// through, with mutual TLS on the same connection.
    @Test(arguments: ["server", "ca"])
    func aPinnedKeyInTheChainLetsTheRequestThrough(_ pinned: String) async throws {
        let certificates = try MutualTLSTests.ClientCertificates()
        defer { certificates.server.remove() }
        let upstream = try certificates.startUpstream()
        defer { upstream.stop() }
        let pin = try Self.pin(of: pinned == "server" ? certificates.server.server : certificates.server.ca)
        var configuration = Self.configuration(upstream, ca: certificates.server.ca,
                                               pins: [try Self.pin(of: certificates.server.otherCA), pin])
        configuration.clientCertificateFile = certificates.client
        configuration.clientKeyFile = certificates.clientKey
        let transport = try configuration.makeTransport()
        #expect(transport is PinnedUpstream)
        let response = try await transport.send(TLSTests.bundle)
        #expect(response.status == 200)
        let body = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        #expect(body?["type"] as? String == "transaction-response")
    }

    /// A trusted server whose chain holds no pinned key: the round fails with a pin-mismatch
    /// error that reaches the outbox's last error, and every record stays pending.
    @Test func aPinMismatchKeepsTheRecordsPendingAndSaysSo() async throws {
        let certificates = try TLSTests.Certificates()
        defer { certificates.remove() }
        let upstream = try TestUpstream(arguments: ["--tls-cert", certificates.server, "--tls-key", certificates.serverKey])
        defer { upstream.stop() }
        let store = try TestStore()
        defer { store.remove() }
        let produced = try await store.produce(12)
        let configuration = Self.configuration(upstream, ca: certificates.ca, pins: [try Self.pin(of: certificates.otherCA)])
        let transport = try configuration.makeTransport()
        var engineConfiguration = SyncEngine.Configuration()
        engineConfiguration.backoff = Backoff(base: .seconds(60), cap: .seconds(60), jitter: { $0 })
        let engine = SyncEngine(database: store.database, transport: transport,
                                mapper: FHIRMapper(options: FHIRMappingOptions(stationID: "TYT-PHUONG-1", kioskID: "kiosk-01")),
                                configuration: engineConfiguration)
        await engine.drainDue()

        let error = try #require(await engine.status().lastError)
        #expect(error.hasPrefix("sync.pinMismatch: ") && error.contains("matches none of the [upstream] spki_pins"), "\(error)")
        #expect(error.contains(try Self.pin(of: certificates.server).description), "names the key the server has: \(error)")
        let counts = try await store.counts()
        #expect(counts[.pending] == produced.count && counts[.acked] == 0 && counts[.dead] == 0, "\(counts)")
        #expect(try await store.database.outbox.stats().lastError?.hasPrefix("sync.pinMismatch") == true)
    }

    /// The pin is checked in addition to normal verification: a pinned server whose certificate
    /// the kiosk does not trust is still refused.
    @Test func aMatchingPinDoesNotReplaceVerification() async throws {
        let certificates = try TLSTests.Certificates()
        defer { certificates.remove() }
        let upstream = try TestUpstream(arguments: ["--tls-cert", certificates.server, "--tls-key", certificates.serverKey])
        defer { upstream.stop() }
        let configuration = Self.configuration(upstream, ca: certificates.otherCA, pins: [try Self.pin(of: certificates.server)])
        let error = await #expect(throws: SyncError.self) { try await configuration.makeTransport().send(TLSTests.bundle) }
        #expect(error?.reason == .transport)
        #expect(error?.detail.hasPrefix("TLS: the server's certificate is not trusted") == true, "\(String(describing: error))")
    }

    /// Server faults over the pinned transport: each answer or failure is reported as the
    /// engine expects, and the next request (a new connection) goes through.
    @Test(arguments: ["500", "reset", "delay=3000", "malformed"])
    func faultsAreReportedAndTheNextRequestSucceeds(_ fault: String) async throws {
        let certificates = try TLSTests.Certificates()
        defer { certificates.remove() }
        let upstream = try TestUpstream(faults: [fault], arguments: ["--tls-cert", certificates.server, "--tls-key", certificates.serverKey])
        defer { upstream.stop() }
        var configuration = Self.configuration(upstream, ca: certificates.ca, pins: [try Self.pin(of: certificates.server)])
        configuration.readTimeout = .milliseconds(700)
        let transport = try configuration.makeTransport()
        switch fault {
        case "500":
            #expect(try await transport.send(TLSTests.bundle).status == 500)
        case "malformed":
            let response = try await transport.send(TLSTests.bundle)
            #expect(response.status == 200 && (try? JSONSerialization.jsonObject(with: response.body)) == nil)
        default:
            let error = await #expect(throws: SyncError.self) { try await transport.send(TLSTests.bundle) }
            #expect(error?.reason == .transport, "\(String(describing: error))")
            if fault.hasPrefix("delay") { #expect(error?.detail.contains("read timeout") == true, "\(String(describing: error))") }
        }
        #expect(try await transport.send(TLSTests.bundle).status == 200)
    }
}
