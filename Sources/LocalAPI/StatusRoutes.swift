import Foundation
import Hummingbird
import KioskCore

/// `GET /api/health` (no login): the state of each of the daemon's services, without their
/// details (no paths, no personal data); `GET /metrics`: the text of the metrics provider given
/// at construction, 404 without one.
struct StatusRoutes: Sendable {
    let state: DaemonState
    let metrics: (@Sendable () async -> String)?

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/health") { _, _ in
            let services = state.serviceStates.map { ServiceHealth(name: $0.name, state: $0.state.rawValue) }
            let states = Set(state.serviceStates.map(\.state))
            let status = states.contains(.failed) ? "failed" : states.contains(.degraded) ? "degraded" : "ok"
            let uptime = Int(Date().timeIntervalSince(state.startedAt))
            return JSONResponse.make(Health(status: status, uptimeSeconds: uptime, services: services),
                                     status: status == "failed" ? .serviceUnavailable : .ok)
        }
        router.get("/metrics") { _, _ in
            guard let metrics else {
                throw APIError(status: .notFound, code: "api.metricsDisabled", message: "this kiosk exports no metrics")
            }
            return JSONResponse.text(await metrics(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }
}

/// The body of `/api/health`.
struct Health: Encodable {
    var status: String
    var uptimeSeconds: Int
    var services: [ServiceHealth]
}

/// One service in `/api/health`.
struct ServiceHealth: Encodable {
    var name: String
    var state: String
}
