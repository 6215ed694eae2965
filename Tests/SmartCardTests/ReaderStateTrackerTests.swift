@testable import SmartCard
import Testing

@Suite("Reader state bookkeeping behind ReaderMonitor")
struct ReaderStateTrackerTests {
    let present: UInt = 0x0020 | 0x0002
    let empty: UInt = 0x0010 | 0x0002

    @Test("readers plugged in and out; a card on an unplugged reader is removed first")
    func readers() {
        var tracker = ReaderStateTracker()
        #expect(tracker.update(readers: ["A", "B"]) == [.readerAdded("A"), .readerAdded("B")])
        _ = tracker.update(reader: "B", eventState: present, atr: [0x3B, 0x00])
        #expect(tracker.update(readers: ["A"]) == [.cardRemoved(reader: "B"), .readerRemoved("B")])
        #expect(tracker.update(readers: ["A", "C"]) == [.readerAdded("C")])
        #expect(tracker.removeAll() == [.readerRemoved("A"), .readerRemoved("C")])
    }

    @Test("card insertion, removal, and a swap between two waits (event counter)")
    func cards() {
        var tracker = ReaderStateTracker()
        _ = tracker.update(readers: ["A"])
        #expect(tracker.update(reader: "A", eventState: empty, atr: []) == [])
        #expect(tracker.update(reader: "A", eventState: present | 0x1_0000, atr: [0x3B, 0x01]) ==
            [.cardInserted(reader: "A", atr: AnswerToReset([0x3B, 0x01]))])
        #expect(tracker.update(reader: "A", eventState: present | 0x3_0000, atr: [0x3B, 0x02]) ==
            [.cardRemoved(reader: "A"), .cardInserted(reader: "A", atr: AnswerToReset([0x3B, 0x02]))])
        #expect(tracker.update(reader: "A", eventState: empty | 0x4_0000, atr: []) == [.cardRemoved(reader: "A")])
        #expect(tracker.update(reader: "unknown", eventState: present, atr: []) == [])
    }

    @Test("a mute card is not reported as inserted")
    func muteCard() {
        var tracker = ReaderStateTracker()
        _ = tracker.update(readers: ["A"])
        #expect(tracker.update(reader: "A", eventState: present | 0x0200, atr: []) == [])
    }
}
