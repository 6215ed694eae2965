public import Foundation
public import Store

/// A FHIR `transaction` Bundle for one batch of outbox records, ready to send.
public struct TransactionBundle: Sendable {
    /// The JSON body.
    public let body: Data
    /// The records it carries, in bundle order.
    public let records: [OutboxRecord]
    /// For each bundle entry, the index in ``records`` of the record it belongs to.
    public let entryOwners: [Int]
    /// Records that could not be mapped, with why; they are not in ``body``.
    public let unmapped: [(record: OutboxRecord, error: SyncError)]

    /// Number of entries in the bundle.
    public var entryCount: Int { entryOwners.count }
}
