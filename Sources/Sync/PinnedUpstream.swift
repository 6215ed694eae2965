import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// The upstream over HTTPS with SPKI pinning (`[upstream] spki_pins`): the server's certificate
/// chain is verified as usual and must also contain a pinned key (``PinnedChainVerifier``).
///
/// Why not async-http-client here: AHC 1.37 builds its `NIOSSLClientHandler(context:serverHostname:)`
/// itself and passes no verification callback, and NIOSSL's `TLSConfiguration` has no field for
/// one; checking the pin on a connection of our own before AHC sends would leave a gap between
/// check and use (AHC opens its own connections, which could reach another server). So this
/// transport owns its connections and hands NIOSSL the custom verification callback, which runs
/// inside every handshake before a byte of the request is written. (NIOSSL's underscored
/// additional-verification hook keeps BoringSSL's checks but sees only the leaf, so a pin on an
/// intermediate or root could not be honoured.) One connection per bundle (`Connection: close`):
/// a handshake per bundle of up to 100 records costs little, and no idle connection goes stale
/// between rounds.
final class PinnedUpstream: UpstreamTransport {
    let configuration: UpstreamConfiguration
    private let context: NIOSSLContext
    private let verifier: PinnedChainVerifier
    private let host: String
    private let port: Int
    private let target: String

    /// Throws ``SyncError`` with reason `configuration` for a URL that is not https, an
    /// unreadable TLS file, or no pins.
    init(configuration: UpstreamConfiguration) throws {
        guard let components = URLComponents(string: configuration.baseURL), components.scheme?.lowercased() == "https",
              let host = components.host, !host.isEmpty else {
            throw SyncError(.configuration, "SPKI pins need an https:// upstream URL")
        }
        guard !configuration.spkiPins.isEmpty else { throw SyncError(.configuration, "no SPKI pins to check") }
        self.configuration = configuration
        self.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        port = components.port ?? 443
        let query = components.percentEncodedQuery.map { "?" + $0 } ?? ""
        target = (components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath) + query
        var tls = try HTTPUpstream.tls(configuration)
        tls.applicationProtocols = ["http/1.1"]
        do {
            context = try NIOSSLContext(configuration: tls)
        } catch {
            throw SyncError(.configuration, "TLS files: \(error)")
        }
        verifier = try PinnedChainVerifier(configuration: configuration, host: self.host)
    }

    func send(_ bundle: Data) async throws -> UpstreamResponse {
        let report = PinnedChainVerifier.FailureReport()
        do {
            return try await exchange(bundle, report: report)
        } catch let error as CancellationError {
            throw error
        } catch {
            switch report.failure.withLock({ $0 }) {
            case .pinMismatch(let chain)?:
                throw SyncError(.pinMismatch, "TLS: the server's certificate chain matches none of the [upstream] spki_pins "
                                + "(a configuration or security fault; the chain's keys: \(chain.joined(separator: ", ")))")
            case .untrusted(let reason)?:
                throw SyncError(.transport, TLSFailureText.untrusted(reason))
            case nil:
                if let error = error as? SyncError { throw error }
                throw SyncError(.transport, HTTPUpstream.describe(error))
            }
        }
    }

    func shutdown() async throws {}

    /// One connection: handshake (with the pin check), the POST, the response, close.
    private func exchange(_ bundle: Data, report: PinnedChainVerifier.FailureReport) async throws -> UpstreamResponse {
        let eventLoop = MultiThreadedEventLoopGroup.singleton.next()
        let promise = eventLoop.makePromise(of: UpstreamResponse.self)
        let timeout = eventLoop.scheduleTask(in: HTTPUpstream.amount(configuration.requestTimeout)) {
            promise.fail(SyncError(.transport, "no complete response within the request timeout of \(self.configuration.requestTimeout)"))
        }
        defer { timeout.cancel() }
        let (context, verifier, host, limit) = (self.context, self.verifier, self.host, configuration.maximumResponseBytes)
        let readTimeout = configuration.readTimeout
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: eventLoop)
                .connectTimeout(HTTPUpstream.amount(configuration.connectTimeout))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let tls = try NIOSSLClientHandler(context: context, serverHostname: verifier.hostIsAddress ? nil : host,
                                                          customVerificationCallbackWithMetadata: verifier.callback(reporting: report))
                        let pipeline = channel.pipeline.syncOperations
                        try pipeline.addHandler(tls)
                        try pipeline.addHTTPClientHandlers()
                        try pipeline.addHandler(IdleStateHandler(readTimeout: HTTPUpstream.amount(readTimeout)))
                        try pipeline.addHandler(ResponseCollector(promise: promise, limit: limit, readTimeout: readTimeout))
                    }
                }
                .connect(host: host, port: port).get()
        } catch {
            promise.fail(error)
            throw error
        }
        defer { channel.close(promise: nil) }
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)")
        headers.add(name: "Content-Type", value: "application/fhir+json")
        headers.add(name: "Accept", value: "application/fhir+json")
        headers.add(name: "Content-Length", value: "\(bundle.count)")
        headers.add(name: "Connection", value: "close")
        channel.write(HTTPClientRequestPart.head(HTTPRequestHead(version: .http1_1, method: .POST, uri: target, headers: headers)), promise: nil)
        channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: bundle))), promise: nil)
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        return try await withTaskCancellationHandler {
            try await promise.futureResult.get()
        } onCancel: {
            promise.fail(CancellationError())
        }
    }
}
