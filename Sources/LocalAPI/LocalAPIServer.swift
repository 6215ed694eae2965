public import KioskCore
import Hummingbird
import Logging
import NIOCore
public import ServiceLifecycle

/// The loopback HTTP API of the kiosk (Hummingbird 2): the staff payment endpoints (HTTP Basic
/// against `[[local_api.staff]]`), the station server's transfer callback (bearer secret), the
/// daemon's health and, when a provider is given, its metrics. Errors are JSON
/// `{"code", "message"}`; request bodies are limited in size; nothing personal is logged.
///
/// Runs as the last service of kioskd (stopped first). A failed bind (port taken) is shown in
/// `kioskctl status` as `local_api failed` and retried with growing pauses; it never stops the
/// daemon, so check-in goes on without the API.
public struct LocalAPIServer: Service {
    let context: DaemonContext
    let host: String
    let port: Int
    let metrics: (@Sendable () async -> String)?
    let bodyLimit: Int
    let onListening: @Sendable (Int) async -> Void

    /// Name of the service in the daemon's state.
    public static let serviceName = "local_api"

    /// A server on `host:port` (a loopback address, checked by the config; port 0 picks a free
    /// one, told to `onListening`). `metrics` gives the text of `GET /metrics`; request bodies
    /// larger than `bodyLimit` bytes are refused with 413.
    public init(context: DaemonContext, host: String, port: Int, metrics: (@Sendable () async -> String)? = nil,
                bodyLimit: Int = 64 * 1024, onListening: @escaping @Sendable (Int) async -> Void = { _ in }) {
        self.context = context
        self.host = host
        self.port = port
        self.metrics = metrics
        self.bodyLimit = bodyLimit
        self.onListening = onListening
    }

    /// The server of the `[local_api]` of `context`'s config.
    public init(context: DaemonContext) {
        self.init(context: context, host: context.config.localAPI.host, port: context.config.localAPI.port, metrics: context.metrics?.provider)
    }

    public func run() async throws {
        let state = context.state
        let logger = context.logger
        var pause = Duration.seconds(1)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            state.set(Self.serviceName, .starting, detail: "\(host):\(port)")
            let application = Application(
                router: router(), configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil, reuseAddress: false),
                onServerRunning: { [host, port, onListening] channel in
                    let bound = channel.localAddress?.port ?? port
                    state.set(Self.serviceName, .running, detail: "\(host):\(bound)")
                    logger.info("local API listening", metadata: ["api.address": "\(host):\(bound)"])
                    await onListening(bound)
                },
                logger: Logger(label: "kioskd.local-api"))
            do {
                try await application.run()
                break
            } catch where Task.isCancelled || Task.isShuttingDownGracefully {
                break
            } catch {
                let wait = pause
                state.set(Self.serviceName, .failed, detail: "\(host):\(port): \(error)")
                logger.error("local API: cannot serve on \(host):\(port), retrying in \(wait): \(error)")
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
                pause = min(pause * 2, .seconds(60))
            }
        }
        state.set(Self.serviceName, .stopped)
    }

    /// The routes, behind the JSON error answers.
    func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: ErrorMiddleware(logger: context.logger))
        StatusRoutes(state: context.state, metrics: metrics).add(to: router)
        TransferCallbackRoute(gate: context.transferCallback, commands: context.payments, bodyLimit: bodyLimit, logger: context.logger).add(to: router)
        PaymentRoutes(commands: context.payments, bodyLimit: bodyLimit, logger: context.logger).add(to: router)
        return router
    }
}
