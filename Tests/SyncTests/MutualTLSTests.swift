import Foundation
import Store
import Testing
@testable import Sync

/// Mutual TLS: the test upstream requires a client certificate signed by its client CA. With the
/// kiosk's certificate and key the records are delivered; without a certificate, or with one
/// from another CA, the round fails with a clear error and every record stays pending.
@Suite(.serialized) struct MutualTLSTests {
    /// The server side of TLSTests plus a client CA, a kiosk certificate it signed, and a kiosk
    /// certificate signed by an unrelated CA.
    struct ClientCertificates {
        let server: TLSTests.Certificates
        var clientCA: String { server.directory + "/client-ca.pem" }
        var client: String { server.directory + "/client.pem" }
        var clientKey: String { server.directory + "/client.key" }
        var strayClient: String { server.directory + "/stray-client.pem" }
        var strayClientKey: String { server.directory + "/stray-client.key" }

        init() throws {
            server = try TLSTests.Certificates()
            let directory = server.directory
            let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
            try TLSTests.Certificates.openssl(["req", "-x509"] + ec + ["-keyout", "client-ca.key", "-out", "client-ca.pem", "-days", "2",
                                                                       "-subj", "/CN=Kiosk Client CA"], in: directory)
            try Data("extendedKeyUsage=clientAuth\n".utf8).write(to: URL(fileURLWithPath: directory + "/client.ext"))
            for (name, ca) in [("client", "client-ca"), ("stray-client", "other-ca")] {
                try TLSTests.Certificates.openssl(["req"] + ec + ["-keyout", "\(name).key", "-out", "\(name).csr", "-subj", "/CN=kiosk-01"],
                                                  in: directory)
                try TLSTests.Certificates.openssl(["x509", "-req", "-in", "\(name).csr", "-CA", "\(ca).pem", "-CAkey", "\(ca).key",
                                                   "-CAcreateserial", "-out", "\(name).pem", "-days", "2", "-extfile", "client.ext"],
                                                  in: directory)
            }
        }

        func startUpstream() throws -> TestUpstream {
            try TestUpstream(arguments: ["--tls-cert", server.server, "--tls-key", server.serverKey, "--tls-client-ca", clientCA])
        }
    }

    /// An engine for `store` that reaches `upstream` over TLS with the given client certificate.
    static func engine(_ store: TestStore, _ upstream: TestUpstream, _ certificates: ClientCertificates,
                       certificate: String?, key: String?) throws -> (SyncEngine, HTTPUpstream) {
        var configuration = UpstreamConfiguration(baseURL: "https://127.0.0.1:\(upstream.port)/fhir")
        configuration.caFile = certificates.server.ca
        configuration.clientCertificateFile = certificate
        configuration.clientKeyFile = key
        configuration.connectTimeout = .seconds(5)
        configuration.readTimeout = .seconds(5)
        let transport = try HTTPUpstream(configuration: configuration)
        var engineConfiguration = SyncEngine.Configuration()
        // A failed round leaves its records waiting 2 s, so that one drain makes one attempt.
        engineConfiguration.backoff = Backoff(base: .seconds(2), cap: .seconds(2), jitter: { $0 })
        engineConfiguration.breakerThreshold = 1000
        let engine = SyncEngine(database: store.database, transport: transport,
                                mapper: FHIRMapper(options: FHIRMappingOptions(stationID: "TYT-PHUONG-1", kioskID: "kiosk-01")),
                                configuration: engineConfiguration)
        return (engine, transport)
    }

    /// Certificates, an upstream requiring mutual TLS, and a store holding records to deliver.
    struct Fixture {
        let certificates: ClientCertificates
        let upstream: TestUpstream
        let store: TestStore
        let produced: [String]

        init() async throws {
            certificates = try ClientCertificates()
            upstream = try certificates.startUpstream()
            store = try TestStore()
            produced = try await store.produce(12)
        }

        func remove() {
            upstream.stop()
            store.remove()
            certificates.server.remove()
        }

        /// Drains with the kiosk's own certificate until every record is acked; whether they were.
        func deliverWithKioskCertificate() async throws -> Bool {
            let (engine, transport) = try MutualTLSTests.engine(store, upstream, certificates,
                                                                certificate: certificates.client, key: certificates.clientKey)
            defer { Task { try? await transport.shutdown() } }
            let delivered = try await eventually { await engine.drainDue() } done: {
                try await store.counts()[.acked] == produced.count
            }
            let lastError = await engine.status().lastError
            #expect(delivered, "\(lastError ?? "no error")")
            return delivered
        }
    }

    @Test func theKioskCertificateDeliversTheRecords() async throws {
        let fixture = try await Fixture()
        defer { fixture.remove() }
        #expect(try await fixture.deliverWithKioskCertificate())
    }

    @Test(arguments: [false, true])
    func aMissingOrForeignClientCertificateFailsClearlyAndLosesNothing(foreign: Bool) async throws {
        let fixture = try await Fixture()
        defer { fixture.remove() }
        let certificates = fixture.certificates
        let (engine, transport) = try Self.engine(fixture.store, fixture.upstream, certificates,
                                                  certificate: foreign ? certificates.strayClient : nil,
                                                  key: foreign ? certificates.strayClientKey : nil)
        await engine.drainDue()
        try await transport.shutdown()

        let status = await engine.status()
        let error = try #require(status.lastError)
        #expect(error.contains("sync.transport") && error.contains("refused the kiosk's client certificate"), "\(error)")
        let counts = try await fixture.store.counts()
        #expect(counts[.acked] == 0 && counts[.dead] == 0, "\(counts)")
        #expect(counts[.pending] == fixture.produced.count, "every record waits for the next round: \(counts)")
        #expect(try await fixture.store.database.outbox.stats().lastError?.contains("client certificate") == true)

        // The same records go through once the kiosk presents its own certificate.
        #expect(try await fixture.deliverWithKioskCertificate())
    }
}
