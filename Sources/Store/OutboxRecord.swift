public import Foundation

/// What an outbox record reports. An open vocabulary: the sync code maps each kind to FHIR.
public struct OutboxKind: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The stored text, dotted.
    public let rawValue: String
    /// Wraps a kind name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A visit was opened; payload: ``Visit``.
    public static let visitOpened = OutboxKind(rawValue: "visit.opened")
    /// A visit's status changed; payload: ``Visit``.
    public static let visitStatusChanged = OutboxKind(rawValue: "visit.status-changed")
    /// A payment was recorded; payload: ``Payment``.
    public static let paymentRecorded = OutboxKind(rawValue: "payment.recorded")
    /// A payment changed; payload: ``Payment``.
    public static let paymentUpdated = OutboxKind(rawValue: "payment.updated")
    /// An identity check was recorded; payload: ``IdentityCheck``.
    public static let identityChecked = OutboxKind(rawValue: "identity.checked")
    /// A synthetic test record for proving the path upstream; carries no personal data.
    public static let syncProbe = OutboxKind(rawValue: "sync.probe")

    public var description: String { rawValue }
}

/// Delivery state of an outbox record.
///
/// `pending` → (claim) → `sending` → `acked`, or back to `pending` for a retry, or `dead` when the
/// server refused it for good. `dead` returns to `pending` only by an operator's retry.
public enum OutboxState: String, Codable, Sendable, CaseIterable {
    /// Waiting for delivery (possibly until `nextAttemptAt`).
    case pending
    /// Claimed by the sync engine, in flight.
    case sending
    /// Accepted upstream.
    case acked
    /// Refused upstream; kept until an operator retries it.
    case dead
}

/// One outbox row.
public struct OutboxRecord: Sendable, Equatable {
    /// Time-ordered UUIDv7; also the idempotency key upstream.
    public let id: OutboxID
    /// What it reports.
    public let kind: OutboxKind
    /// Whose record it is; records of one subject are delivered in order.
    public let subject: ResidentKey
    /// The JSON payload, in ``PayloadCoding``'s form.
    public let payload: Data
    /// When it was enqueued.
    public let createdAt: Date
    /// Failed delivery attempts so far.
    public let attempts: Int
    /// Not to be claimed before this instant.
    public let nextAttemptAt: Date
    /// Delivery state.
    public let state: OutboxState
    /// The last failure, if any.
    public let lastError: String?
    /// When it was accepted upstream.
    public let ackedAt: Date?

    /// Decodes the payload as `type`.
    public func decodePayload<T: Decodable>(as type: T.Type) throws -> T {
        do {
            return try PayloadCoding.decoder().decode(type, from: payload)
        } catch {
            throw StoreError.wrap(error, operation: "outbox.decodePayload \(kind)")
        }
    }
}

/// Figures for `kioskctl queue` and metrics.
public struct OutboxStats: Sendable, Equatable {
    /// Number of records in each state (every state present, zero when empty).
    public let counts: [OutboxState: Int]
    /// Enqueue time of the oldest record not yet delivered (`pending` or `sending`).
    public let oldestPendingAt: Date?
    /// Earliest `next_attempt_at` of a `pending` record: when a claim will next find work.
    public let nextDueAt: Date?
    /// When a record was last acknowledged upstream.
    public let lastSuccessAt: Date?
    /// The last delivery error reported, and when.
    public let lastError: String?
    /// When ``lastError`` happened.
    public let lastErrorAt: Date?

    /// Age of the oldest undelivered record at `now`; nil when nothing waits.
    public func oldestPendingAge(now: Date = Date()) -> TimeInterval? {
        oldestPendingAt.map { max(0, now.timeIntervalSince($0)) }
    }
}
