import Foundation
import Store
import Sync

/// Answers control-socket requests from the daemon's state and database.
struct ControlCommands: Sendable {
    let state: DaemonState
    let database: KioskDatabase
    let sync: SyncEngine
    /// The payment desk's commands; nil when the daemon takes no payments.
    var payments: PaymentCommands? = nil
    /// The metrics registry; nil when the daemon keeps none.
    var metrics: KioskMetrics? = nil
    /// The check-in desk; nil when the daemon runs none.
    var checkIn: CheckInDesk? = nil

    /// Most probe records one request may enqueue.
    static let maximumProbeCount = 10_000

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
        case "queue.list", "queue.show", "queue.fhir", "queue.retry":
            do {
                return try await outboxCommand(request)
            } catch {
                return ControlResponse(ok: false, error: "cannot read the outbox: \(error)")
            }
        case "metrics":
            guard let metrics else { return ControlResponse(ok: false, error: "this daemon keeps no metrics") }
            return ControlResponse(ok: true, metrics: await metrics.render())
        case "sync.now":
            sync.nudge()
            return ControlResponse(ok: true, message: "delivery round requested")
        case "sync.probe":
            let count = request.count ?? 1
            guard (1...Self.maximumProbeCount).contains(count) else {
                return ControlResponse(ok: false, error: "probe count \(count) is outside 1...\(Self.maximumProbeCount)")
            }
            do {
                try await enqueueProbes(count)
                sync.nudge()
                return ControlResponse(ok: true, message: "\(count) test record(s) queued for the upstream server")
            } catch {
                return ControlResponse(ok: false, error: "cannot queue test records: \(error)")
            }
        case "checkin":
            guard let checkIn else { return ControlResponse(ok: false, error: "this daemon runs no check-in desk") }
            guard let fields = request.checkIn else { return ControlResponse(ok: false, error: "checkin needs its fields (can, service, waitSeconds)") }
            let (answer, error) = await checkIn.respond(fields)
            return ControlResponse(ok: error == nil, error: error, checkIn: answer)
        case let name where name.hasPrefix("payments."):
            guard let payments else { return ControlResponse(ok: false, error: "this daemon takes no payments ([payments] is not configured)") }
            let (answer, error) = await payments.respond(name, request.payment ?? PaymentControlRequest())
            return ControlResponse(ok: error == nil, error: error, payments: answer)
        default:
            return ControlResponse(ok: false, error: "unknown command \"\(request.command.prefix(40))\" (expected: status, queue, queue.list, queue.show, queue.fhir, queue.retry, sync.now, sync.probe, metrics, checkin, payments.*)")
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
    /// Synthetic records, marked as tests and free of personal data, that prove the path to the
    /// server end to end; one transaction for all of them.
    func enqueueProbes(_ count: Int) async throws {
        let subject = ResidentKey("sync-probe")
        _ = try await database.write { tx in
            for sequence in 1...count {
                _ = try tx.enqueue(.syncProbe, subject: subject, payload: SyncProbe(sequence: sequence))
            }
        }
    }

    func queueReport(now: Date = Date()) async throws -> QueueReport {
        let stats = try await database.outbox.stats()
        return QueueReport(
            counts: Dictionary(uniqueKeysWithValues: stats.counts.map { ($0.key.rawValue, $0.value) }),
            oldestPendingAgeSeconds: stats.oldestPendingAge(now: now),
            lastSuccessAt: stats.lastSuccessAt, lastError: stats.lastError, lastErrorAt: stats.lastErrorAt)
    }
}

extension ControlCommands {
    /// `queue.list` (by state), `queue.show` (one record with its payload), `queue.fhir` (the
    /// transaction Bundle sent for one record), `queue.retry` (a dead record, or every dead
    /// record when no id is given).
    func outboxCommand(_ request: ControlRequest) async throws -> ControlResponse {
        let outbox = database.outbox
        switch request.command {
        case "queue.list":
            var state: OutboxState?
            if let name = request.state {
                guard let known = OutboxState(rawValue: name) else {
                    return ControlResponse(ok: false, error: "unknown state \"\(name.prefix(20))\" (expected pending, sending, acked or dead)")
                }
                state = known
            }
            let records = try await outbox.list(state: state, limit: min(max(request.count ?? 100, 1), 10_000))
            return ControlResponse(ok: true, records: records.map { Self.entry($0, withPayload: false) })
        case "queue.show":
            guard let id = request.id, let record = try await outbox.record(id: OutboxID(rawValue: id)) else {
                return ControlResponse(ok: false, error: "no outbox record with id \"\((request.id ?? "").prefix(40))\"")
            }
            return ControlResponse(ok: true, records: [Self.entry(record, withPayload: true)])
        case "queue.fhir":
            guard let id = request.id, let record = try await outbox.record(id: OutboxID(rawValue: id)) else {
                return ControlResponse(ok: false, error: "no outbox record with id \"\((request.id ?? "").prefix(40))\"")
            }
            do {
                return ControlResponse(ok: true, message: String(decoding: try await sync.bundle(for: record), as: UTF8.self))
            } catch {
                return ControlResponse(ok: false, error: "record \(id) cannot be mapped to FHIR: \(error)")
            }
        default:
            if let id = request.id {
                guard try await outbox.retry(id: OutboxID(rawValue: id)) else {
                    return ControlResponse(ok: false, error: "record \"\(id.prefix(40))\" is not a dead record")
                }
                sync.nudge()
                return ControlResponse(ok: true, message: "record \(id) queued again")
            }
            let count = try await outbox.retryAllDead()
            sync.nudge()
            return ControlResponse(ok: true, message: "\(count) dead record(s) queued again")
        }
    }

    static func entry(_ record: OutboxRecord, withPayload: Bool) -> OutboxEntry {
        OutboxEntry(id: record.id.rawValue, kind: record.kind.rawValue, state: record.state.rawValue, attempts: record.attempts,
                    createdAt: record.createdAt, nextAttemptAt: record.nextAttemptAt, lastError: record.lastError,
                    payload: withPayload ? String(decoding: record.payload, as: UTF8.self) : nil)
    }
}
