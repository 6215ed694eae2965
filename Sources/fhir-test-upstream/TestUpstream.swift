import Foundation
#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// fhir-test-upstream: a loopback FHIR server for the sync tests and benchmark. It stores the
/// resources of each transaction Bundle, deduplicated by their `ifNoneExist` identifier (200
/// with the existing resource for a duplicate, 201 for a new one), answers a
/// transaction-response Bundle, and fails on a schedule (see `Fault`).
///
///     fhir-test-upstream [--port N] [--faults 500,503+retry-after=1,reset] [--exit-with-stdin]
///                        [--tls-cert PEM --tls-key PEM [--tls-client-ca PEM]]
///
/// With `--tls-cert` and `--tls-key` it speaks HTTPS with that certificate chain (the TLS
/// faults: a certificate the client does not trust). With `--tls-client-ca` as well it requires
/// mutual TLS: a client certificate signed by one of the CAs in that file, else the handshake fails.
///
/// With `--exit-with-stdin` it exits when its standard input closes, so a test that dies
/// without stopping it leaves no server behind.
///
/// Prints `listening on 127.0.0.1:PORT` once it accepts connections (port 0 picks a free one).
@main
enum TestUpstream {
    static func main() throws {
        // A parent's threads may have had signals blocked when they spawned us: let SIGTERM and
        // SIGINT end the server as usual.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigprocmask(SIG_SETMASK, &signals, nil)
        var port = 0
        var faults: [Fault] = []
        var tlsCertificate: String?, tlsKey: String?, clientCA: String?
        var arguments = CommandLine.arguments.dropFirst().makeIterator()
        while let argument = arguments.next() {
            switch argument {
            case "--port":
                guard let value = arguments.next().flatMap({ Int($0) }) else { fail("--port needs a number") }
                port = value
            case "--exit-with-stdin":
                let watcher = Thread {
                    while !FileHandle.standardInput.availableData.isEmpty {}
                    exit(0)
                }
                watcher.start()
            case "--tls-cert":
                tlsCertificate = arguments.next()
            case "--tls-key":
                tlsKey = arguments.next()
            case "--tls-client-ca":
                clientCA = arguments.next()
            case "--faults":
                let list = (arguments.next() ?? "").split(separator: ",").map(String.init)
                faults = list.compactMap(Fault.init)
                if faults.count != list.count { fail("--faults: unknown fault in \(list)") }
            default:
                fail("usage: fhir-test-upstream [--port N] [--faults LIST] [--tls-cert PEM --tls-key PEM [--tls-client-ca PEM]]")
            }
        }
        let state = UpstreamState(faults: faults)
        var tls: NIOSSLContext?
        if let tlsCertificate, let tlsKey {
            var configuration = TLSConfiguration.makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMFile(tlsCertificate).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(file: tlsKey, format: .pem)))
            if let clientCA {
                configuration.certificateVerification = .noHostnameVerification
                configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(clientCA))
            }
            tls = try NIOSSLContext(configuration: configuration)
        } else if tlsCertificate != nil || tlsKey != nil || clientCA != nil {
            fail("--tls-cert and --tls-key go together; --tls-client-ca needs them")
        }
        let context = tls
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let channel = try ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let context { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context)) }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(UpstreamHandler(state: state))
                }
            }
            .bind(host: "127.0.0.1", port: port).wait()
        FileHandle.standardOutput.write(Data("listening on 127.0.0.1:\(channel.localAddress?.port ?? port)\n".utf8))
        try channel.closeFuture.wait()
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(64)
    }
}
