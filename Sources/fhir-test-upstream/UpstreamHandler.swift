import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// Serves one connection: transaction POSTs at any path outside `/_…`, and the control paths
/// `GET /_stats`, `GET /_outbox-ids`, `POST /_faults`.
final class UpstreamHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let state: UpstreamState
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()

    init(state: UpstreamState) {
        self.state = state
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.clear()
        case .body(var part):
            body.writeBuffer(&part)
        case .end:
            guard let head else { return }
            self.head = nil
            handle(head, Data(body.readableBytesView), context: context)
        }
    }

    private func handle(_ head: HTTPRequestHead, _ body: Data, context: ChannelHandlerContext) {
        let path = head.uri.split(separator: "?").first.map(String.init) ?? head.uri
        switch (head.method, path) {
        case (.GET, "/_stats"):
            respond(context, head, status: 200, body: state.stats(), type: "application/json")
        case (.GET, "/_outbox-ids"):
            respond(context, head, status: 200, body: state.receivedOutboxIDs(), type: "application/json")
        case (.POST, "/_faults"):
            let list = (try? JSONSerialization.jsonObject(with: body)) as? [String] ?? []
            let faults = list.compactMap(Fault.init)
            guard faults.count == list.count, !list.isEmpty else {
                respond(context, head, status: 400, body: UpstreamState.outcome("faults: a JSON list of fault strings"))
                return
            }
            state.addFaults(faults)
            respond(context, head, status: 204, body: Data())
        case (.POST, let path) where !path.hasPrefix("/_"):
            transaction(head, body, context: context)
        default:
            respond(context, head, status: 404, body: UpstreamState.outcome("no such path"))
        }
    }

    private func transaction(_ head: HTTPRequestHead, _ body: Data, context: ChannelHandlerContext) {
        switch state.takeFault() {
        case nil:
            let (status, answer) = state.transaction(body)
            respond(context, head, status: status, body: answer)
        case .status(let status, let retryAfter)?:
            respond(context, head, status: status, body: UpstreamState.outcome("injected HTTP \(status)"), retryAfter: retryAfter)
        case .refuse(let diagnostics)?:
            respond(context, head, status: 400, body: UpstreamState.outcome(diagnostics))
        case .delay(let milliseconds)?:
            let (status, answer) = state.transaction(body)
            context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(milliseconds)) {
                self.respond(context, head, status: status, body: answer)
            }
        case .malformed?:
            _ = state.transaction(body)
            respond(context, head, status: 200, body: Data("{\"resourceType\": \"Bundle\", \"entry\": [".utf8))
        case .reset?:
            _ = state.transaction(body)
            var headers = HTTPHeaders([("Content-Type", "application/fhir+json"), ("Content-Length", "4096")])
            headers.add(name: "Connection", value: "close")
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .ok, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: "{\"resourceType\": \"Bundle\", \"type\": \"transaction-response\"")))), promise: nil)
            context.flush()
            context.close(promise: nil)
        }
    }

    private func respond(_ context: ChannelHandlerContext, _ request: HTTPRequestHead, status: Int, body: Data,
                         type: String = "application/fhir+json", retryAfter: String? = nil) {
        guard context.channel.isActive else { return }
        var headers = HTTPHeaders([("Content-Length", "\(body.count)")])
        if !body.isEmpty { headers.add(name: "Content-Type", value: type) }
        if let retryAfter { headers.add(name: "Retry-After", value: retryAfter) }
        if !request.isKeepAlive { headers.add(name: "Connection", value: "close") }
        let head = HTTPResponseHead(version: request.version, status: HTTPResponseStatus(statusCode: status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if !body.isEmpty { context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil) }
        let keepAlive = request.isKeepAlive
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            if !keepAlive { context.close(promise: nil) }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
