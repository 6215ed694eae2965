import Foundation

/// The server's answer to a transaction, per entry.
struct EntryResult: Sendable, Equatable {
    /// The HTTP status of the entry (`response.status`, "201 Created" → 201).
    let status: Int
    /// The entry's OperationOutcome text, if any.
    let outcome: String?
}

/// Reads a `transaction-response` Bundle.
enum TransactionResponse {
    /// One result per entry sent; throws ``SyncFailure/malformedResponse`` when the body is
    /// not a Bundle, or has not exactly `expected` entries each with a status.
    static func entryResults(_ body: Data, expected: Int) throws -> [EntryResult] {
        guard let json = try? JSONDecoder().decode(FHIRJSON.self, from: body) else {
            throw SyncError(.malformedResponse, "response is not JSON (\(body.count) bytes)")
        }
        guard json["resourceType"]?.stringValue == "Bundle" else {
            throw SyncError(.malformedResponse, "response is not a Bundle")
        }
        let entries = json["entry"]?.arrayValue ?? []
        guard entries.count == expected else {
            throw SyncError(.malformedResponse, "response has \(entries.count) entries for \(expected) sent")
        }
        return try entries.enumerated().map { index, entry in
            guard let text = entry["response"]?["status"]?.stringValue,
                  let status = Int(text.prefix { $0.isNumber }) else {
                throw SyncError(.malformedResponse, "response entry \(index) has no status")
            }
            return EntryResult(status: status, outcome: entry["response"]?["outcome"].flatMap(OperationOutcomeText.from))
        }
    }
}
