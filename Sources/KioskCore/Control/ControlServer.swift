import Foundation
public import Logging
import NIOCore
import NIOPosix
public import ServiceLifecycle
public import Store
public import Sync

/// The daemon's end of the control socket: a Unix stream socket (mode 0660, owned by the
/// technicians' group) that answers one JSON request line per connection.
public struct ControlServer: Service {
    /// Largest request line accepted.
    static let maximumRequestBytes = 64 * 1024

    private let state: DaemonState
    private let socketPath: String
    private let socketGroup: String
    private let logger: Logger
    private let readiness: ReadinessGate?
    private let database: KioskDatabase
    private let sync: SyncEngine
    private let payments: PaymentCommands?
    private let metrics: KioskMetrics?
    private let checkIn: CheckInDesk?

    public init(state: DaemonState, database: KioskDatabase, sync: SyncEngine, socketPath: String, socketGroup: String, logger: Logger, readiness: ReadinessGate?,
                payments: PaymentCommands? = nil, metrics: KioskMetrics? = nil, checkIn: CheckInDesk? = nil) {
        self.payments = payments
        self.checkIn = checkIn
        self.metrics = metrics
        self.state = state
        self.database = database
        self.sync = sync
        self.socketPath = socketPath
        self.socketGroup = socketGroup
        self.logger = logger
        self.readiness = readiness
    }

    public func run() async throws {
        state.set("control", .starting)
        do {
            try ControlSocketFile.prepare(path: socketPath)
        } catch {
            state.set("control", .failed, detail: error.detail)
            throw error
        }
        let commands = ControlCommands(state: state, database: database, sync: sync, payments: payments, metrics: metrics, checkIn: checkIn)
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(unixDomainSocketPath: socketPath) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        defer { unlink(socketPath) }
        let permissions = ControlSocketFile.restrict(path: socketPath, group: socketGroup)
        if let permissions { logger.warning("control socket permissions: \(permissions)", metadata: ["control.socket": "\(socketPath)"]) }
        state.set("control", .running, detail: socketPath)
        logger.info("control socket listening", metadata: ["control.socket": "\(socketPath)"])
        readiness?.arrived("control")

        try await withGracefulShutdownHandler {
            try await server.executeThenClose { connections in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in connections {
                        group.addTask { await Self.serve(connection, commands: commands, logger: logger) }
                    }
                }
            }
        } onGracefulShutdown: {
            server.channel.close(promise: nil)
        }
        state.set("control", .stopped)
    }

    private static func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>, commands: ControlCommands, logger: Logger) async {
        do {
            try await connection.executeThenClose { inbound, outbound in
                var line: [UInt8] = []
                for try await var chunk in inbound {
                    line += chunk.readBytes(length: chunk.readableBytes) ?? []
                    if let newline = line.firstIndex(of: UInt8(ascii: "\n")) {
                        line.removeSubrange(newline...)
                        break
                    }
                    if line.count > maximumRequestBytes { break }
                }
                let response = line.count > maximumRequestBytes
                    ? ControlResponse(ok: false, error: "request longer than \(maximumRequestBytes) bytes")
                    : await commands.respond(to: line)
                var data = try ControlCoding.encoder().encode(response)
                data.append(UInt8(ascii: "\n"))
                try await outbound.write(ByteBuffer(bytes: data))
            }
        } catch {
            logger.debug("control connection ended with an error", metadata: ["error": "\(error)"])
        }
    }
}
