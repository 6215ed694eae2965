import Foundation
import Store

/// Answers control-socket requests from the daemon's state and database.
struct ControlCommands: Sendable {
    let state: DaemonState
    let database: KioskDatabase

    func respond(to line: [UInt8]) async -> ControlResponse {
        guard let request = try? ControlCoding.decoder().decode(ControlRequest.self, from: Data(line)) else {
            return ControlResponse(ok: false, error: "malformed request: expected one JSON object {\"command\": …} on one line")
        }
        switch request.command {
        case "status":
            return ControlResponse(ok: true, status: statusReport())
        case "queue":
            do {
                return ControlResponse(ok: true, queue: try await queueReport())
            } catch {
                return ControlResponse(ok: false, error: "cannot read the outbox: \(error)")
            }
        default:
            return ControlResponse(ok: false, error: "unknown command \"\(request.command.prefix(40))\" (expected: status, queue)")
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

extension ControlCommands {
    func queueReport(now: Date = Date()) async throws -> QueueReport {
        let stats = try await database.outbox.stats()
        return QueueReport(
            counts: Dictionary(uniqueKeysWithValues: stats.counts.map { ($0.key.rawValue, $0.value) }),
            oldestPendingAgeSeconds: stats.oldestPendingAge(now: now),
            lastSuccessAt: stats.lastSuccessAt, lastError: stats.lastError, lastErrorAt: stats.lastErrorAt)
    }
}
