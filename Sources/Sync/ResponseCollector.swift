import Foundation
import NIOCore
import NIOHTTP1

/// The end of ``PinnedUpstream``'s pipeline: gathers one HTTP response (head and body, at most
/// `limit` bytes) and completes `promise` with it, or with the first failure: an error in the
/// pipeline (TLS included), no data for the read timeout, or the connection closing early.
final class ResponseCollector: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart

    private let promise: EventLoopPromise<UpstreamResponse>
    private let limit: Int
    private let readTimeout: Duration
    private var head: HTTPResponseHead?
    private var body = ByteBuffer()
    private var finished = false

    init(promise: EventLoopPromise<UpstreamResponse>, limit: Int, readTimeout: Duration) {
        self.promise = promise
        self.limit = limit
        self.readTimeout = readTimeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
        case .body(var part):
            guard body.readableBytes + part.readableBytes <= limit else {
                fail(SyncError(.malformedResponse, "response body larger than \(limit) bytes"), context: context)
                return
            }
            body.writeBuffer(&part)
        case .end:
            guard let head, !finished else { return }
            finished = true
            promise.succeed(UpstreamResponse(status: Int(head.status.code), retryAfter: head.headers.first(name: "Retry-After"),
                                             body: Data(body.readableBytesView)))
            context.close(promise: nil)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case IdleStateHandler.IdleStateEvent.read = event {
            fail(SyncError(.transport, "read timeout: no data from the server for \(readTimeout)"), context: context)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error, context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(SyncError(.transport, "the server closed the connection before the response was complete"), context: context)
    }

    private func fail(_ error: any Error, context: ChannelHandlerContext) {
        guard !finished else { return }
        finished = true
        promise.fail(error)
        context.close(promise: nil)
    }
}
