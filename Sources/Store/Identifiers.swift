import Foundation

/// The identifier of a stored record: a lowercase UUIDv7 string, time-ordered.
///
/// `Record` only tags the identifier with the table it belongs to (``VisitID``, ``PaymentID``,
/// ``IdentityCheckID``, ``OutboxID``), so that one kind cannot be passed where another is wanted.
public struct RecordID<Record>: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The canonical lowercase text form, as stored.
    public let rawValue: String

    /// Wraps an identifier read back from elsewhere (a `kioskctl` argument, a payload).
    public init(rawValue: String) {
        self.rawValue = rawValue.lowercased()
    }

    init(_ uuid: UUID) {
        self.rawValue = uuid.uuidString.lowercased()
    }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}

/// Identifies a ``Visit``.
public typealias VisitID = RecordID<Visit>
/// Identifies a ``Payment``.
public typealias PaymentID = RecordID<Payment>
/// Identifies an ``IdentityCheck``.
public typealias IdentityCheckID = RecordID<IdentityCheck>
/// Identifies an ``OutboxRecord``; also the idempotency key sent upstream.
public typealias OutboxID = RecordID<OutboxRecord>

/// The key under which a resident's records are grouped (outbox subject, visit owner).
///
/// Chosen by the caller (for example the registry's resident id or a keyed hash of the citizen
/// ID number). It prints as `<redacted>` so that it never reaches a log by accident; the stored
/// and encoded form is the plain string.
public struct ResidentKey: Hashable, Sendable, Codable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The key itself. Do not log it.
    public let rawValue: String

    /// Wraps a key.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}
