import Foundation
import Store

/// What became of one record in a delivery attempt.
enum RecordOutcome: Sendable, Equatable {
    /// The server has it.
    case acked
    /// Try again later; the error text is kept for operators.
    case retry(String)
    /// The server refused it for good.
    case dead(String)
}

/// The reading of one attempt to send a bundle.
struct DeliveryVerdict: Sendable, Equatable {
    /// One outcome per record of the bundle, in order.
    var outcomes: [RecordOutcome]
    /// How long the server asked us to wait (`Retry-After`), if it did.
    var retryAfter: Duration?
    /// The server failed or was unreachable (counts against the circuit breaker).
    var serverFailed: Bool
    /// The server refused the whole bundle; with several records, send them one by one to find
    /// the one it refuses instead of giving up on all.
    var refusedWhole: Bool

    /// Classifies `result` for `bundle`.
    static func classify(_ bundle: TransactionBundle, _ result: Result<UpstreamResponse, SyncError>, now: Date) -> DeliveryVerdict {
        let count = bundle.records.count
        func all(_ outcome: RecordOutcome, serverFailed: Bool, retryAfter: Duration? = nil, refused: Bool = false) -> DeliveryVerdict {
            DeliveryVerdict(outcomes: Array(repeating: outcome, count: count), retryAfter: retryAfter,
                            serverFailed: serverFailed, refusedWhole: refused)
        }
        let response: UpstreamResponse
        switch result {
        case .failure(let error): return all(.retry(error.description), serverFailed: true)
        case .success(let value): response = value
        }
        let outcome = OperationOutcomeText.from(response.body)
        switch response.status {
        case 200..<300:
            do {
                let results = try TransactionResponse.entryResults(response.body, expected: bundle.entryCount)
                return DeliveryVerdict(outcomes: perRecord(bundle, results), retryAfter: nil, serverFailed: false, refusedWhole: false)
            } catch {
                return all(.retry("\(error)"), serverFailed: true)
            }
        case 408, 429, 500...:
            let retryAfter = response.retryAfter.flatMap { RetryAfter.parse($0, now: now) }
            let error = SyncError(.unavailable, "HTTP \(response.status)" + (outcome.map { ": \($0)" } ?? ""))
            return all(.retry(error.description), serverFailed: true, retryAfter: retryAfter)
        case 400..<500:
            let error = SyncError(.rejected, "HTTP \(response.status): " + (outcome ?? "no OperationOutcome in the response"))
            return all(.dead(error.description), serverFailed: false, refused: true)
        default:
            let error = SyncError(.malformedResponse, "unexpected HTTP \(response.status)")
            return all(.retry(error.description), serverFailed: true)
        }
    }

    /// Per record: acked when every entry of it succeeded; dead when an entry was refused for
    /// good; else retried.
    static func perRecord(_ bundle: TransactionBundle, _ results: [EntryResult]) -> [RecordOutcome] {
        var outcomes = Array(repeating: RecordOutcome.acked, count: bundle.records.count)
        for (index, result) in results.enumerated() where !(200..<300).contains(result.status) {
            let owner = bundle.entryOwners[index]
            let text = "entry \(index) HTTP \(result.status)" + (result.outcome.map { ": \($0)" } ?? "")
            let refused = (400..<500).contains(result.status) && result.status != 408 && result.status != 429
            switch outcomes[owner] {
            case .dead: continue
            case .retry where !refused: continue
            default:
                outcomes[owner] = refused ? .dead(SyncError(.rejected, text).description)
                    : .retry(SyncError(.unavailable, text).description)
            }
        }
        return outcomes
    }
}
