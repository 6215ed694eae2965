import EMRTD
import Foundation
import SmartCard
import Testing
import VirtualCard

/// The card pulled in the middle of a full PACE read, at many APDU indices: each read ends with
/// SmartCard's typed card-removed error (no crash, no hang) and the next insertion reads in full.
extension LiveCardTests {
@Suite("CCCD pulled during a read")
struct CardRemovalTests {
    let profile: VirtualCCCDProfile
    let card: VirtualCCCD

    init() throws {
        try CardEnvironment.requireAvailable()
        profile = try CardEnvironment.profile()
        card = try VirtualCCCD(profile: profile)
    }

    /// The indices to pull at: every one when there are few, else a deterministic spread that
    /// keeps the first and the last.
    static func indices(of count: Int, limit: Int = 40) -> [Int] {
        guard count > limit else { return Array(0..<count) }
        return Array(Set((0..<limit).map { $0 * (count - 1) / (limit - 1) })).sorted()
    }

    @Test("pulled at every APDU index of a full read: a card-removed error, then a full read")
    func pulledAtEveryIndex() async throws {
        let key = try AccessKey.can(profile.effectiveCAN)
        let counter = VPCDClient(applet: try card.applet(), options: .init(port: CardEnvironment.port))
        let baseline = try await CardEnvironment.withCard(counter) { connection in
            try await DocumentReader(channel: connection).read(key: key)
        }
        let total = counter.answeredCommands
        #expect(total == baseline.statistics.apdus)
        for index in Self.indices(of: total) {
            // The card stays out until pcscd has seen the empty slot (a card back within
            // SmartCard's removal wait would look like a link failure, not a removal).
            let client = VPCDClient(applet: try card.applet(), options: .init(port: CardEnvironment.port, removeAfter: index))
            try client.insert()
            let first = try await CardEnvironment.connectWhenPresent()
            do {
                _ = try await DocumentReader(channel: first).read(key: key)
                Issue.record("pull at APDU \(index): the read succeeded")
            } catch let error as SmartCardError {
                #expect(error.isCardRemoved, "pull at APDU \(index): \(error)")
            } catch {
                Issue.record("pull at APDU \(index): not SmartCard's error: \(error)")
            }
            try? await first.disconnect()
            client.remove()
            #expect(client.answeredCommands == index)
            // pcscd must see the empty slot before the card returns, or it may still hold the
            // pulled card's power state and refuse the new one's protocol.
            try await CardEnvironment.waitUntilEmpty()

            let again = VPCDClient(applet: try card.applet(), options: .init(port: CardEnvironment.port))
            let contents = try await CardEnvironment.withCard(again) { connection in
                try await DocumentReader(channel: connection).read(key: key)
            }
            #expect(contents.files == baseline.files, "after the pull at APDU \(index)")
        }
    }
}
}
