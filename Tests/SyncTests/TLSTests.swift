import Foundation
import Testing
@testable import Sync

/// The upstream over TLS, with certificates made by `openssl` for the test: a server whose
/// certificate the kiosk does not trust is refused with a clear error; with the right CA file the
/// same server is reached.
@Suite(.serialized) struct TLSTests {
    /// A test CA, a server certificate it signed for 127.0.0.1, and an unrelated CA.
    struct Certificates {
        let directory: String
        var ca: String { directory + "/ca.pem" }
        var otherCA: String { directory + "/other-ca.pem" }
        var server: String { directory + "/server.pem" }
        var serverKey: String { directory + "/server.key" }

        init() throws {
            directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("tls-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
            try Self.openssl(["req", "-x509"] + ec + ["-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Kiosk Test CA"], in: directory)
            try Self.openssl(["req", "-x509"] + ec + ["-keyout", "other-ca.key", "-out", "other-ca.pem", "-days", "2", "-subj", "/CN=Other CA"], in: directory)
            try Self.openssl(["req"] + ec + ["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"], in: directory)
            try Data("subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n".utf8)
                .write(to: URL(fileURLWithPath: directory + "/server.ext"))
            try Self.openssl(["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                              "-out", "server.pem", "-days", "2", "-extfile", "server.ext"], in: directory)
        }

        func remove() { try? FileManager.default.removeItem(atPath: directory) }

        static func openssl(_ arguments: [String], in directory: String) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            let errors = Pipe()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            try process.run()
            let message = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw TestFailure("openssl \(arguments.joined(separator: " ")): \(String(decoding: message, as: UTF8.self))")
            }
        }
    }

    static let bundle = Data(#"{"resourceType":"Bundle","type":"transaction","entry":[]}"#.utf8)

    @Test(arguments: [false, true])
    func anUntrustedServerCertificateIsRefusedClearly(withOtherCA: Bool) async throws {
        let certificates = try Certificates()
        defer { certificates.remove() }
        let upstream = try TestUpstream(arguments: ["--tls-cert", certificates.server, "--tls-key", certificates.serverKey])
        defer { upstream.stop() }
        var configuration = UpstreamConfiguration(baseURL: "https://127.0.0.1:\(upstream.port)/fhir")
        configuration.caFile = withOtherCA ? certificates.otherCA : nil
        configuration.connectTimeout = .seconds(5)
        let transport = try HTTPUpstream(configuration: configuration)
        defer { Task { try? await transport.shutdown() } }
        let error = await #expect(throws: SyncError.self) { try await transport.send(Self.bundle) }
        #expect(error?.reason == .transport)
        #expect(error?.detail.hasPrefix("TLS: the server's certificate is not trusted") == true, "\(String(describing: error))")
    }

    @Test func theSameServerIsReachedWithItsCAFile() async throws {
        let certificates = try Certificates()
        defer { certificates.remove() }
        let upstream = try TestUpstream(arguments: ["--tls-cert", certificates.server, "--tls-key", certificates.serverKey])
        defer { upstream.stop() }
        var configuration = UpstreamConfiguration(baseURL: "https://127.0.0.1:\(upstream.port)/fhir")
        configuration.caFile = certificates.ca
        let transport = try HTTPUpstream(configuration: configuration)
        defer { Task { try? await transport.shutdown() } }
        let response = try await transport.send(Self.bundle)
        #expect(response.status == 200)
    }
}
