public import Foundation

/// A request to the daemon over the control socket: one JSON object on one line.
public struct ControlRequest: Codable, Sendable, Equatable {
    public var command: String
    /// How many, for commands that take a count (`sync.probe`, `queue.list`).
    public var count: Int?
    /// Outbox state filter (`queue.list`).
    public var state: String?
    /// Outbox record id (`queue.show`, `queue.retry`).
    public var id: String?
    /// The fields of a `payments.*` command.
    public var payment: PaymentControlRequest?
    /// The fields of a `checkin` command.
    public var checkIn: CheckInControlRequest?

    public init(command: String, count: Int? = nil, state: String? = nil, id: String? = nil, payment: PaymentControlRequest? = nil,
                checkIn: CheckInControlRequest? = nil) {
        self.checkIn = checkIn
        self.command = command
        self.count = count
        self.state = state
        self.id = id
        self.payment = payment
    }
}

/// The daemon's answer: one JSON object on one line, either a result or an error.
public struct ControlResponse: Codable, Sendable {
    public var ok: Bool
    public var error: String?
    public var status: DaemonStatusReport?
    public var queue: QueueReport?
    /// What a command did, in one line (`sync.now`, `sync.probe`, `queue.retry`).
    public var message: String?
    /// Outbox records (`queue.list`, `queue.show`).
    public var records: [OutboxEntry]?
    /// Payments, a VietQR payload or the day's report (`payments.*`).
    public var payments: PaymentControlAnswer?
    /// The Prometheus text exposition (`metrics`).
    public var metrics: String?
    /// The visit a check-in opened (`checkin`).
    public var checkIn: CheckInControlAnswer?

    public init(ok: Bool, error: String? = nil, status: DaemonStatusReport? = nil, queue: QueueReport? = nil,
                message: String? = nil, records: [OutboxEntry]? = nil, payments: PaymentControlAnswer? = nil, metrics: String? = nil,
                checkIn: CheckInControlAnswer? = nil) {
        self.checkIn = checkIn
        self.payments = payments
        self.metrics = metrics
        self.ok = ok
        self.error = error
        self.status = status
        self.queue = queue
        self.message = message
        self.records = records
    }
}

/// What `kioskctl status` shows: version, uptime, config and the state of every service.
public struct DaemonStatusReport: Codable, Sendable {
    /// One service of the daemon and its state.
    public struct ServiceEntry: Codable, Sendable {
        public var name: String
        public var state: String
        public var detail: String?
    }

    public var version: String
    public var pid: Int32
    public var startedAt: Date
    public var uptimeSeconds: Double
    public var configPath: String
    public var configReloads: Int
    public var lastReloadError: String?
    public var facilityCode: String
    public var kioskID: String
    public var services: [ServiceEntry]
}

/// What `kioskctl queue` shows: the outbox by state, its oldest undelivered record, the last
/// delivery success and error.
public struct QueueReport: Codable, Sendable {
    public var counts: [String: Int]
    public var oldestPendingAgeSeconds: Double?
    public var lastSuccessAt: Date?
    public var lastError: String?
    public var lastErrorAt: Date?

    public init(counts: [String: Int], oldestPendingAgeSeconds: Double?, lastSuccessAt: Date?, lastError: String?, lastErrorAt: Date?) {
        self.counts = counts
        self.oldestPendingAgeSeconds = oldestPendingAgeSeconds
        self.lastSuccessAt = lastSuccessAt
        self.lastError = lastError
        self.lastErrorAt = lastErrorAt
    }
}

/// One outbox record as `kioskctl queue list|show` shows it; the payload only for `show`.
public struct OutboxEntry: Codable, Sendable {
    public var id: String
    public var kind: String
    public var state: String
    public var attempts: Int
    public var createdAt: Date
    public var nextAttemptAt: Date
    public var lastError: String?
    public var payload: String?
}

/// The JSON coding used on the control socket (ISO 8601 dates, sorted keys).
public enum ControlCoding {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

/// The version of kioskd and kioskctl.
public enum KioskVersion {
    public static let current = "0.1.0"
}
