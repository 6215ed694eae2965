import Foundation
import Testing
@testable import Sync

/// Unusable upstream settings fail at construction with `sync.configuration`, not at the first send.
@Suite struct UpstreamConfigurationTests {
    static func reason(_ configuration: UpstreamConfiguration) async -> SyncFailure? {
        do {
            let upstream = try HTTPUpstream(configuration: configuration)
            try? await upstream.shutdown()
            return nil
        } catch let error as SyncError {
            return error.reason
        } catch {
            return nil
        }
    }

    @Test func rejectsUnusableSettings() async {
        #expect(await Self.reason(UpstreamConfiguration(baseURL: "ftp://station/fhir")) == .configuration)
        #expect(await Self.reason(UpstreamConfiguration(baseURL: "not a url")) == .configuration)
        var missingCA = UpstreamConfiguration(baseURL: "https://station.example/fhir")
        missingCA.caFile = "/nonexistent/ca.pem"
        #expect(await Self.reason(missingCA) == .configuration)
        var certificateWithoutKey = UpstreamConfiguration(baseURL: "https://station.example/fhir")
        certificateWithoutKey.clientCertificateFile = "/nonexistent/client.pem"
        #expect(await Self.reason(certificateWithoutKey) == .configuration)
        #expect(await Self.reason(UpstreamConfiguration(baseURL: "https://station.example/fhir")) == nil)
    }

    @Test func unreachableServerIsATransportError() async throws {
        var configuration = UpstreamConfiguration(baseURL: "http://127.0.0.1:9/fhir")
        configuration.connectTimeout = .seconds(1)
        let upstream = try HTTPUpstream(configuration: configuration)
        defer { Task { try? await upstream.shutdown() } }
        do {
            _ = try await upstream.send(Data("{}".utf8))
            Issue.record("port 9 answered")
        } catch let error as SyncError {
            #expect(error.reason == .transport)
        }
    }
}
