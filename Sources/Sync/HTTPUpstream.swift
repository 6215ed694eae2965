import AsyncHTTPClient
public import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// The upstream through async-http-client: TLS with an optional custom CA file and client
/// certificate (mutual TLS), connect and read timeouts, an overall deadline per request.
public final class HTTPUpstream: UpstreamTransport {
    /// The settings it was made with.
    public let configuration: UpstreamConfiguration
    private let client: HTTPClient

    /// Prepares a client; throws ``SyncError`` with reason `configuration` when a TLS file is
    /// unreadable or the URL is not http(s).
    public init(configuration: UpstreamConfiguration) throws {
        guard let url = URL(string: configuration.baseURL), let scheme = url.scheme?.lowercased(),
              scheme == "https" || scheme == "http", url.host != nil else {
            throw SyncError(.configuration, "upstream URL must be http(s)://host/…")
        }
        guard configuration.spkiPins.isEmpty else {
            throw SyncError(.configuration, "async-http-client cannot check SPKI pins; use UpstreamConfiguration.makeTransport()")
        }
        self.configuration = configuration
        var clientConfiguration = HTTPClient.Configuration(
            tlsConfiguration: try Self.tls(configuration),
            redirectConfiguration: .disallow,
            timeout: .init(connect: Self.amount(configuration.connectTimeout), read: Self.amount(configuration.readTimeout)),
            decompression: .disabled)
        clientConfiguration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 2)
        clientConfiguration.httpVersion = .http1Only
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: clientConfiguration)
    }

    public func send(_ bundle: Data) async throws -> UpstreamResponse {
        var request = HTTPClientRequest(url: configuration.baseURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/fhir+json")
        request.headers.add(name: "Accept", value: "application/fhir+json")
        request.body = .bytes(ByteBuffer(bytes: bundle))
        do {
            let response = try await client.execute(request, timeout: Self.amount(configuration.requestTimeout))
            let body = try await response.body.collect(upTo: configuration.maximumResponseBytes)
            return UpstreamResponse(status: Int(response.status.code), retryAfter: response.headers.first(name: "Retry-After"),
                                    body: Data(body.readableBytesView))
        } catch let error as CancellationError {
            throw error
        } catch let error as NIOTooManyBytesError {
            throw SyncError(.malformedResponse, "response body larger than \(configuration.maximumResponseBytes) bytes (\(error))")
        } catch {
            throw SyncError(.transport, Self.describe(error))
        }
    }

    public func shutdown() async throws {
        try await client.shutdown()
    }

    static func describe(_ error: any Error) -> String {
        if let text = TLSFailureText.describe(error) {
            return text
        }
        if let error = error as? HTTPClientError {
            return "HTTP client: \(error)"
        }
        return "\(type(of: error)): \(error)"
    }

    static func amount(_ duration: Duration) -> TimeAmount {
        .nanoseconds(Int64(duration.components.seconds) * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    static func tls(_ configuration: UpstreamConfiguration) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        do {
            if let caFile = configuration.caFile {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
            }
            switch (configuration.clientCertificateFile, configuration.clientKeyFile) {
            case (let certificate?, let key?):
                tls.certificateChain = try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
            case (nil, nil):
                break
            default:
                throw SyncError(.configuration, "a client certificate needs both its certificate and key files")
            }
        } catch let error as SyncError {
            throw error
        } catch {
            throw SyncError(.configuration, "TLS files: \(error)")
        }
        return tls
    }
}
