import Foundation
import Testing
import Store

@Suite("Queue numbers")
struct QueueNumberTests {
    private func open(_ store: KioskDatabase, _ station: String, _ who: String = "a") async throws -> Visit {
        try await store.records.openVisit(NewVisit(stationID: station, residentKey: resident(who), service: "general"))
    }

    @Test func incrementPerStationAndResetEachLocalDay() async throws {
        let directory = try TemporaryDirectory()
        let clock = TestClock()
        let store = try openStore(directory, clock: clock)
        #expect(try await open(store, stationA).queueNumber == 1)
        #expect(try await open(store, stationA).queueNumber == 2)
        #expect(try await open(store, stationB).queueNumber == 1)
        let third = try await open(store, stationA)
        #expect(third.queueNumber == 3)
        #expect(third.localDay == "2026-11-28")

        // 23:59 in Hanoi is still the same day (16:59 UTC)…
        clock.advance(by: 14 * 3600 + 59 * 60)
        #expect(try await open(store, stationA).queueNumber == 4)
        // …midnight in Hanoi (17:00 UTC) starts a new one.
        clock.advance(by: 60)
        let next = try await open(store, stationA)
        #expect(next.queueNumber == 1)
        #expect(next.localDay == "2026-11-29")
        #expect(try await open(store, stationB).queueNumber == 1)
    }

    @Test func concurrentCheckInsFromTwoProcessesGetDistinctNumbers() async throws {
        let directory = try TemporaryDirectory()
        let clock = TestClock()
        let first = try openStore(directory, clock: clock)
        let second = try openStore(directory, clock: clock)
        let numbers = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<40 {
                let store = index.isMultiple(of: 2) ? first : second
                group.addTask { try await store.records.openVisit(
                    NewVisit(stationID: stationA, residentKey: resident("\(index)"), service: "general")).queueNumber }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(numbers.sorted() == Array(1...40))
        #expect(try await first.outbox.stats().counts[.pending] == 40)
    }
}
