import Foundation
import NIOCore
import NIOHTTP1

/// Serves one connection: `POST /api/token/take`, `POST /api/egw/KQNhanLichSuKCB2024`, and the
/// control paths `GET /_stats`, `GET /_last-check`, `POST /_faults`, `POST /_residents`,
/// `POST /_expire-tokens`.
final class PortalHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let state: PortalState
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()

    init(state: PortalState) {
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
        let parts = head.uri.split(separator: "?", maxSplits: 1)
        let path = parts.first.map(String.init) ?? head.uri
        let query = parts.count == 2 ? Self.form(String(parts[1])) : [:]
        switch (head.method, path) {
        case (.GET, "/_stats"):
            respond(context, head, status: 200, body: state.stats())
        case (.GET, "/_last-check"):
            respond(context, head, status: 200, body: state.lastCheckReceived())
        case (.POST, "/_faults"):
            let list = (try? JSONSerialization.jsonObject(with: body)) as? [String] ?? []
            let faults = list.compactMap(PortalFault.init)
            guard faults.count == list.count, !list.isEmpty else {
                respond(context, head, status: 400, body: Data("faults: a JSON list of fault strings".utf8))
                return
            }
            state.addFaults(faults)
            respond(context, head, status: 204, body: Data())
        case (.POST, "/_residents"):
            guard let list = (try? JSONSerialization.jsonObject(with: body)) as? [[String: Any]] else {
                respond(context, head, status: 400, body: Data("residents: a JSON list of objects".utf8))
                return
            }
            state.addResidents(list)
            respond(context, head, status: 204, body: Data())
        case (.POST, "/_expire-tokens"):
            state.revokeTokens()
            respond(context, head, status: 204, body: Data())
        case (.POST, "/api/token/take"):
            login(head, body, context: context)
        case (.POST, "/api/egw/KQNhanLichSuKCB2024"):
            check(head, query: query, body: body, context: context)
        default:
            respond(context, head, status: 404, body: Data("no such path".utf8))
        }
    }

    private func login(_ head: HTTPRequestHead, _ body: Data, context: ChannelHandlerContext) {
        switch state.takeFault(forLogin: true) {
        case .loginStatus(let status)?:
            respond(context, head, status: status, body: Data())
        case .loginRefuse?:
            respond(context, head, status: 200, body: PortalState.json(["maKetQua": "401"]))
        case .loginDelay(let milliseconds)?:
            let answer = state.login(form: Self.form(String(decoding: body, as: UTF8.self)))
            context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(milliseconds)) {
                self.respond(context, head, status: 200, body: answer)
            }
        default:
            respond(context, head, status: 200, body: state.login(form: Self.form(String(decoding: body, as: UTF8.self))))
        }
    }

    private func check(_ head: HTTPRequestHead, query: [String: String], body: Data, context: ChannelHandlerContext) {
        switch state.check(query: query, body: body, fault: state.takeFault(forLogin: false)) {
        case .json(let status, let answer):
            respond(context, head, status: status, body: answer)
        case .fault(.status(let status)):
            respond(context, head, status: status, body: Data("injected HTTP \(status)".utf8), type: "text/plain")
        case .fault(.delay(let milliseconds)):
            let answer = state.check(query: query, body: body, fault: nil)
            context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(milliseconds)) {
                if case .json(let status, let data) = answer { self.respond(context, head, status: status, body: data) }
            }
        case .fault(.malformed):
            respond(context, head, status: 200, body: Data("{\"maKetQua\": \"000\", \"hoTen\": ".utf8))
        case .fault(.close):
            context.close(promise: nil)
        case .fault:
            respond(context, head, status: 500, body: Data("fault not for a card check".utf8), type: "text/plain")
        }
    }

    private func respond(_ context: ChannelHandlerContext, _ request: HTTPRequestHead, status: Int, body: Data,
                         type: String = "application/json; charset=utf-8") {
        guard context.channel.isActive else { return }
        var headers = HTTPHeaders([("Content-Length", "\(body.count)")])
        if !body.isEmpty { headers.add(name: "Content-Type", value: type) }
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

    /// `a=1&b=%2B` → ["a": "1", "b": "+"] (`+` is a space, as in HTML forms).
    static func form(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ") }
            guard let key = kv.first?.removingPercentEncoding else { continue }
            fields[key] = (kv.count == 2 ? kv[1] : "").removingPercentEncoding ?? ""
        }
        return fields
    }
}
