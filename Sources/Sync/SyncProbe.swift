public import Foundation

/// The payload of a ``Store/OutboxKind/syncProbe`` record: a synthetic test record that proves
/// the path to the server end to end. It carries no personal data and maps to an `AuditEvent`
/// tagged as test data (`HTEST`).
public struct SyncProbe: Codable, Sendable, Equatable {
    /// Position in the technician's run of probes.
    public var sequence: Int
    /// When the probe was asked for.
    public var requestedAt: Date

    /// Describes a probe.
    public init(sequence: Int, requestedAt: Date = Date()) {
        self.sequence = sequence
        self.requestedAt = requestedAt
    }
}
