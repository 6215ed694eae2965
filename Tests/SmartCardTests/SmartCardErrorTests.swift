import KioskBase
import SmartCard
import Testing

@Suite("SmartCardError")
struct SmartCardErrorTests {
    @Test("a removed card is its own case whatever the call")
    func removedCard() {
        let error = SmartCardError.cardRemoved(call: "SCardTransmit", status: 0x8010_0069)
        #expect(error.isCardRemoved)
        #expect(error.code == "card.removed")
        #expect(error.detail.contains("SCardTransmit"))
        #expect(error.detail.contains("0x80100069"))
    }

    @Test("every case has a stable dotted code")
    func codes() {
        let errors: [SmartCardError] = [
            .serviceUnavailable(call: "SCardEstablishContext", status: 0x8010_001D),
            .noReaders(call: "SCardListReaders"),
            .readerUnavailable(call: "SCardConnect", status: 0x8010_0009),
            .sharingViolation(call: "SCardConnect"),
            .unresponsiveCard(call: "SCardConnect", status: 0x8010_0066),
            .cancelled(call: "SCardGetStatusChange"),
            .timeout(call: "SCardGetStatusChange"),
            .failed(call: "SCardTransmit", status: 0x8010_0016),
            .invalidCommand("x"),
            .malformedResponse("y"),
            .connectionClosed,
        ]
        let codes = errors.map(\.code)
        #expect(Set(codes).count == errors.count)
        #expect(codes.allSatisfy { $0.hasPrefix("card.") })
        #expect(errors.allSatisfy { !$0.isCardRemoved })
        let kioskError: any KioskError = errors[0]
        #expect(kioskError.description.hasPrefix("card.serviceUnavailable: SCardEstablishContext failed"))
    }
}
