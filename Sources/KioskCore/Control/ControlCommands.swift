import Foundation

/// Answers control-socket requests from the daemon's state.
struct ControlCommands: Sendable {
    let state: DaemonState

    func respond(to line: [UInt8]) -> ControlResponse {
        guard let request = try? ControlCoding.decoder().decode(ControlRequest.self, from: Data(line)) else {
            return ControlResponse(ok: false, error: "malformed request: expected one JSON object {\"command\": …} on one line")
        }
        switch request.command {
        case "status":
            return ControlResponse(ok: true, status: statusReport())
        default:
            return ControlResponse(ok: false, error: "unknown command \"\(request.command.prefix(40))\" (expected: status)")
        }
    }

    func statusReport(now: Date = Date()) -> DaemonStatusReport {
        let config = state.currentConfig
        let reloads = state.reloadSummary
        return DaemonStatusReport(
            version: KioskVersion.current,
            pid: getpid(),
            startedAt: state.startedAt,
            uptimeSeconds: now.timeIntervalSince(state.startedAt),
            configPath: state.configPath,
            configReloads: reloads.count,
            lastReloadError: reloads.lastError,
            facilityCode: config.station.facilityCode,
            kioskID: config.station.kioskID,
            services: state.serviceStates.map { .init(name: $0.name, state: $0.state.rawValue, detail: $0.detail) }
        )
    }
}
