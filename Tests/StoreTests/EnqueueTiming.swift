import Foundation
import Testing
import Store

/// Prints store throughput figures; asserts nothing about time. Runs only with `STORE_TIMING=1`
/// (see `Sources/Store/Benchmarking.swift`).
@Suite("Enqueue timing", .enabled(if: ProcessInfo.processInfo.environment["STORE_TIMING"] == "1"))
struct EnqueueTiming {
    private func seconds(_ body: () async throws -> Void) async rethrows -> Double {
        let start = ContinuousClock.now
        try await body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    @Test func enqueueAndDrainRates() async throws {
        let directory = try TemporaryDirectory()
        var options = KioskDatabase.Options()
        options.clock = { Date() }
        let store = try KioskDatabase(stateDirectory: directory.path, options: options)

        let single = 2_000
        let singleTime = try await seconds {
            for n in 0..<single {
                try await store.outbox.enqueue(.syncProbe, subject: ResidentKey("probe-\(n % 100)"), payload: Probe(n: n))
            }
        }
        print("enqueue, one per transaction: \(Int(Double(single) / singleTime))/s")

        let batches = 1_000, perBatch = 100
        let batchedTime = try await seconds {
            for batch in 0..<batches {
                try await store.write { tx in
                    for n in 0..<perBatch {
                        try tx.enqueue(.syncProbe, subject: ResidentKey("probe-\(n)"), payload: Probe(n: batch * perBatch + n))
                    }
                }
            }
        }
        print("enqueue, \(perBatch) per transaction: \(Int(Double(batches * perBatch) / batchedTime))/s")

        for size in [1, 50, 100, 500] {
            var drained = 0
            let limit = size == 1 ? 2_000 : 25_000
            let time = try await seconds {
                while drained < limit {
                    let batch = try await store.outbox.claim(limit: size)
                    if batch.isEmpty { break }
                    try await store.outbox.markAcked(batch.map(\.id))
                    drained += batch.count
                }
            }
            print("claim + ack at batch size \(size): \(Int(Double(drained) / time)) records/s (\(drained) records)")
        }
        #expect(try await store.integrityCheck() == ["ok"])
    }
}
