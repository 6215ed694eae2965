import Foundation
import GRDB
import Testing
@testable import Store

@Suite("Query plans")
struct QueryPlanTests {
    /// The claim must walk an index in `seq` order and stop at its limit: a plan that sorts
    /// every due row would make each claim cost the whole backlog.
    @Test func claimWalksTheIndexInOrderWithoutSorting() async throws {
        let directory = try TemporaryDirectory()
        let store = try openStore(directory, clock: TestClock())
        let plan = try await store.read("test") { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + Outbox.claimableSQL, arguments: ["now": 0, "limit": 100])
                .map { row -> String in row["detail"] }
        }
        #expect(plan.contains { $0.contains("outbox_claim_scan") })
        #expect(!plan.contains { $0.contains("TEMP B-TREE FOR ORDER BY") })
    }
}
