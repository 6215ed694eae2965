/// Turns successive reader lists and `SCardGetStatusChange` results into ``ReaderEvent``s.
/// Pure bookkeeping, no pcsc-lite calls; ``ReaderMonitor`` feeds it.
struct ReaderStateTracker {
    /// What is known of one reader: the state word to hand back to pcscd, and the card.
    struct Slot {
        var state: UInt = PCSCConstant.stateUnaware
        var card: AnswerToReset?
    }

    private(set) var slots: [String: Slot] = [:]
    /// Reader names in the order pcscd listed them.
    private(set) var order: [String] = []

    /// Brings the reader set in line with `names`.
    mutating func update(readers names: [String]) -> [ReaderEvent] {
        var events: [ReaderEvent] = []
        for name in order where !names.contains(name) {
            if slots[name]?.card != nil { events.append(.cardRemoved(reader: name)) }
            events.append(.readerRemoved(name))
            slots[name] = nil
        }
        for name in names where slots[name] == nil {
            slots[name] = Slot()
            events.append(.readerAdded(name))
        }
        order = names
        return events
    }

    /// Records the outcome of one status-change wait for `reader`.
    mutating func update(reader name: String, eventState: UInt, atr: [UInt8]) -> [ReaderEvent] {
        guard var slot = slots[name] else { return [] }
        let previous = slot.state
        slot.state = eventState & ~PCSCConstant.stateChanged
        var events: [ReaderEvent] = []
        let present = eventState & PCSCConstant.statePresent != 0 && eventState & PCSCConstant.stateMute == 0
        // pcsc-lite counts card events in the upper 16 bits: a different count while a card is
        // still present means it was swapped between two waits.
        let swapped = present && slot.card != nil && previous != PCSCConstant.stateUnaware
            && (previous >> 16) != (eventState >> 16)
        if slot.card != nil && (!present || swapped) {
            events.append(.cardRemoved(reader: name))
            slot.card = nil
        }
        if present && slot.card == nil {
            let card = AnswerToReset(atr)
            events.append(.cardInserted(reader: name, atr: card))
            slot.card = card
        }
        slots[name] = slot
        return events
    }

    /// Everything is gone (pcscd stopped): remove cards, then readers.
    mutating func removeAll() -> [ReaderEvent] {
        update(readers: [])
    }
}
