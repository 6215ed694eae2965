import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A loopback HTTP server standing in for the station server: `GET /transfers` answers the
/// JSON the test set (or the status it set), and every request target is recorded.
final class StationServer: Sendable {
    struct Reply: Sendable {
        var status: HTTPResponseStatus = .ok
        var body: String = #"{"transfers": []}"#
    }

    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let channel: any Channel
    let reply = Mutex(Reply())
    let requests = Mutex<[String]>([])

    var url: String { "http://127.0.0.1:\(channel.localAddress?.port ?? 0)/transfers" }

    init() async throws {
        let box = Box()
        channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(server: box))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        box.server.withLock { $0 = self }
    }

    func set(_ status: HTTPResponseStatus = .ok, _ body: String) {
        reply.withLock { $0 = Reply(status: status, body: body) }
    }

    func stop() async throws {
        try await channel.close()
        try await group.shutdownGracefully()
    }

    /// Lets the handler reach the server created after the bootstrap.
    final class Box: Sendable {
        let server = Mutex<StationServer?>(nil)
    }

    final class Handler: ChannelInboundHandler, Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let server: Box

        init(server: Box) { self.server = server }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard case .head(let head) = unwrapInboundIn(data) else {
                if case .end = unwrapInboundIn(data) { respond(context) }
                return
            }
            server.server.withLock { $0 }?.requests.withLock { $0.append(head.uri) }
        }

        private func respond(_ context: ChannelHandlerContext) {
            let reply = server.server.withLock { $0 }?.reply.withLock { $0 } ?? Reply()
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "application/json")
            headers.add(name: "Content-Length", value: String(reply.body.utf8.count))
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: reply.status, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: reply.body)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
