import Foundation
import Store
import Testing
@testable import Sync

/// How one server answer becomes per-record outcomes.
@Suite struct DeliveryVerdictTests {
    static func bundle(_ store: TestStore) async throws -> TransactionBundle {
        try await store.produce(6)
        return try FHIRMapper(options: FHIRMappingOptions(stationID: "S", kioskID: "K"))
            .transaction(for: try await store.database.outbox.list())
    }

    static func response(_ statuses: [String]) -> UpstreamResponse {
        let entries = statuses.map { #"{"response":{"status":"\#($0)"}}"# }.joined(separator: ",")
        return UpstreamResponse(status: 200, body: Data(#"{"resourceType":"Bundle","type":"transaction-response","entry":[\#(entries)]}"#.utf8))
    }

    @Test func eachRecordIsAckedOnlyWhenAllItsEntriesSucceeded() async throws {
        let store = try TestStore()
        defer { store.remove() }
        let bundle = try await Self.bundle(store)
        // Entries: Patient, Encounter (visit) | AuditEvent | ChargeItem, Invoice | Invoice | Encounter | probe.
        #expect(bundle.entryOwners == [0, 0, 1, 2, 2, 3, 4, 5])
        let statuses = ["201 Created", "200 OK", "201 Created", "201 Created", "422 Unprocessable Entity", "503 Busy", "201", "201"]
        let verdict = DeliveryVerdict.classify(bundle, .success(Self.response(statuses)), now: Date())
        #expect(verdict.outcomes[0] == .acked)
        #expect(verdict.outcomes[1] == .acked)
        guard case .dead(let text) = verdict.outcomes[2] else { Issue.record("422 entry: \(verdict.outcomes[2])"); return }
        #expect(text.contains("entry 4 HTTP 422"))
        guard case .retry = verdict.outcomes[3] else { Issue.record("503 entry: \(verdict.outcomes[3])"); return }
        #expect(verdict.outcomes[4] == .acked && verdict.outcomes[5] == .acked)
        #expect(!verdict.serverFailed)
    }

    @Test func aResponseWithTheWrongEntryCountIsRetried() async throws {
        let store = try TestStore()
        defer { store.remove() }
        let bundle = try await Self.bundle(store)
        let verdict = DeliveryVerdict.classify(bundle, .success(Self.response(["201 Created"])), now: Date())
        #expect(verdict.serverFailed)
        #expect(verdict.outcomes.allSatisfy { if case .retry(let text) = $0 { text.hasPrefix("sync.malformedResponse") } else { false } })
    }

    @Test func statusClasses() async throws {
        let store = try TestStore()
        defer { store.remove() }
        let bundle = try await Self.bundle(store)
        for status in [408, 429, 500, 502, 503, 504] {
            let verdict = DeliveryVerdict.classify(bundle, .success(UpstreamResponse(status: status, retryAfter: "7", body: Data())), now: Date())
            #expect(verdict.serverFailed && verdict.retryAfter == .seconds(7), "HTTP \(status)")
        }
        for status in [400, 401, 403, 404, 409, 422] {
            let verdict = DeliveryVerdict.classify(bundle, .success(UpstreamResponse(status: status, body: Data())), now: Date())
            #expect(!verdict.serverFailed && verdict.refusedWhole, "HTTP \(status)")
        }
        let down = DeliveryVerdict.classify(bundle, .failure(SyncError(.transport, "connection refused")), now: Date())
        #expect(down.serverFailed && down.outcomes.allSatisfy { $0 == .retry("sync.transport: connection refused") })
    }
}
